"""Hostile labels render as text: no DOT or SVG markup can be injected through a spec."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from mlsd_dsl.rendering import render, to_dot
from mlsd_dsl.rendering.labels import escape, wrapped

from .conftest import fixture_spec

SVG = "{http://www.w3.org/2000/svg}"


def test_escape_turns_markup_into_entities_and_newlines_into_breaks() -> None:
    assert escape('a "b" <c> & {d}\nnext') == "a &quot;b&quot; &lt;c&gt; &amp; {d}<BR/>next"
    assert escape("a\\N\\") == "a\\\\N\\\\"


def test_escape_keeps_unicode_and_replaces_control_characters() -> None:
    assert escape("ünï 🚀\x07") == "ünï 🚀?"


def test_wrapped_breaks_long_text_on_words_and_keeps_line_breaks() -> None:
    assert wrapped("one two three four five six seven", 14) == "one two three\nfour five six\nseven"
    assert wrapped("a\nb") == "a\nb"


@pytest.fixture(scope="module", params=["graphviz", "diagrams"])
def hostile_svg(request: pytest.FixtureRequest) -> ElementTree.Element:
    return ElementTree.fromstring(render(fixture_spec("hostile.mlsd"), fmt="svg", backend=request.param))


def _texts(svg: ElementTree.Element) -> list[str]:
    return [element.text or "" for element in svg.iter(f"{SVG}text")]


def test_hostile_svg_is_well_formed_and_has_no_injected_elements(hostile_svg: ElementTree.Element) -> None:
    tags = {element.tag.removeprefix(SVG) for element in hostile_svg.iter()}
    assert tags <= {"svg", "g", "title", "text", "polygon", "path", "ellipse", "polyline", "image", "a"}


def test_hostile_labels_are_drawn_as_the_text_written(hostile_svg: ElementTree.Element) -> None:
    texts = _texts(hostile_svg)
    assert 'Title with "quotes" & <b>tags</b>' in texts
    assert "[<script>alert(1)</script>]" in texts
    assert "[]; evil [label=x]" in texts
    assert "</TD></TABLE>>" in texts
    assert '<<HTML>> & {group} "label"' in texts
    assert 'edge "label" <i>not italic</i> & {x}' in texts


def test_newlines_break_lines_and_backslash_escapes_stay_literal(hostile_svg: ElementTree.Element) -> None:
    texts = _texts(hostile_svg)
    assert 'a "quoted" {brace} \\N [x] &' in texts  # wrapped at the description width
    assert "second line: ünïcødé 🚀 → ok" in texts


def test_dot_source_quotes_every_hostile_string() -> None:
    source = to_dot(fixture_spec("hostile.mlsd"))
    assert "<script>" not in source
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    assert "]; evil [label=x" in source  # inside an HTML-like label, where it is only text
