"""Draw mlsd's curated icon set: vendor-neutral glyphs per kind and model role, and wordmark
plates for the ML tools the icon library lacks.

    .venv/bin/python -m pip install -e '.[icons]'       # once: cairosvg, which only this needs
    .venv/bin/python -m mlsd_dsl.rendering.make_glyphs  # rewrites mlsd_dsl/rendering/glyphs/*.png

Each glyph is hand-written SVG on a light rounded plate (so it shows on the dark theme too),
drawn in its stage's colour with one stroke width, and rasterised at 128 px.
"""

# ruff: noqa: E501  (hand-written SVG reads best a shape to a line)
from __future__ import annotations

import html
from pathlib import Path

from mlsd_dsl.catalog import technologies
from mlsd_dsl.model.framework import Stage
from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.rendering.icons import GLYPH_PREFIX, MODEL_GLYPHS, glyph_name
from mlsd_dsl.rendering.themes import LIGHT

OUT = Path(__file__).resolve().parent / "glyphs"
SIZE = 128
PLATE = '<rect x="2" y="2" width="60" height="60" rx="12" fill="#F6F8FA" stroke="{c}" stroke-width="2"/>'
S = 'fill="none" stroke="{c}" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"'
F = 'fill="{c}"'

GLYPHS: dict[str, str] = {
    # kinds
    "client": f'<circle cx="32" cy="23" r="8" {S}/><path d="M16 48c2-10 9-14 16-14s14 4 16 14" {S}/>',
    "source": f'<path d="M20 12h17l9 9v31H20z M37 12v9h9" {S}/><path d="M25 32h14 M25 39h14 M25 46h9" {S}/>',
    "stream": f'<path d="M10 32h38 M40 24l8 8-8 8" {S}/><rect x="12" y="17" width="7" height="7" {F}/>'
    f'<rect x="23" y="17" width="7" height="7" {F}/><rect x="12" y="40" width="7" height="7" {F}/>',
    "storage": f'<ellipse cx="32" cy="18" rx="15" ry="5" {S}/><path d="M17 18v28c0 3 7 5 15 5s15-2 15-5V18'
    f' M17 32c0 3 7 5 15 5s15-2 15-5" {S}/>',
    "processor": f'<circle cx="32" cy="32" r="7" {S}/><path d="M32 13v7 M32 44v7 M13 32h7 M44 32h7 M19 19l5 5'
    f' M40 40l5 5 M45 19l-5 5 M24 40l-5 5" {S}/>',
    "dataset": f'<rect x="14" y="22" width="30" height="26" rx="3" {S}/><path d="M19 16h28v26" {S}/>'
    f'<circle cx="23" cy="31" r="2.5" {F}/><circle cx="31" cy="38" r="2.5" {F}/><circle cx="36" cy="29" r="2.5" {F}/>',
    "feature": f'<text x="32" y="42" text-anchor="middle" font-family="DejaVu Serif,serif" font-style="italic"'
    f' font-size="26" {F}>f(x)</text>',
    "feature_store": f'<rect x="12" y="14" width="40" height="36" rx="3" {S}/><path d="M12 26h40 M12 38h40'
    f' M25 14v36 M39 14v36" {S}/>',
    "vector_db": f'<path d="M14 50V14 M14 50h36" {S}/><circle cx="24" cy="36" r="3" {F}/><circle cx="30" cy="26"'
    f' r="3" {F}/><circle cx="40" cy="32" r="3" {F}/><circle cx="44" cy="20" r="3" {F}/>'
    f'<circle cx="34" cy="40" r="3" {F}/>',
    "search_index": f'<circle cx="28" cy="28" r="11" {S}/><path d="M36 36l12 12 M23 25h10 M23 31h8" {S}/>',
    "model": f'<circle cx="16" cy="22" r="4" {S}/><circle cx="16" cy="42" r="4" {S}/><circle cx="32" cy="16" r="4" {S}/>'
    f'<circle cx="32" cy="32" r="4" {S}/><circle cx="32" cy="48" r="4" {S}/><circle cx="48" cy="32" r="4" {S}/>'
    f'<path d="M20 22l8-5 M20 22l8 9 M20 42l8-9 M20 42l8 5 M36 16l8 13 M36 32h8 M36 48l8-13" {S}/>',
    "pipeline": f'<rect x="10" y="14" width="14" height="12" rx="2" {S}/><rect x="40" y="14" width="14" height="12"'
    f' rx="2" {S}/><rect x="25" y="40" width="14" height="12" rx="2" {S}/><path d="M24 20h16 M17 26l10 14'
    f' M47 26l-10 14" {S}/>',
    "registry": f'<path d="M14 22l18-8 18 8v22l-18 8-18-8z M14 22l18 8 18-8 M32 30v22" {S}/>',
    "serving": f'<rect x="12" y="14" width="30" height="36" rx="3" {S}/><path d="M17 24h20 M17 32h20 M17 40h20'
    f' M42 32h12 M48 26l6 6-6 6" {S}/>',
    "service": f'<path d="M24 18l-12 14 12 14 M40 18l12 14-12 14 M35 14l-6 36" {S}/>',
    "cache": f'<path d="M36 10L18 36h13l-4 18 19-27H33z" {S}/>',
    "monitor": f'<rect x="10" y="14" width="44" height="30" rx="3" {S}/><path d="M14 32h8l4-9 6 16 5-11 3 4h10'
    f' M26 52h12 M32 44v8" {S}/>',
    "labeling": f'<circle cx="24" cy="22" r="7" {S}/><path d="M11 46c2-9 7-12 13-12 4 0 7 1 9 4" {S}/>'
    f'<path d="M37 42l5 5 10-12" {S}/>',
    # model roles
    "model-baseline": f'<path d="M22 14c-6 0-6 4-6 9s-4 9-6 9c2 0 6 4 6 9s0 9 6 9 M42 14c6 0 6 4 6 9s4 9 6 9c-2 0-6 4-6'
    f' 9s0 9-6 9" {S}/><path d="M27 26h10 M27 32h10 M27 38h6" {S}/>',
    "model-retrieval": f'<circle cx="26" cy="26" r="10" {S}/><path d="M33 33l13 13" {S}/><circle cx="22" cy="24" r="2.2"'
    f' {F}/><circle cx="29" cy="22" r="2.2" {F}/><circle cx="26" cy="30" r="2.2" {F}/>'
    f'<circle cx="48" cy="18" r="2.2" {F}/><circle cx="44" cy="52" r="2.2" {F}/><circle cx="14" cy="48" r="2.2" {F}/>',
    "model-ranking": f'<path d="M14 50h36" {S}/><rect x="16" y="18" width="8" height="30" {F}/><rect x="28" y="28"'
    f' width="8" height="20" {F}/><rect x="40" y="38" width="8" height="10" {F}/>',
    "model-re_ranking": f'<path d="M14 50h36" {S}/><rect x="16" y="22" width="8" height="26" {F}/><rect x="28" y="30"'
    f' width="8" height="18" {F}/><rect x="40" y="36" width="8" height="12" {F}/><path d="M20 14c8-6 18-6 24 0'
    f' M44 14l-1-6 M44 14l-6 0" {S}/>',
    "model-candidate_generation": f'<path d="M10 14h44L38 34v14l-12 6V34z" {S}/><circle cx="20" cy="20" r="2" {F}/>'
    f'<circle cx="32" cy="20" r="2" {F}/><circle cx="44" cy="20" r="2" {F}/>',
    "model-filtering": f'<path d="M12 14h40L36 34v16l-8 4V34z" {S}/>',
    "model-scoring": f'<path d="M12 42a20 20 0 0 1 40 0" {S}/><path d="M32 42l10-14" {S}/><circle cx="32" cy="42" r="3"'
    f' {F}/><path d="M14 50h36" {S}/>',
    "model-embedding": f'<path d="M16 48l30-30 M16 48l26 4 M16 48l6-26" {S}/><path d="M46 18l-7 1 M46 18l-1 7" {S}/>'
    f'<circle cx="16" cy="48" r="3" {F}/>',
    "model-classification": f'<path d="M32 12v12 M32 24L16 38 M32 24l16 14 M16 38v8 M48 38v8" {S}/>'
    f'<rect x="10" y="46" width="12" height="8" rx="2" {F}/><rect x="42" y="46" width="12" height="8" rx="2" {F}/>',
    "model-detection": f'<path d="M12 22v-8h8 M44 14h8v8 M52 42v8h-8 M20 50h-8v-8" {S}/><rect x="22" y="22" width="20"'
    f' height="20" rx="2" {S}/>',
    "model-generation": f'<path d="M30 10l4 14 14 4-14 4-4 14-4-14-14-4 14-4z" {S}/><path d="M46 40l2 6 6 2-6 2-2 6-2-6'
    f'-6-2 6-2z" {F}/>',
    "model-regression": f'<path d="M12 50V12 M12 50h40" {S}/><path d="M16 44L48 18" {S}/><circle cx="22" cy="42" r="2.2"'
    f' {F}/><circle cx="30" cy="32" r="2.2" {F}/><circle cx="38" cy="30" r="2.2" {F}/><circle cx="44" cy="20" r="2.2" {F}/>',
    "model-forecasting": f'<path d="M12 50V12 M12 50h40" {S}/><path d="M16 42l8-8 6 4 8-10" {S}/><path d="M38 28l10-8"'
    f' {S} stroke-dasharray="3 4"/>',
}

