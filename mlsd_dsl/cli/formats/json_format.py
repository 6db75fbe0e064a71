"""The JSON format: every file with its validity, diagnostics, coverage, and a summary."""

from __future__ import annotations

import json

from mlsd_dsl.cli.formats.report import Report
from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.version import __version__


def render(report: Report) -> str:
    files = []
    for file in report.files:
        entry: dict[str, object] = {
            "path": file.path,
            "valid": file.valid,
            "diagnostics": [d.model_dump(mode="json") for d in file.diagnostics],
        }
        if file.coverage is not None:
            entry["coverage"] = file.coverage.to_json()
        files.append(entry)
    counts = {severity.value: 0 for severity in Severity}
    for diagnostic in report.diagnostics:
        counts[diagnostic.severity.value] += 1
    document = {"version": __version__, "files": files, "summary": {"files": len(files), **counts}}
    return json.dumps(document, indent=2, ensure_ascii=False)
