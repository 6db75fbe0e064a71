"""The report as one self-contained HTML page: styles inline, the diagram as inline SVG."""

from __future__ import annotations

import re
from html import escape

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint.coverage import CoverageStatus
from mlsd_dsl.report.document import (
    Badge,
    Block,
    BulletList,
    Diagram,
    Document,
    Heading,
    Inline,
    Paragraph,
    Table,
)

TAGS = {"strong": "strong", "code": "code", "em": "em"}
BADGE_SYMBOLS: dict[Badge, str] = {
    CoverageStatus.COVERED: "✓",
    CoverageStatus.PARTIAL: "!",
    CoverageStatus.MISSING: "✗",
    Severity.ERROR: "●",
    Severity.WARNING: "▲",
    Severity.INFO: "i",
}
XML_PROLOGUE = re.compile(r"\A\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?(<!--.*?-->\s*)*", re.DOTALL)
STYLE = """
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --line: #d1d9e0;
        --soft: #f6f8fa; --accent: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --line: #3d444d; --soft: #151b23;
          --accent: #4493f8; }
  figure.diagram { background: #ffffff; }
}
body { margin: 0; background: var(--bg); color: var(--fg);
       font: 15px/1.55 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 32px 24px 64px; }
h1 { font-size: 2em; border-bottom: 1px solid var(--line); padding-bottom: .3em; }
h2 { font-size: 1.5em; border-bottom: 1px solid var(--line); padding-bottom: .3em; margin-top: 2em; }
h3 { font-size: 1.1em; color: var(--muted); margin-top: 1.4em; }
a { color: var(--accent); }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft);
       padding: .15em .35em; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border: 1px solid var(--line); padding: 6px 12px; text-align: left; vertical-align: top; }
th { background: var(--soft); }
ul { padding-left: 1.4em; }
li { margin: .25em 0; }
figure.diagram { margin: 1em 0; padding: 12px; border: 1px solid var(--line); border-radius: 6px;
                 overflow-x: auto; }
figure.diagram svg { max-width: 100%; height: auto; }
nav.toc { font-size: .95em; }
.badge { display: inline-block; padding: 0 .55em; border-radius: 1em; font-size: .85em; font-weight: 600;
         white-space: nowrap; border: 1px solid currentColor; }
.badge.covered { color: #1a7f37; } .badge.partial, .badge.warning { color: #9a6700; }
.badge.missing, .badge.error { color: #cf222e; } .badge.info { color: #0969da; }
@media (prefers-color-scheme: dark) {
  .badge.covered { color: #3fb950; } .badge.partial, .badge.warning { color: #d29922; }
  .badge.missing, .badge.error { color: #f85149; } .badge.info { color: #4493f8; }
}
"""


def render_html(document: Document) -> str:
    body = "\n".join(_block(block) for block in document.blocks)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{_contents(document)}\n{body}\n</main>\n</body>\n</html>\n"
    )


def inline(content: Inline) -> str:
    parts = []
    for span in content:
        if span.badge is not None:
            parts.append(f'<span class="badge {span.text}">{BADGE_SYMBOLS[span.badge]} {span.text}</span>')
            continue
        tag = TAGS.get(span.style)
        parts.append(f"<{tag}>{escape(span.text)}</{tag}>" if tag else escape(span.text))
    return "".join(parts)


def _contents(document: Document) -> str:
    links = [
        f'<a href="#{block.anchor}">{inline(block.content)}</a>'
        for block in document.blocks
        if isinstance(block, Heading) and block.level == 2 and block.anchor
    ]
    return f'<nav class="toc">{" · ".join(links)}</nav>' if links else ""


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
        return f"<h{block.level}{anchor}>{inline(block.content)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{inline(block.content)}</p>"
    if isinstance(block, BulletList):
        return "<ul>\n" + "\n".join(f"<li>{inline(item)}</li>" for item in block.items) + "\n</ul>"
    if isinstance(block, Table):
        head = "".join(f"<th>{escape(cell)}</th>" for cell in block.header)
        rows = "\n".join(
            "<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>" for row in block.rows
        )
        return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
    return _diagram(block)


def _diagram(diagram: Diagram) -> str:
    if diagram.svg is None:
        return ""
    svg = XML_PROLOGUE.sub("", diagram.svg, count=1)
    return f'<figure class="diagram" aria-label="{escape(diagram.title)}">\n{svg.strip()}\n</figure>'
