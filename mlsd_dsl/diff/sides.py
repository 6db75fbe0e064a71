"""One version of one spec file, with what the linter says of it: the input of a comparison."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mlsd_dsl.compiler import Compilation, compile_file
from mlsd_dsl.compiler.sources import LOCAL_FILES, SourceFiles
from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.lint import LintConfig, lint_spec
from mlsd_dsl.model.spec import Spec


@dataclass(frozen=True)
class EstimateValue:
    """One back-of-the-envelope figure of a design (see `mlsd estimate`): its value in `unit`, and
    that value as `mlsd estimate` prints it (`shown`)."""

    title: str
    unit: str | None
    value: float | None
    shown: str


@dataclass(frozen=True)
class SpecSide:
    """A spec file at one version: `compilation` is None when the file does not exist there."""

    path: str
    compilation: Compilation | None
    findings: list[Diagnostic] = field(default_factory=list)
    estimates: dict[str, EstimateValue] = field(default_factory=dict)

    @property
    def exists(self) -> bool:
        return self.compilation is not None

    @property
    def spec(self) -> Spec | None:
        return self.compilation.spec if self.compilation else None


def absent(path: str) -> SpecSide:
    return SpecSide(path, None)


def load_side(path: Path, config: LintConfig, files: SourceFiles = LOCAL_FILES) -> SpecSide:
    """Compile the file (and its imports) from `files`, and lint it with `config`."""
    return analysed(compiled_side(path, files), config)


def compiled_side(path: Path, files: SourceFiles = LOCAL_FILES) -> SpecSide:
    compilation = compile_file(path, files)
    return SpecSide(compilation.path, compilation)


def analysed(side: SpecSide, config: LintConfig) -> SpecSide:
    """The side with its lint findings and estimates (none for a spec that does not compile)."""
    spec = side.spec
    if spec is None:
        return side
    return SpecSide(side.path, side.compilation, lint_spec(spec, config), estimates_of(spec))


def same_text(old: SpecSide, new: SpecSide) -> bool:
    """Whether both versions compiled from the very same text, imports included."""
    return (
        old.compilation is not None
        and new.compilation is not None
        and (old.compilation.sources == new.compilation.sources)
    )


def estimates_of(spec: Spec) -> dict[str, EstimateValue]:
    """The design's back-of-the-envelope figures (`mlsd estimate`) by their stable keys."""
    if spec.is_module:
        return {}
    from mlsd_dsl.estimate import estimate

    return {
        figure.key: EstimateValue(figure.title, figure.unit.value, figure.value, figure.shown)
        for figure in estimate(spec).figures
    }
