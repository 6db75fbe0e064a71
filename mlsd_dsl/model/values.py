"""Typed attribute values: every literal in a spec becomes one of these.

Numbers carry their unit as a real magnitude (a duration knows its milliseconds, a data size
its bytes), so lint rules can compare `latency_p99: 150ms` with `latency_p99: 0.2s`.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from mlsd_dsl.model.construct import trusted
from mlsd_dsl.model.span import Span

SI_MULTIPLIERS: dict[str, float] = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12}
DURATION_MS: dict[str, float] = {
    "us": 1e-3,
    "ms": 1.0,
    "s": 1e3,
    "sec": 1e3,
    "min": 60e3,
    "h": 3600e3,
    "hour": 3600e3,
    "d": 86400e3,
    "day": 86400e3,
    "w": 7 * 86400e3,
    "week": 7 * 86400e3,
    "mo": 30 * 86400e3,
    "month": 30 * 86400e3,
    "y": 365 * 86400e3,
    "year": 365 * 86400e3,
}
DURATION_MS.update({f"{unit}s": DURATION_MS[unit] for unit in ("hour", "day", "week", "month", "year")})
SIZE_BYTES: dict[str, float] = {
    "KB": 1e3,
    "MB": 1e6,
    "GB": 1e9,
    "TB": 1e12,
    "PB": 1e15,
    "KiB": 2.0**10,
    "MiB": 2.0**20,
    "GiB": 2.0**30,
    "TiB": 2.0**40,
}
AMBIGUOUS_UNITS: dict[str, str] = {
    "m": "use 'min' for minutes or 'M' for millions",
    "b": "use 'B' for billions or a data size such as 'GB'",
}


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    raw: str = Field(description="The literal as written in the source.")
    span: Span | None = Field(default=None, exclude=False)

    def plain(self) -> object:
        """The value as a plain Python object (used for comparisons and JSON)."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.raw


class StringValue(_Value):
    type: Literal["string"] = "string"
    value: str

    def plain(self) -> str:
        return self.value


class NumberValue(_Value):
    """A plain number or an SI quantity: `256`, `0.5`, `100k`, `2B`, `1.5M`."""

    type: Literal["number"] = "number"
    value: float

    def plain(self) -> float:
        return self.value

    @property
    def is_integer(self) -> bool:
        return float(self.value).is_integer()


class DurationValue(_Value):
    """A time span: `150ms`, `2s`, `5min`, `1h`, `7d`, `2w`."""

    type: Literal["duration"] = "duration"
    ms: float

    def plain(self) -> float:
        return self.ms

    @property
    def seconds(self) -> float:
        return self.ms / 1e3


class PercentValue(_Value):
    """A percentage: `3%` has `percent == 3.0` and `fraction == 0.03`."""

    type: Literal["percent"] = "percent"
    percent: float

    def plain(self) -> float:
        return self.percent

    @property
    def fraction(self) -> float:
        return self.percent / 100.0


class SizeValue(_Value):
    """A data size: `10GB`, `512MiB`, `2TB`."""

    type: Literal["size"] = "size"
    bytes: float

    def plain(self) -> float:
        return self.bytes


class RateValue(_Value):
    """A count per unit of time: `100k/s`, `10B/day`."""

    type: Literal["rate"] = "rate"
    per_second: float

    def plain(self) -> float:
        return self.per_second


class BoolValue(_Value):
    type: Literal["bool"] = "bool"
    value: bool

    def plain(self) -> bool:
        return self.value


class IdentValue(_Value):
    """A bare word: an enum choice (`time`, `online`) or a reference to a component."""

    type: Literal["ident"] = "ident"
    name: str

    def plain(self) -> str:
        return self.name


class MetricValue(_Value):
    """A metric at a cut-off or an operating point.

    `ndcg@10` and `recall@k` have a cut-off (`k` is 10 or None for a symbolic one); `recall@0.5`
    is read at a score threshold; `precision@top5%` over the top 5% of the ranked list;
    `precision@90%recall` and `recall@0.1%fpr` hold another metric at a level (`point_metric`
    'recall' at `point_percent` 90)."""

    type: Literal["metric"] = "metric"
    name: str
    at: str
    k: int | None = None
    top_percent: float | None = None
    threshold: float | None = None
    point_percent: float | None = None
    point_metric: str | None = None

    def plain(self) -> str:
        return self.raw

    @property
    def is_operating_point(self) -> bool:
        return self.point_metric is not None


class ListValue(_Value):
    type: Literal["list"] = "list"
    items: list[Value]

    def plain(self) -> list[object]:
        return [item.plain() for item in self.items]


Value = Annotated[
    StringValue
    | NumberValue
    | DurationValue
    | PercentValue
    | SizeValue
    | RateValue
    | BoolValue
    | IdentValue
    | MetricValue
    | ListValue,
    Field(discriminator="type"),
]


