"""Layout quality of the gallery: does each diagram read at the width of a design doc?

    .venv/bin/python benchmarks/layout_quality.py                  # render specs/ afresh, both backends
    .venv/bin/python benchmarks/layout_quality.py --svg gallery/    # measure SVG files already drawn

For every diagram it reports, from the SVG Graphviz wrote (`mlsd_dsl/rendering/quality.py`):
pixel size of the 96 dpi PNG, aspect ratio (width / height), the smallest component-name text
height when the picture is scaled to 1000 px wide, edge crossings, edge labels lying on a cluster
border, and edges that pass through a cluster holding neither of their ends.
`tests/render/test_layout_quality.py` keeps the gallery within `TARGETS`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mlsd_dsl.rendering.quality import HEADER, TARGETS, measure


def render_gallery(specs: Path) -> Iterator[tuple[str, bytes]]:
    """SVGs of every gallery picture: each system with both backends, each draft with its gaps."""
    from mlsd_dsl.api import load
    from mlsd_dsl.lint import lint_spec
    from mlsd_dsl.rendering import render

    for path in sorted(specs.glob("*.mlsd")):
        spec = load(path)
        yield path.stem, render(spec, fmt="svg")
        yield f"{path.stem} (icons)", render(spec, fmt="svg", backend="diagrams")
    for path in sorted((specs / "broken").glob("*_draft.mlsd")):
        spec = load(path)
        yield f"{path.stem} (gaps)", render(spec, fmt="svg", gaps=True, findings=lint_spec(spec))


def measured_files(folder: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(folder.glob("*.svg")):
        yield path.name.removesuffix(".svg"), path.read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=Path, default=Path("specs"), help="render these specs (default)")
    parser.add_argument("--svg", type=Path, help="measure the SVG files in this folder instead")
    arguments = parser.parse_args()
    pictures = measured_files(arguments.svg) if arguments.svg else render_gallery(arguments.specs)
    print(HEADER)
    failing = 0
    for name, svg in pictures:
        quality = measure(name, svg)
        problems = quality.problems()
        failing += bool(problems)
        print(quality.row() + (f" ✗ {'; '.join(problems)}" if problems else ""))
    print(f"\n{failing} diagram(s) outside the targets {TARGETS}")


if __name__ == "__main__":
    main()
