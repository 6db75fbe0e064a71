"""Exit statuses shared by every command (as ruff: 0 clean, 1 findings, 2 errors)."""

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