class LiteralError(ValueError):
    """A literal that cannot be read: a number with an unknown or ambiguous unit, a string with an
    unknown escape."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _split_number(raw: str) -> tuple[float, str]:
    """`'1.5M'` → `(1.5, 'M')`; underscores are digit separators (`10_000`)."""
    end = 0
    if raw.startswith("-"):
        end = 1
    while end < len(raw) and (raw[end].isdigit() or raw[end] in "._"):
        end += 1
    return float(raw[:end].replace("_", "")), raw[end:]


def _rate(raw: str, span: Span | None) -> RateValue:
    count_text, per = raw.split("/", 1)
    if per not in DURATION_MS:
        raise LiteralError(
            f"unknown time unit '{per}' in rate '{raw}'",
            hint="a rate is a count per time unit, such as 100k/s, 5M/h or 10B/day",
        )
    count = parse_number(count_text, None)
    if not isinstance(count, NumberValue):
        raise LiteralError(f"the count in rate '{raw}' must be a number such as 100k")
    per_second = count.value / (DURATION_MS[per] / 1e3)
    return trusted(RateValue, raw=raw, span=span, per_second=per_second)


def parse_number(raw: str, span: Span | None) -> Value:
    """Turn a numeric literal into its typed value, or raise `LiteralError`."""
    if "/" in raw:
        return _rate(raw, span)
    number, unit = _split_number(raw)
    if not unit:
        return trusted(NumberValue, raw=raw, span=span, value=number)
    if unit in SI_MULTIPLIERS:
        return trusted(NumberValue, raw=raw, span=span, value=number * SI_MULTIPLIERS[unit])
    if unit == "%":
        return trusted(PercentValue, raw=raw, span=span, percent=number)
    if unit in DURATION_MS:
        return trusted(DurationValue, raw=raw, span=span, ms=number * DURATION_MS[unit])
    if unit in SIZE_BYTES:
        return trusted(SizeValue, raw=raw, span=span, bytes=number * SIZE_BYTES[unit])
    if unit in AMBIGUOUS_UNITS:
        raise LiteralError(f"ambiguous unit '{unit}' in '{raw}'", hint=AMBIGUOUS_UNITS[unit])
    raise LiteralError(f"unknown unit '{unit}' in '{raw}'", hint=UNIT_HELP)


METRIC_HELP = (
    "a metric is a name with an optional cut-off or operating point: ndcg@10, recall@k, "
    "precision@top5%, precision@0.5, precision@90%recall, recall@0.1%fpr"
)
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def parse_metric(raw: str, span: Span | None) -> MetricValue:
    """Read `name@cut-off`, `name@top5%` or `name@level%other_metric`, or raise `LiteralError`."""
    name, _, at = raw.partition("@")
    level, percent_sign, other = at.partition("%")
    fields = _percent_point(raw, name, level, other) if percent_sign else _cut_off(raw, level)
    return trusted(MetricValue, raw=raw, span=span, name=name, at=at, **fields)


def _percent_point(raw: str, name: str, level: str, other: str) -> dict[str, object]:
    """`top5%` (a share of the ranked list) or `90%recall` (another metric held at a level)."""
    share = level.removeprefix("top")
    if not _NUMBER.fullmatch(share):
        raise LiteralError(f"'{level}%' in metric '{raw}' is not a percentage", hint=METRIC_HELP)
    if share != level:
        if other:
            raise LiteralError(f"'{other}' after the cut-off '{level}%' in metric '{raw}'", hint=METRIC_HELP)
        return {"top_percent": float(share)}
    if not _WORD.fullmatch(other):
        raise LiteralError(
            f"the operating point '{level}%' in metric '{raw}' names no metric to hold there",
            hint=f"say which metric is held at {level}%, e.g. {name}@{level}%"
            + ("recall" if name == "fpr" else "fpr")
            + f", or write {name}@top{level}% for the top {level}% of the ranked list",
        )
    return {"point_percent": float(level), "point_metric": other}


def _cut_off(raw: str, level: str) -> dict[str, object]:
    """`10` or `600k` (the top k), `0.5` (a score threshold) or a word (`k`, `p95`)."""
    if level[:1].isdigit() and level[-1:] in SI_MULTIPLIERS and _NUMBER.fullmatch(level[:-1]):
        count = float(level[:-1]) * SI_MULTIPLIERS[level[-1]]
        if count.is_integer():
            return {"k": int(count)}
    if level.isdigit():
        return {"k": int(level)}
    if _NUMBER.fullmatch(level):
        return {"threshold": float(level)}
    if not _WORD.fullmatch(level):
        raise LiteralError(
            f"'{level}' is not a cut-off or an operating point in metric '{raw}'", hint=METRIC_HELP
        )
    return {}


UNIT_HELP = (
    "units are SI counts (k, M, B, T), durations (us, ms, s, min, h, d, w, mo, y), "
    "data sizes (KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB), percentages (%) "
    "and rates such as 100k/s"
)


ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}


def unescape_string(raw: str) -> str:
    """The text of a double-quoted literal, with `\\"`, `\\\\`, `\\n` and `\\t` resolved.

    Any other backslash raises `LiteralError`: silently dropping it would change the text
    (`"C:\\data"` would become `"C:data"`, and `mlsd fmt` would write that back)."""
    body = raw[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    chars = iter(body)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        escaped = next(chars, "")
        if escaped not in ESCAPES:
            raise LiteralError(
                f"unknown escape '\\{escaped}' in a string",
                hint="write '\\\\' for a backslash; a string knows \\\", \\\\, \\n and \\t",
            )
        out.append(ESCAPES[escaped])
    return "".join(out)
