"""SARIF 2.1.0 for code-scanning tools: the rule catalogue as the driver's rules, findings as results."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from mlsd_dsl.cli.formats.report import Report
from mlsd_dsl.diagnostics import Diagnostic, ErrorCode, Severity
from mlsd_dsl.lint import all_rules
from mlsd_dsl.lint.baseline import fingerprint
from mlsd_dsl.version import __version__

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS: dict[Severity, str] = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report) -> str:
    descriptors = _rule_descriptors()
    index = {str(descriptor["id"]): position for position, descriptor in enumerate(descriptors)}
    results = [_result(d, index) for d in report.diagnostics]
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mlsd",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _rule_descriptors() -> list[dict[str, object]]:
    descriptors: list[dict[str, object]] = [
        {
            "id": code.value,
            "name": code.slug,
            "shortDescription": {"text": code.summary},
            "defaultConfiguration": {"level": "error"},
            "properties": {"tags": ["language"]},
        }
        for code in ErrorCode
    ]
    for rule in all_rules():
        descriptors.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.title},
                "fullDescription": {"text": " ".join(rule.rationale.split())},
                "help": {
                    "text": rule.fix,
                    "markdown": f"**Fix:** {rule.fix}\n\nRun `mlsd explain {rule.code}`.",
                },
                "defaultConfiguration": {"level": LEVELS[rule.severity]},
                "properties": {"tags": [rule.group]},
            }
        )
    return descriptors


def _result(diagnostic: Diagnostic, index: dict[str, int]) -> dict[str, object]:
    location: dict[str, object] = {"artifactLocation": {"uri": _uri(diagnostic.file)}}
    span = diagnostic.span
    if span is not None:
        location["region"] = {
            "startLine": span.line,
            "startColumn": span.column,
            "endLine": span.end_line,
            "endColumn": span.end_column,
        }
    message = diagnostic.message + (f" (help: {diagnostic.hint})" if diagnostic.hint else "")
    result: dict[str, object] = {
        "ruleId": diagnostic.code,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"mlsd/v1": fingerprint(diagnostic, Path.cwd())},
    }
    if diagnostic.code in index:
        result["ruleIndex"] = index[diagnostic.code]
    return result


def _uri(file: str) -> str:
    path = Path(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix())
