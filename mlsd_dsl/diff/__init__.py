"""Semantic diff of designs: what changed between two versions of a spec, for review.

    >>> from mlsd_dsl.diff import diff_files, diff_revision
    >>> report = diff_revision("main", ["specs/"])     # the working tree against a git revision
    >>> report.specs[0].components_renamed

Components are matched by name, else as renames (`match.py`); attribute values compare as the
model types them; findings are matched by rule and component, not by line. The renderer is told
what to mark (`marks.py`) and draws the new design with it.
"""

from mlsd_dsl.diff.collect import NothingToCompare, diff_files, diff_revision
from mlsd_dsl.diff.compare import diff_sides
from mlsd_dsl.diff.git import GitError
from mlsd_dsl.diff.report import DiffReport, SpecDiff, SpecStatus
from mlsd_dsl.diff.sides import SpecSide, load_side

__all__ = [
    "DiffReport",
    "GitError",
    "NothingToCompare",
    "SpecDiff",
    "SpecSide",
    "SpecStatus",
    "diff_files",
    "diff_revision",
    "diff_sides",
    "load_side",
]
