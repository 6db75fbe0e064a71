"""Every component kind is one record (model/kinds.py), and every consumer handles every kind.

The consumers' own tables are keyed by neutral properties (shape family, stage), so these tests
iterate over kinds *and* those properties; the last test adds a throwaway kind to a copy of the
package, touching only model/kinds.py, and runs it through check, lint, coverage, both
renderers, --gaps, every export, the report and the formatter.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import mlsd_dsl
from mlsd_dsl.export import FORMATS as EXPORT_FORMATS
from mlsd_dsl.export import export
from mlsd_dsl.export.d2 import SHAPES as D2_SHAPES
from mlsd_dsl.export.mermaid import SHAPES as MERMAID_SHAPES
from mlsd_dsl.lint import lint_spec
from mlsd_dsl.model.framework import Stage
from mlsd_dsl.model.kinds import KINDS, Kind, ShapeFamily
from mlsd_dsl.model.reference import vocabulary_markdown
from mlsd_dsl.rendering import BACKENDS, to_dot
from mlsd_dsl.rendering.gaps import Gap, ghost_links
from mlsd_dsl.rendering.icons import resolve
from mlsd_dsl.rendering.scene import build_scene
from mlsd_dsl.rendering.themes import SHAPES as GRAPHVIZ_SHAPES
from mlsd_dsl.rendering.themes import THEMES
from mlsd_dsl.report import design_report

REPO = Path(__file__).resolve().parents[2]
NAMES = {kind: f"k{number}x" for number, kind in enumerate(Kind)}  # no underscore: Markdown escapes it
EVERY_KIND = mlsd_dsl.parse(
    "system all {\n"
    + "".join(f"  {kind.value} {NAMES[kind]}\n" for kind in Kind)
    + "".join(f"  {NAMES[a]} -> {NAMES[b]}\n" for a, b in zip(list(Kind), list(Kind)[1:], strict=False))
    + "}\n",
    "all.mlsd",
)


def test_every_kind_has_exactly_one_complete_record() -> None:
    assert list(KINDS) == list(Kind)
    for kind, info in KINDS.items():
        assert info.kind is kind and info.doc and info.own_attributes is not None
        assert {"description", "owner"} <= set(info.attributes)


@pytest.mark.parametrize(
    "table", [GRAPHVIZ_SHAPES, MERMAID_SHAPES, D2_SHAPES], ids=["graphviz", "mermaid", "d2"]
)
def test_every_backend_draws_every_shape_family(table: dict[ShapeFamily, object]) -> None:
    assert set(table) == set(ShapeFamily)


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_theme_colours_every_stage(theme: str) -> None:
    assert set(THEMES[theme].stages) == set(Stage)


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_has_a_generic_icon_and_ghost_wiring_to_real_kinds(kind: Kind) -> None:
    info = KINDS[kind]
    assert resolve(info.icon) is not None, info.icon
    assert kind not in info.ghost.receives_from + info.ghost.feeds
    upstream, downstream = ghost_links(Gap("X001", "x", kind), EVERY_KIND)
    assert len(upstream) == min(1, len(info.ghost.receives_from)) and len(downstream) == min(
        1, len(info.ghost.feeds)
    )


def test_every_kind_is_documented_in_the_language_reference() -> None:
    text = vocabulary_markdown()
    assert all(f"#### `{kind.value}`" in text for kind in Kind)


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_kind_renders_with_its_legend_and_as_a_ghost(backend: str) -> None:
    source = to_dot(EVERY_KIND, backend=backend, legend=True)
    assert all(f"\t{NAMES[kind]} [" in source for kind in Kind)
    scene = build_scene(EVERY_KIND, [Gap(f"X{number:03}", "x", kind) for number, kind in enumerate(Kind)])
    assert {node.kind for node in scene.nodes.values() if node.gap is not None} == set(Kind)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_kind_exports(fmt: str) -> None:
    text = export(EVERY_KIND, fmt)
    assert all(NAMES[kind] in text for kind in Kind)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_kind_appears_in_the_report(fmt: str) -> None:
    text = design_report(EVERY_KIND, fmt, lint_spec(EVERY_KIND))
    assert all(NAMES[kind] in text for kind in Kind)


THROWAWAY_MEMBER = '    SANDBOX = "sandbox"\n'
THROWAWAY_RECORD = """    KindInfo(
        K.SANDBOX,
        doc="an isolated environment that runs the code a model writes",
        stage=Stage.SERVING,
        step=Step.SERVING,
        shape=ShapeFamily.WATCHER,
        icon="diagrams.generic.network:Firewall",
        ghost=GhostWiring(receives_from=(K.MODEL,), feeds=(K.SERVING,)),
        own_attributes=table(
            attr("policy", STRING, doc="what the sandbox blocks"),
            attr("strictness", INTEGER, doc="how strict the filter is"),
        ),
    ),
"""


def with_throwaway_kind(source: str) -> str:
    """kinds.py with one more enum member and its record — the whole of adding a kind."""
    enum_head = "class Kind(StrEnum):\n"
    records_end = "\n)\n\n\ndef _by_kind"
    assert source.count(enum_head) == 1 and source.count(records_end) == 1
    source = source.replace(enum_head, enum_head + THROWAWAY_MEMBER)
    return source.replace(records_end, "\n" + THROWAWAY_RECORD.rstrip("\n") + records_end)


def test_a_kind_added_in_its_record_alone_works_in_every_consumer(tmp_path: Path) -> None:
    shutil.copytree(REPO / "mlsd_dsl", tmp_path / "mlsd_dsl", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "grammars", tmp_path / "grammars")
    kinds = tmp_path / "mlsd_dsl" / "model" / "kinds.py"
    kinds.write_text(with_throwaway_kind(kinds.read_text(encoding="utf-8")), encoding="utf-8")
    script = tmp_path / "throwaway_kind.py"
    shutil.copy(Path(__file__).parent / "data" / "throwaway_kind.py", script)
    environment = {**os.environ, "PYTHONPATH": str(tmp_path), "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the throwaway kind works everywhere" in result.stdout


def test_every_model_role_has_its_own_glyph() -> None:
    from mlsd_dsl.model.schema import ModelStage
    from mlsd_dsl.rendering.icons import GLYPH_PREFIX, MODEL_GLYPHS

    assert set(MODEL_GLYPHS) == set(ModelStage)
    assert all(resolve(GLYPH_PREFIX + name) is not None for name in MODEL_GLYPHS.values())
