"""Baselines: record today's findings, then report only new ones (as Checkov's --baseline).

A fingerprint is the finding's file (relative to the baseline), rule code and message. Messages
name components, never line numbers, so fingerprints survive edits that move lines.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.files import write_atomically

BASELINE_VERSION = 1


class BaselineError(ValueError):
    """A baseline file that cannot be read or written."""


def fingerprint(diagnostic: Diagnostic, root: Path) -> str:
    relative = Path(os.path.relpath(Path(diagnostic.file).resolve(), root.resolve())).as_posix()
    text = f"{relative}\0{diagnostic.code}\0{diagnostic.message}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def write_baseline(path: Path, diagnostics: list[Diagnostic]) -> None:
    """Write the baseline atomically (a failed write leaves the previous one)."""
    root = path.resolve().parent
    entries = sorted(
        (
            {
                "fingerprint": fingerprint(d, root),
                "code": d.code,
                "file": Path(os.path.relpath(Path(d.file).resolve(), root)).as_posix(),
                "message": d.message,
            }
            for d in diagnostics
        ),
        key=lambda entry: (entry["file"], entry["code"], entry["message"]),
    )
    text = json.dumps({"version": BASELINE_VERSION, "findings": entries}, indent=2, ensure_ascii=False) + "\n"
    try:
        write_atomically(path, text)
    except OSError as problem:
        raise BaselineError(f"cannot write baseline {path}: {problem}") from None


def read_baseline(path: Path) -> Counter[str]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"baseline file not found: {path}") from None
    except RecursionError:
        raise BaselineError(f"{path} is not an mlsd baseline: its JSON is nested too deeply") from None
    except (OSError, ValueError) as problem:
        raise BaselineError(f"{path} is not an mlsd baseline: {problem}") from None
    if not isinstance(document, dict) or not isinstance(document.get("findings"), list):
        raise BaselineError(f"{path} is not an mlsd baseline: expected an object with a 'findings' list")
    version = document.get("version")
    if version != BASELINE_VERSION:
        raise BaselineError(
            f"{path} is a baseline of version {json.dumps(version)}; this mlsd reads version "
            f"{BASELINE_VERSION} (write a new one with --write-baseline)"
        )
    fingerprints = [
        entry.get("fingerprint") if isinstance(entry, dict) else None for entry in document["findings"]
    ]
    if not all(isinstance(value, str) for value in fingerprints):
        raise BaselineError(f"{path} is not an mlsd baseline: every finding needs a 'fingerprint' string")
    return Counter(str(value) for value in fingerprints)


def new_findings(
    diagnostics: list[Diagnostic], baseline: Counter[str], baseline_path: Path
) -> list[Diagnostic]:
    """The findings not recorded in the baseline; each recorded fingerprint absorbs one finding."""
    root = baseline_path.resolve().parent
    remaining = Counter(baseline)
    fresh = []
    for diagnostic in diagnostics:
        key = fingerprint(diagnostic, root)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            fresh.append(diagnostic)
    return fresh