SHORT_TITLES = {"wandb": "W&B", "seldon": "Seldon"}
STAGE_OF_GLYPH = {name: KINDS[Kind(name)].stage for name in GLYPHS if name in tuple(Kind)}


def colour(name: str) -> str:
    stage = STAGE_OF_GLYPH.get(name, Stage.TRAINING)
    return LIGHT.stage(stage).border


def glyph_svg(body: str, plate_colour: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 64 64">'
        f"{PLATE.format(c=plate_colour)}{body}</svg>"
    )


def wordmark_svg(title: str, kind: Kind) -> str:
    """A tool's name on a plate with its kind's glyph small above it: legible, and no logo."""
    c = LIGHT.stage(KINDS[kind].stage).border
    size = min(15.0, 52 / (0.68 * len(title)))
    glyph = GLYPHS[kind.value].format(c=c)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 64 64">'
        f"{PLATE.format(c=c)}<g transform='translate(20 6) scale(0.375)'>{glyph}</g>"
        f'<text x="32" y="50" text-anchor="middle" font-family="DejaVu Sans,sans-serif" font-weight="bold"'
        f' font-size="{size:.1f}" fill="#1F2328">{title}</text></svg>'
    )


def main() -> None:
    import cairosvg  # the `icons` extra; nothing else needs it

    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    drawn = 0
    for name, body in GLYPHS.items():
        c = colour(name)
        cairosvg.svg2png(
            bytestring=glyph_svg(body.format(c=c), c).encode(), write_to=str(OUT / f"{name}.png")
        )
        drawn += 1
    for technology in technologies():
        if technology.icon and technology.icon.startswith(GLYPH_PREFIX + "tool-"):
            kind = sorted(technology.kinds, key=list(Kind).index)[0]
            title = SHORT_TITLES.get(technology.key, technology.title.removeprefix("NVIDIA "))
            svg = wordmark_svg(html.escape(title), kind)
            cairosvg.svg2png(
                bytestring=svg.encode(), write_to=str(OUT / f"{glyph_name(technology.icon)}.png")
            )
            drawn += 1
    missing = [stage for stage, name in MODEL_GLYPHS.items() if name not in GLYPHS]
    assert not missing, f"no glyph drawn for {missing}"
    print(f"{drawn} glyphs written to {OUT}")


if __name__ == "__main__":
    main()
