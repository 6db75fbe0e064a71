"""What the live server and the static export share: the page shell, the diagram, rule texts.

The page is one shell filled by `static/app.js`. Served, it loads the script and the style from
`/static/` and its data from the JSON API; exported, it carries them inline, with the data as a
JSON block keyed by the API address the script would have asked, and a Content-Security-Policy
that allows only that script and style (by hash).
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from importlib import resources
from typing import Any

from mlsd_dsl.rendering.options import THEMES
from mlsd_dsl.serve.analysis import Analysis

STATIC_FILES = {"app.js": "text/javascript", "style.css": "text/css"}
RENDER_TIMEOUT = 30.0  # seconds graphviz may take on one diagram


def static_file(name: str) -> bytes:
    return resources.files("mlsd_dsl.serve").joinpath("static", name).read_bytes()


def page_html(which: str, name: str = "") -> str:
    """The served page shell; app.js fills it from the JSON API, writing every name as text."""
    head = '<link rel="stylesheet" href="/static/style.css">\n<script src="/static/app.js" defer></script>\n'
    return _shell(which, name, head, " ".join(THEMES))


def exported_html(which: str, name: str, data: dict[str, Any], root: str, themes: tuple[str, ...]) -> str:
    """A self-contained page of the static export: style, script and data inline."""
    style = static_file("style.css").decode("utf-8")
    script = static_file("app.js").decode("utf-8")
    policy = (
        f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(style)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    payload = json.dumps({"root": root, "data": data}, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    csp = f'<meta http-equiv="Content-Security-Policy" content="{escape(policy, quote=False)}">\n'
    head = f"{csp}<style>{style}</style>\n"
    # an inline script runs where it stands: after the body it fills
    tail = f'<script type="application/json" id="mlsd-data">{payload}</script>\n<script>{script}</script>\n'
    return _shell(which, name, head, " ".join(themes), tail)


def _hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def _shell(which: str, name: str, head: str, themes: str, tail: str = "") -> str:
    title = f"{name} — mlsd serve" if name else "mlsd serve"
    body = f'<body data-page="{escape(which)}" data-spec="{escape(name)}" data-themes="{escape(themes)}">\n'
    noscript = "<noscript>This page needs JavaScript.</noscript>\n"
    meta = (
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
    )
    return f"<!DOCTYPE html>\n{meta}{head}</head>\n{body}{noscript}{tail}</body>\n</html>\n"


def draw(analysis: Analysis, theme: str, direction: str, gaps: bool) -> str:
    """The spec's diagram as the page inlines it; raises `RenderError` when it cannot be drawn."""
    from mlsd_dsl.rendering import RenderOptions, render_with
    from mlsd_dsl.serve.diagram import page_svg

    assert analysis.spec is not None, "only a spec that compiles is drawn"
    options = RenderOptions("svg", "graphviz", gaps, theme, direction, timeout=RENDER_TIMEOUT)
    return page_svg(render_with(analysis.spec, options, analysis.diagnostics))


def rule_json(code: str) -> dict[str, Any] | None:
    """A lint rule's or a language error's explanation, or None when there is no such code."""
    from mlsd_dsl.diagnostics import ERROR_CODES
    from mlsd_dsl.lint import get_rule

    rule = get_rule(code)
    if rule is not None:
        return {
            "code": rule.code,
            "name": rule.name,
            "title": rule.title,
            "step": f"{rule.step.number}. {rule.step.title}" if rule.step else rule.group,
            "rationale": rule.rationale,
            "fix": rule.fix,
            "bad": rule.bad,
            "good": rule.good,
        }
    language = ERROR_CODES.get(code.upper())
    if language is None:
        return None
    return {
        "code": language.value,
        "name": language.slug,
        "title": language.summary,
        "step": "Language error",
        "rationale": "The spec is not valid mlsd until it is fixed.",
    }
