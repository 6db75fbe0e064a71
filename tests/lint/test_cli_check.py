"""`mlsd check` end to end: exit codes, options, configuration, exclusion, coverage, baselines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mlsd_dsl.cli.main import cli

CLEAN = """\
system s {
  requirements { goal: "g" users: 1M latency_p99: 100ms }
  framing { task: binary_classification objective: "P(y)" input: x output: y }
  source events: kafka { type: events }
  dataset train { label: "y" split: time positive_rate: 20% snapshot: v1 }
  model base: logistic_regression { loss: log_loss }
  model main: xgboost { loss: log_loss }
  pipeline training: airflow { schedule: daily validation: true }
  registry models: mlflow
  serving api: online { latency_p99: 80ms fallback: base rollout: [shadow, canary] }
  monitor quality: evidently { drift: psi alerts: pagerduty watches: [predictions, latency] }
  evaluation { offline: [pr_auc] online: [losses] ab_test: true slices: [country] }
  events -> train -> training -> base, main -> models -> api -> quality
  api -> events : "logs outcomes"
}
"""
NO_FALLBACK = CLEAN.replace(" fallback: base", "")


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.mlsd]\nexclude = ["drafts"]\n')
    return tmp_path


def check(*arguments: str) -> Result:
    return CliRunner().invoke(cli, ["check", *arguments])


def test_clean_spec_exits_0(project: Path) -> None:
    (project / "a.mlsd").write_text(CLEAN)
    result = check("a.mlsd")
    assert (result.exit_code, result.output) == (0, "0 errors, 0 warnings in 1 file\n")


def test_a_warning_exits_1_and_prints_snippet_and_help(project: Path) -> None:
    (project / "a.mlsd").write_text(NO_FALLBACK)
    result = check("a.mlsd")
    assert result.exit_code == 1
    assert result.output == (
        "a.mlsd:10:3: warning[SERVE003]: online serving 'api' has no fallback\n"
        "10 |   serving api: online { latency_p99: 80ms rollout: [shadow, canary] }\n"
        "   |   ^^^^^^^\n"
        "   = help: add `fallback: <baseline model or cache>` (or a description) to the serving component\n"
        "\n"
        "0 errors, 1 warning in 1 file\n"
    )


def test_fail_on_error_ignores_warnings_and_select_ignore_narrow(project: Path) -> None:
    (project / "a.mlsd").write_text(NO_FALLBACK)
    assert check("a.mlsd", "--fail-on", "error").exit_code == 0
    assert check("a.mlsd", "--ignore", "no-fallback").exit_code == 0
    assert check("a.mlsd", "--select", "MON,EVAL").exit_code == 0
    assert check("a.mlsd", "--select", "SERVE003").exit_code == 1


def test_unknown_selector_is_a_usage_error(project: Path) -> None:
    (project / "a.mlsd").write_text(CLEAN)
    result = check("a.mlsd", "--select", "SERV999")
    assert result.exit_code == 2
    assert "unknown rule selector 'SERV999'" in result.output


def test_invalid_spec_exits_2_even_with_other_clean_files(project: Path) -> None:
    (project / "a.mlsd").write_text(CLEAN)
    (project / "b.mlsd").write_text("system b {\n  modle m\n}\n")
    result = check(".")
    assert result.exit_code == 2
    assert "b.mlsd:2:3: error[E101]" in result.output


def test_bad_config_exits_2(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.mlsd]\nfail-on = "fatal"\n')
    (project / "a.mlsd").write_text(CLEAN)
    result = check("a.mlsd")
    assert result.exit_code == 2 and "'fatal' is not a severity" in result.output


def test_excluded_folders_are_skipped_unless_named(project: Path) -> None:
    (project / "a.mlsd").write_text(CLEAN)
    (project / "drafts").mkdir()
    (project / "drafts" / "d.mlsd").write_text(NO_FALLBACK)
    assert check(".").exit_code == 0
    assert check("drafts/d.mlsd").exit_code == 1
    assert (
        check("drafts/d.mlsd", "--force-exclude").exit_code,
        check("drafts/d.mlsd", "--force-exclude").output,
    ) == (0, "")


def test_coverage_in_text_and_json(project: Path) -> None:
    (project / "a.mlsd").write_text(
        NO_FALLBACK.replace("  monitor quality", "  # monitor quality").replace(
            " -> api -> quality", " -> api"
        )
    )
    text = check("a.mlsd", "--coverage").output
    assert "~ 6. Deployment and serving   partial   SERVE003" in text
    assert "✗ 7. Monitoring               missing   MON001" in text
    assert "5 covered, 1 partial, 1 missing" in text
    document = json.loads(check("a.mlsd", "--coverage", "--format", "json").output)
    statuses = [step["status"] for step in document["files"][0]["coverage"]["steps"]]
    assert statuses == ["covered"] * 5 + ["partial", "missing"]


def test_baseline_reports_only_new_findings_and_survives_moved_lines(project: Path) -> None:
    (project / "a.mlsd").write_text(NO_FALLBACK)
    written = check("a.mlsd", "--write-baseline", "baseline.json")
    assert written.exit_code == 0
    baseline = json.loads((project / "baseline.json").read_text())
    assert [(f["code"], f["file"]) for f in baseline["findings"]] == [("SERVE003", "a.mlsd")]
    (project / "a.mlsd").write_text("# moved down\n\n" + NO_FALLBACK)
    assert check("a.mlsd", "--baseline", "baseline.json").exit_code == 0
    (project / "a.mlsd").write_text(NO_FALLBACK.replace(" drift: psi", ""))
    result = check("a.mlsd", "--baseline", "baseline.json")
    assert result.exit_code == 1
    assert "MON002" in result.output and "SERVE003" not in result.output


def test_missing_baseline_is_an_error(project: Path) -> None:
    (project / "a.mlsd").write_text(CLEAN)
    result = check("a.mlsd", "--baseline", "nope.json")
    assert result.exit_code == 2 and "baseline file not found" in result.output


def test_output_is_deterministic(project: Path) -> None:
    (project / "a.mlsd").write_text(NO_FALLBACK)
    (project / "b.mlsd").write_text(NO_FALLBACK.replace("system s", "system t"))
    for output_format in ("text", "json", "sarif", "github"):
        first = check(".", "--format", output_format, "--coverage").output
        assert first == check(".", "--format", output_format, "--coverage").output


def test_check_does_not_import_rendering_libraries(project: Path) -> None:
    (project / "a.mlsd").write_text(CLEAN)
    code = (
        "import sys; from click.testing import CliRunner; from mlsd_dsl.cli.main import cli; "
        "CliRunner().invoke(cli, ['check', 'a.mlsd']); "
        "print(sorted(m for m in ('graphviz', 'diagrams', 'jsonschema') if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    ).stdout
    assert output.strip() == "[]"
