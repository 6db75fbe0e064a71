"""`mlsd estimate` on the command line: each format, the JSON against its schema, bad input, the
report's Estimates section and the docs kept in sync with the defaults table."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from mlsd_dsl import load
from mlsd_dsl.cli.main import cli
from mlsd_dsl.estimate import estimate
from mlsd_dsl.estimate.reference import with_reference
from mlsd_dsl.estimate.render import schema
from mlsd_dsl.model.schema import ASSUMPTIONS, SECTION_ATTRIBUTES, SectionName

REPO = Path(__file__).resolve().parents[2]
SYSTEMS = sorted((REPO / "specs").glob("*.mlsd"))
VIDEO = REPO / "specs" / "video_recommendation.mlsd"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["estimate", *args])
    return result.exit_code, result.stdout, result.stderr


def test_text_shows_each_figure_with_its_working_and_the_assumptions() -> None:
    code, out, _ = run(str(VIDEO))
    assert code == 0
    assert "Vector indexes" in out
    assert "Memory of index video_index  720 GB" in out
    assert "10B vectors × (64 B PQ code + 8 B id) + 400k lists × 256 dims × 4 B = 720 GB" in out
    assert "720 GB ÷ 64 GB per node = 11.3 → 12 shards" in out
    assert "Assumptions used" in out
    assert "headroom            40%  (default — " in out


def test_markdown_has_a_table_per_section() -> None:
    code, out, _ = run(str(VIDEO), "--format", "markdown")
    assert code == 0
    assert out.startswith("# Estimates\n")
    assert "## Vector indexes\n\n| figure | value | working |\n|---|---|---|\n" in out
    assert "| Replicas for api | 417 replicas | 100k qps ÷ (400 qps per replica" in out
    assert "(*assumed*: headroom = 40%)" in out


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


@pytest.mark.parametrize("path", SYSTEMS, ids=lambda path: path.stem)
def test_json_validates_against_the_schema_and_is_stable(
    path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    code, out, _ = run(str(path), "--format", "json")
    assert code == 0
    document = json.loads(out)
    validator.validate(document)
    assert document["format"] == "mlsd-estimate/1"
    assert [figure["key"] for figure in document["figures"]] == [f.key for f in estimate(load(path)).figures]
    assert run(str(path), "--format", "json")[1] == out


def test_the_schema_rejects_what_it_does_not_describe(validator: jsonschema.Draft202012Validator) -> None:
    document = json.loads(run(str(VIDEO), "--format", "json")[1])
    document["figures"][0]["unit"] = "furlongs"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(document)


def test_mlsd_schema_estimate_prints_the_schema() -> None:
    result = CliRunner().invoke(cli, ["schema", "estimate"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == schema()
    assert "Spec" in json.loads(CliRunner().invoke(cli, ["schema"]).stdout)["title"]


@pytest.mark.parametrize("path", SYSTEMS, ids=lambda path: path.stem)
def test_every_gallery_spec_gets_a_full_estimate(path: Path) -> None:
    figures = estimate(load(path))
    assert figures.figures
    assert [f"{f.key}: {f.formula}" for f in figures.figures if f.value is None] == []


def test_a_spec_with_errors_is_reported_without_a_traceback(tmp_path: Path) -> None:
    spec = tmp_path / "bad.mlsd"
    spec.write_text("system s {\n  assumptions { peak_factr: 2 }\n}\n", encoding="utf-8")
    code, out, err = run(str(spec))
    assert code == 2
    assert out == ""
    assert "bad.mlsd:2:17: error[E102]: unknown attribute 'peak_factr' for 'assumptions'" in err
    assert "did you mean 'peak_factor'?" in err
    assert "Traceback" not in err


def test_a_wrongly_typed_assumption_is_an_error(tmp_path: Path) -> None:
    spec = tmp_path / "typed.mlsd"
    spec.write_text("system s { assumptions { headroom: 40  precision: fp64 } }\n", encoding="utf-8")
    code, _, err = run(str(spec))
    assert code == 2
    assert "'headroom' expects a percentage such as 3%" in err
    assert "write a percentage, e.g. 40%" in err
    assert "'fp64' is not a valid precision" in err


def test_a_missing_file_and_a_module_are_errors(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "nowhere.mlsd"))
    assert code == 2 and "no such file" in err and "Traceback" not in err
    code, _, err = run(str(REPO / "specs" / "common" / "platform.mlsd"))
    assert code == 2 and "is a module" in err


def test_an_unknown_format_is_a_usage_error() -> None:
    code, _, err = run(str(VIDEO), "--format", "yaml")
    assert code == 2 and "Invalid value for '-f' / '--format'" in err


def test_the_report_has_an_estimates_section(tmp_path: Path) -> None:
    out = tmp_path / "design.md"
    result = CliRunner().invoke(cli, ["report", str(VIDEO), "-o", str(out), "--diagram", "none"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "## Estimates" in text
    assert "### Vector indexes" in text
    assert "| Shards of index video\\_index | 12 shards |" in text
    assert text.index("## Estimates") < text.index("## Lint findings")


def test_docs_estimate_md_is_generated_from_the_defaults_table() -> None:
    document = (REPO / "docs" / "estimate.md").read_text(encoding="utf-8")
    assert with_reference(document) == document, "run: python -m mlsd_dsl.estimate.reference docs/estimate.md"


def test_every_assumption_is_an_attribute_of_the_section_with_a_source() -> None:
    section = SECTION_ATTRIBUTES[SectionName.ASSUMPTIONS]
    assert list(section) == [assumption.name for assumption in ASSUMPTIONS]
    for assumption in ASSUMPTIONS:
        assert assumption.source.strip(), assumption.name
        assert assumption.attribute.doc.strip(), assumption.name


def test_a_spec_with_nothing_to_estimate_says_what_would_be(tmp_path: Path) -> None:
    spec = tmp_path / "empty.mlsd"
    spec.write_text("system s {}\n", encoding="utf-8")
    code, out, _ = run(str(spec))
    assert code == 0
    assert "nothing to estimate yet: state a peak QPS in requirements" in out
