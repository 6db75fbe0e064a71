"""Lint configuration: `[tool.mlsd]` in pyproject.toml or a `.mlsd.toml`, found by walking up.

    [tool.mlsd]
    select = ["ALL"]                 # codes, names or prefixes (MON, DATA00)
    ignore = ["EVAL007"]
    fail-on = "warning"              # error | warning | info
    exclude = ["specs/broken"]       # paths (or globs) skipped when checking directories
    [tool.mlsd.severity]
    MON001 = "error"
    [tool.mlsd.per-file-ignores]
    "drafts/*.mlsd" = ["REQ", "FRAME"]

A `.mlsd.toml` holds the same keys at its top level. The closest file to the spec wins.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.files import PATH_ERRORS
from mlsd_dsl.lint.registry import all_rules, matching_rules
from mlsd_dsl.lint.rule import Rule

CONFIG_FILES = (".mlsd.toml", "pyproject.toml")
KEYS = ("select", "ignore", "severity", "per-file-ignores", "fail-on", "exclude")


class ConfigError(ValueError):
    """A configuration file or option that cannot be used."""


@dataclass(frozen=True)
class LintConfig:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    exclude: tuple[str, ...] = ()
    root: Path | None = None
    source: Path | None = None

    def __post_init__(self) -> None:
        for selector in (
            *self.select,
            *self.ignore,
            *self.severity,
            *(s for selectors in self.per_file_ignores.values() for s in selectors),
        ):
            _check_selector(selector, self.source)

    def overridden(
        self,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] = (),
        fail_on: Severity | None = None,
    ) -> LintConfig:
        """Command-line options: `--select` replaces, `--ignore` adds, `--fail-on` replaces."""
        return replace(
            self, select=select or self.select, ignore=self.ignore + ignore, fail_on=fail_on or self.fail_on
        )

    def rules_for(self, path: str) -> list[Rule]:
        """The rules enabled for one spec file, in rule order."""
        enabled = {rule.code for selector in self.select for rule in matching_rules(selector)}
        ignored = [*self.ignore, *self._file_ignores(path)]
        enabled -= {rule.code for selector in ignored for rule in matching_rules(selector)}
        return [rule for rule in all_rules() if rule.code in enabled]

    def severity_of(self, rule: Rule) -> Severity:
        for selector, severity in self.severity.items():
            if rule in matching_rules(selector):
                return severity
        return rule.severity

    def excludes(self, path: str | Path) -> bool:
        if not self.exclude:
            return False
        relative = self._relative(path)
        return relative is not None and any(_matches(relative, pattern) for pattern in self.exclude)

    def _file_ignores(self, path: str) -> list[str]:
        relative = self._relative(path)
        if relative is None:
            return []
        return [
            s
            for pattern, selectors in self.per_file_ignores.items()
            if _matches(relative, pattern)
            for s in selectors
        ]

    def _relative(self, path: str | Path) -> str | None:
        base = self.root or Path.cwd()
        try:
            return Path(path).resolve().relative_to(base.resolve()).as_posix()
        except PATH_ERRORS:  # outside the root (ValueError), or a path that cannot be resolved
            return None


def _matches(relative: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    return (
        relative == pattern
        or relative.startswith(pattern + "/")
        or fnmatch.fnmatch(relative, pattern)
        or PurePosixPath(relative).match(pattern)
    )


def _check_selector(selector: str, source: Path | None) -> None:
    if not matching_rules(selector):
        from mlsd_dsl.suggest import did_you_mean

        names = [name for rule in all_rules() for name in (rule.code, rule.name)]
        where = f" in {source}" if source else ""
        hint = did_you_mean(selector, names)
        raise ConfigError(f"unknown rule selector '{selector}'{where}" + (f"; {hint}" if hint else ""))


def parse_severity(word: str, where: str) -> Severity:
    try:
        return Severity(word.strip().lower())
    except ValueError:
        raise ConfigError(f"{where}: '{word}' is not a severity (error, warning or info)") from None


def find_config(start: str | Path) -> LintConfig:
    """The configuration closest to `start` (a spec file or a directory), or the defaults."""
    directory = Path(start).resolve()
    if not directory.is_dir():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                table = _read_table(candidate)
                if table is not None:
                    return config_from_table(table, candidate)
    return LintConfig()


def _read_table(path: Path) -> dict[str, object] | None:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as problem:
        raise ConfigError(f"cannot read {path}: {problem}") from None
    if path.name == "pyproject.toml":
        tool = document.get("tool", {})
        table = tool.get("mlsd") if isinstance(tool, dict) else None
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.mlsd] must be a table, not {_toml_type(table)}")
        return table
    return document


def config_from_table(table: dict[str, object], source: Path) -> LintConfig:
    normalised = {key.replace("_", "-"): value for key, value in table.items()}
    for key in normalised:
        if key not in KEYS:
            from mlsd_dsl.suggest import did_you_mean

            hint = did_you_mean(key, list(KEYS))
            raise ConfigError(f"{source}: unknown key '{key}'" + (f"; {hint}" if hint else ""))
    where = str(source)
    return LintConfig(
        select=_strings(normalised.get("select", ["ALL"]), f"{where}: select"),
        ignore=_strings(normalised.get("ignore", []), f"{where}: ignore"),
        severity={
            selector: parse_severity(str(word), f"{where}: severity.{selector}")
            for selector, word in _table(normalised.get("severity", {}), f"{where}: severity").items()
        },
        per_file_ignores={
            _pattern(pattern, f"{where}: per-file-ignores"): _strings(
                selectors, f"{where}: per-file-ignores.{pattern}"
            )
            for pattern, selectors in _table(
                normalised.get("per-file-ignores", {}), f"{where}: per-file-ignores"
            ).items()
        },
        fail_on=parse_severity(str(normalised.get("fail-on", "warning")), f"{where}: fail-on"),
        exclude=tuple(
            _pattern(pattern, f"{where}: exclude")
            for pattern in _strings(normalised.get("exclude", []), f"{where}: exclude")
        ),
        root=source.parent,
        source=source,
    )


def _strings(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise ConfigError(f"{where} must be a list of strings")


def _table(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table")
    return value


def _pattern(pattern: str, where: str) -> str:
    """A path or glob; an empty one would match nothing (or everything), so it is refused."""
    if not pattern.strip().strip("/"):
        raise ConfigError(f"{where}: the path pattern '{pattern}' is empty")
    return pattern


def _toml_type(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "a number", float: "a number", list: "an array"}
    return names.get(type(value), type(value).__name__)
