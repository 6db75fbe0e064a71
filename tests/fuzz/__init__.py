"""The fuzz campaign (`python -m tests.fuzz.campaign`): hostile inputs through the API and the CLI.

Not collected by pytest; the bounded version that runs in the suite is tests/property/test_attacks.py.
"""
