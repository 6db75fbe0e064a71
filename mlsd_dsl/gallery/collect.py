"""Finding the gallery's specs: case studies at the top of the folder, drafts anywhere below."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from mlsd_dsl.compiler import compile_file
from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.gallery.report import LintReport, lint_report
from mlsd_dsl.model.spec import Spec

SPEC_SUFFIX = ".mlsd"
DRAFT_SUFFIX = "_draft"


@dataclass(frozen=True)
class Entry:
    """One spec in the gallery: where it lives, what it compiles to, and whether it is a draft."""

    path: Path
    spec: Spec
    draft: bool

    @cached_property
    def report(self) -> LintReport:
        """What the linter says about the spec: computed once for every picture and README section."""
        return lint_report(self.spec)

    @property
    def stem(self) -> str:
        return self.path.stem


@dataclass
class Collection:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # texts of the files with problems


def collect(specs_dir: Path) -> Collection:
    """Case studies (`SPECS/*.mlsd` systems) first, then drafts (`SPECS/**/*_draft.mlsd`), by name.

    Module files (shared declarations without a `system`) are not drawn on their own.
    """
    collection = Collection()
    for path, draft in _candidate_paths(specs_dir):
        compilation = compile_file(path)
        if compilation.spec is None:
            collection.problems.extend(compilation.diagnostics)
            collection.sources.update(compilation.sources)
        elif not compilation.spec.is_module:
            collection.entries.append(Entry(path, compilation.spec, draft))
    return collection


def _candidate_paths(specs_dir: Path) -> list[tuple[Path, bool]]:
    case_studies = sorted(p for p in specs_dir.glob(f"*{SPEC_SUFFIX}") if not _is_draft(p))
    drafts = sorted(p for p in specs_dir.rglob(f"*{DRAFT_SUFFIX}{SPEC_SUFFIX}") if p.is_file())
    return [(path, False) for path in case_studies if path.is_file()] + [(path, True) for path in drafts]


def _is_draft(path: Path) -> bool:
    return path.stem.endswith(DRAFT_SUFFIX)
