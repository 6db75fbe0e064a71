"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from mlsd_dsl.parallel import default_jobs

Command = TypeVar("Command", bound=Callable[..., object])


def jobs_option(function: Command) -> Command:
    """`--jobs N`: how many processes work on the files; every processor by default."""
    option = click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=default_jobs,
        show_default="every processor",
        envvar="MLSD_JOBS",
        help="Work on this many files at once, in separate processes; the output is the same "
        "whatever the number (env MLSD_JOBS).",
    )
    return option(function)
