"""Output formats: SARIF 2.1.0 validated against the official schema, GitHub annotations, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from mlsd_dsl.cli.formats.github_format import annotation
from mlsd_dsl.cli.main import cli
from mlsd_dsl.diagnostics import Diagnostic, Severity
from mlsd_dsl.model.span import Span

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-2.1.0.json"
SPEC = """\
system s {
  serving api: online { rollout: canary }
}
"""


@pytest.fixture()
def spec_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my spec.mlsd").write_text(SPEC)
    (tmp_path / "bad.mlsd").write_text("system b {\n  modle m\n}\n")
    return "my spec.mlsd"


def run(*arguments: str) -> str:
    return CliRunner().invoke(cli, ["check", *arguments]).output


def test_sarif_is_valid_against_the_official_schema(spec_file: str) -> None:
    document = json.loads(run(spec_file, "bad.mlsd", "--format", "sarif"))
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    run_ = document["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert {result["ruleId"] for result in results} >= {"E101", "SERVE003", "MON001"}
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    fallback = next(r for r in results if r["ruleId"] == "SERVE003")
    assert fallback["level"] == "warning"
    assert fallback["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "my%20spec.mlsd"},
        "region": {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 10},
    }


def test_github_annotations(spec_file: str) -> None:
    lines = run(spec_file, "--format", "github", "--select", "SERVE003,EVAL001").splitlines()
    assert lines == [
        (
            "::warning file=my spec.mlsd,line=1,col=8,endLine=1,endColumn=9,title=EVAL001 no-evaluation::"
            "the system has no `evaluation` section (help: add `evaluation { offline: [...] online: [...] "
            "ab_test: true }`)"
        ),
        (
            "::warning file=my spec.mlsd,line=2,col=3,endLine=2,endColumn=10,title=SERVE003 no-fallback::"
            "online serving 'api' has no fallback (help: add `fallback: <baseline model or cache>` "
            "(or a description) to the serving component)"
        ),
    ]


def test_github_escapes_newlines_percent_commas_and_colons() -> None:
    diagnostic = Diagnostic(
        code="X1",
        severity=Severity.INFO,
        message="50% done\nnext",
        file="a,b:c.mlsd",
        span=Span("a,b:c.mlsd", 1, 1, 1, 2),
    )
    assert annotation(diagnostic) == (
        "::notice file=a%2Cb%3Ac.mlsd,line=1,col=1,endLine=1,endColumn=2,title=X1::50%25 done%0Anext"
    )


def test_json_lists_files_diagnostics_and_a_summary(spec_file: str) -> None:
    document = json.loads(run(spec_file, "bad.mlsd", "--format", "json", "--select", "SERVE003"))
    assert [(f["path"], f["valid"]) for f in document["files"]] == [
        ("my spec.mlsd", True),
        ("bad.mlsd", False),
    ]
    finding = document["files"][0]["diagnostics"][0]
    assert (finding["code"], finding["name"], finding["severity"], finding["span"]["line"]) == (
        "SERVE003",
        "no-fallback",
        "warning",
        2,
    )
    assert document["summary"] == {"files": 2, "error": 1, "warning": 1, "info": 0}
