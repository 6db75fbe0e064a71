"""What `mlsd check` found, per file, handed to an output format."""

from __future__ import annotations

from dataclasses import dataclass, field

from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.lint.coverage import Coverage


@dataclass
class FileReport:
    path: str
    valid: bool
    diagnostics: list[Diagnostic]
    sources: dict[str, str] = field(default_factory=dict)
    coverage: Coverage | None = None


@dataclass
class Report:
    files: list[FileReport]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for file in self.files for d in file.diagnostics]
