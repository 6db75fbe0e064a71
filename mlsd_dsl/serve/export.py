"""`mlsd serve --export DIR`: the same pages as static files, to share or publish.

DIR/index.html and DIR/spec/NAME.html, each self-contained (style, script, data and diagrams
inline) and readable from disk. A page carries the diagram in the light theme, left to right and
top to bottom, with and without the gaps; the other themes need the live server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from mlsd_dsl.files import write_atomically
from mlsd_dsl.rendering.options import DIRECTIONS, RenderError
from mlsd_dsl.serve.diagram import DiagramError
from mlsd_dsl.serve.page import draw, exported_html, rule_json
from mlsd_dsl.serve.workspace import SpecState, Workspace

EXPORTED_THEMES = ("light",)


def export_site(workspace: Workspace, target: Path) -> list[Path]:
    """Write the site; the files written, index first."""
    for name in workspace.names():
        workspace.refresh(name)
    states = [state for name in workspace.names() if (state := workspace.get(name)) and state.current]
    index = target / "index.html"
    write_atomically(index, exported_html("index", "", {"/api/specs": [s.summary() for s in states]}, "", ()))
    written = [index]
    for state in states:
        page = target / "spec" / f"{state.name}.html"
        root = "../" * (state.name.count("/") + 1)
        write_atomically(page, exported_html("spec", state.name, _spec_data(state), root, EXPORTED_THEMES))
        written.append(page)
    return written


def _spec_data(state: SpecState) -> dict[str, Any]:
    """The API answers the page asks for, keyed by their address."""
    name = _address(state.name)
    detail = state.detail()
    data: dict[str, Any] = {f"/api/spec/{name}": detail}
    good = state.last_good
    if good is not None:
        for theme in EXPORTED_THEMES:
            for direction in DIRECTIONS:
                for gaps in (False, True):
                    key = f"/api/diagram/{name}?theme={theme}&direction={direction}&gaps={int(gaps)}"
                    try:
                        data[key] = draw(good, theme, direction, gaps)
                    except (RenderError, DiagramError) as problem:
                        data[key] = {"error": str(problem)}
    for code in sorted({finding["code"] for finding in detail["diagnostics"]}):
        explanation = rule_json(code)
        if explanation is not None:
            data[f"/api/rule/{quote(code, safe='')}"] = explanation
    return data


def _address(name: str) -> str:
    """A spec's name as app.js writes it in an address (encodeURIComponent per path segment)."""
    return "/".join(quote(part, safe="!'()*~") for part in name.split("/"))
