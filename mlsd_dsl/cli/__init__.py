"""Stage 5: the `mlsd` command line."""
