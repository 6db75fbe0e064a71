"""`mlsd diff OLD NEW`: formats, the JSON schema, exit statuses and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from mlsd_dsl.cli.main import cli
from mlsd_dsl.diff.report import DiffReport

from .helpers import BASE, edited

CHANGED = edited(
    BASE,
    ("ranker", "scorer"),
    ("latency_p99: 150ms }", "latency_p99: 250ms }"),
    (
        "  events -> train",
        "  monitor drift: evidently { watches: [predictions]  drift: psi }\n  api -log-> drift\n  events -> train",
    ),
    ('group online "Online" { api }', 'group online "Online | <b>" { api }'),
)


@pytest.fixture()
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.mlsd").write_text(BASE)
    (tmp_path / "new.mlsd").write_text(CHANGED)
    return "old.mlsd", "new.mlsd"


def run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["diff", *arguments])
    return result.exit_code, result.stdout, result.stderr


def test_text(files: tuple[str, str]) -> None:
    code, out, _ = run(*files)
    lines = out.splitlines()
    assert lines[0] == "mlsd diff: old.mlsd → new.mlsd"
    assert "new.mlsd (feed): changed" in lines
    assert "    + monitor drift: evidently" in lines
    assert "    ~ model ranker → scorer: renamed, 100% alike" in lines
    assert "    ~ serving api: latency_p99: 150ms → 250ms" in lines
    assert "    + api -log-> drift" in lines
    assert "    7. Monitoring: missing → partial" in lines
    assert any(line.startswith("    + SERVE005 error: 'api' has latency_p99 250ms") for line in lines)
    assert any(line.startswith("    - MON001 warning: the system has no monitoring") for line in lines)
    assert "    ~ Latency slack of api: 150 ms → 200 ms" in lines  # estimate deltas
    assert "    + Logs written by api per day: - → 1.44 TB/day" in lines
    assert lines[-1] == "1 spec changed, 3 findings introduced, 2 findings fixed"
    assert code == 1  # SERVE005 is new


PRICED = edited(
    BASE,
    ('system feed "Feed" {', 'system feed "Feed" {\n  assumptions { replica_hour_price: 0.7 }'),
    ("latency_p99: 150ms }", "latency_p99: 150ms  replica_qps: 500 }"),
)


def test_estimates_read_as_mlsd_estimate_prints_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # replicas: 50k ÷ (500 × 60%) = 166.7 → 167, × $0.7 × 24 h = $2,805.6 a day;
    # at 100k qps 334 replicas cost $5,611.2 a day: mlsd estimate prints them "$2.81k/day", "$5.61k/day"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.mlsd").write_text(PRICED)
    (tmp_path / "new.mlsd").write_text(edited(PRICED, ("peak_qps: 50k", "peak_qps: 100k")))
    estimated = CliRunner().invoke(cli, ["estimate", "new.mlsd"]).stdout
    assert "$5.61k/day" in estimated
    _, out, _ = run("old.mlsd", "new.mlsd")
    assert "    ~ Cost per day: $2.81k/day → $5.61k/day" in out.splitlines()
    assert "    ~ Cost per month: $84.2k/month → $168k/month" in out.splitlines()
    _, markdown, _ = run("old.mlsd", "new.mlsd", "--format", "markdown")
    assert "| Cost per day | \\$2.81k/day | \\$5.61k/day |" in markdown  # `$` escaped: no math on GitHub
    _, document, _ = run("old.mlsd", "new.mlsd", "--format", "json")
    [spec] = json.loads(document)["specs"]
    [day] = [e for e in spec["estimates"] if e["key"] == "cost.total.day"]
    assert (day["before"], day["after"]) == pytest.approx((167 * 0.7 * 24, 334 * 0.7 * 24))
    assert (day["before_shown"], day["after_shown"]) == ("$2.81k/day", "$5.61k/day")


def test_markdown_escapes_spec_text(files: tuple[str, str]) -> None:
    code, out, _ = run(*files, "--format", "markdown")
    assert out.startswith("## mlsd diff: `old.mlsd` → new.mlsd\n")
    assert "### `new.mlsd` — feed (changed)" in out
    assert "| 🔁 renamed | `ranker` → `scorer` | model |  |" in out
    assert "| ✏️ changed | `api` | serving | latency\\_p99: `150ms` → `250ms` |" in out
    assert "| 7. Monitoring | ✗ missing | **~ partial** |" in out
    assert "- changed `online`: label: `Online` → `Online \\| <b>`" in out  # text cannot break a table
    assert "- error `SERVE005` 'api' has latency\\_p99 250ms, above the required 200ms (new.mlsd:7)" in out
    assert "| Latency slack of api | 150 ms | 200 ms |" in out
    assert "\n\n\n" not in out
    assert code == 1


def test_json_is_valid_against_the_schema(files: tuple[str, str]) -> None:
    code, out, _ = run(*files, "--format", "json", "--fail-on", "never")
    document = json.loads(out)
    schema = CliRunner().invoke(cli, ["schema", "diff"])
    assert schema.exit_code == 0
    jsonschema.Draft202012Validator(json.loads(schema.stdout)).validate(document)
    assert DiffReport.model_validate(document).specs[0].components_renamed[0].new == "scorer"
    assert document["format"] == 1 and document["old"] == "old.mlsd" and document["new"] == "new.mlsd"
    assert document["summary"]["specs_changed"] == 1
    assert code == 0


def test_json_is_stable(files: tuple[str, str]) -> None:
    assert run(*files, "--format", "json")[1] == run(*files, "--format", "json")[1]


@pytest.mark.parametrize(
    ("new", "fail_on", "status"),
    [
        (BASE, "new-findings", 0),
        (BASE, "any-change", 0),
        (CHANGED, "never", 0),
        (CHANGED, "any-change", 1),
        (CHANGED, "new-findings", 1),
        (edited(BASE, ("ranker", "scorer")), "new-findings", 0),
        (edited(BASE, ("ranker", "scorer")), "any-change", 1),
    ],
)
def test_fail_on(files: tuple[str, str], new: str, fail_on: str, status: int) -> None:
    Path(files[1]).write_text(new)
    assert run(*files, "--fail-on", fail_on)[0] == status


@pytest.mark.parametrize(("threshold", "status"), [("warning", 1), ("error", 0)])
def test_new_findings_count_from_the_configured_fail_on(
    files: tuple[str, str], threshold: str, status: int
) -> None:
    Path(".mlsd.toml").write_text(f'fail-on = "{threshold}"\n')
    Path(files[1]).write_text(edited(BASE, ("  group online", "  storage blob: s3\n  group online")))
    code, out, _ = run(*files)
    assert "    + GRAPH001 warning: " in out
    assert code == status


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("one.mlsd",), "give two spec files (OLD NEW), or --git REV"),
        (("old.mlsd", "missing.mlsd"), "no such spec file: missing.mlsd"),
        (("old.mlsd", "new.mlsd", "--render", "out.txt"), "cannot tell the format of 'out.txt'"),
        (("old.mlsd", "new.mlsd", "--fail-on", "sometimes"), "Invalid value for '--fail-on'"),
    ],
)
def test_bad_usage(files: tuple[str, str], arguments: tuple[str, ...], message: str) -> None:
    code, _, err = run(*arguments)
    assert code == 2 and message in err and "Traceback" not in err


def test_bad_configuration_is_a_clear_error(files: tuple[str, str]) -> None:
    Path(".mlsd.toml").write_text('select = ["NOPE999"]\n')
    code, _, err = run(*files)
    assert code == 2 and err.startswith("mlsd: error:") and "NOPE999" in err


def test_markdown_keeps_the_code_spans_of_messages() -> None:
    from mlsd_dsl.diff.markdown import message_text

    assert message_text("no `snapshot` pins *it*") == "no `snapshot` pins \\*it\\*"
    assert message_text("a lone ` stays text") == "a lone \\` stays text"
