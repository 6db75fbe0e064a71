"""The pictures drawn for each gallery entry, and their file names."""

from __future__ import annotations

from dataclasses import dataclass

from mlsd_dsl.gallery.collect import Entry


@dataclass(frozen=True)
class Picture:
    """One rendering of a spec: `suffix` follows the spec's stem in the file name."""

    suffix: str
    fmt: str
    backend: str = "graphviz"
    gaps: bool = False

    def filename(self, entry: Entry) -> str:
        return f"{entry.stem}{self.suffix}"


DIAGRAM_SVG = Picture(".svg", "svg")
DIAGRAM_PNG = Picture(".png", "png")
ICONS_PNG = Picture(".icons.png", "png", backend="diagrams")
GAPS_SVG = Picture(".gaps.svg", "svg", gaps=True)
GAPS_PNG = Picture(".gaps.png", "png", gaps=True)

CASE_STUDY_PICTURES = (DIAGRAM_SVG, DIAGRAM_PNG, ICONS_PNG)
DRAFT_PICTURES = (GAPS_SVG, GAPS_PNG)


def pictures_of(entry: Entry) -> tuple[Picture, ...]:
    return DRAFT_PICTURES if entry.draft else CASE_STUDY_PICTURES


def draw(entry: Entry, picture: Picture) -> bytes:
    from mlsd_dsl.rendering import render

    findings = entry.report.findings if picture.gaps else None
    return render(entry.spec, fmt=picture.fmt, backend=picture.backend, gaps=picture.gaps, findings=findings)
