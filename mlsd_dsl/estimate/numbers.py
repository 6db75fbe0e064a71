"""Numbers as an estimate prints them: SI prefixes, three significant figures, deterministic."""

from __future__ import annotations

import math
import re
from enum import StrEnum


class Unit(StrEnum):
    """The units figures are given in (SI, no prefixes: 3e11 B, not 300 GB)."""

    QPS = "qps"  # requests per second
    BYTES = "B"
    BYTES_PER_DAY = "B/day"
    SECONDS = "s"
    REPLICAS = "replicas"
    GPUS = "GPUs"
    SHARDS = "shards"
    TOKENS_PER_S = "tokens/s"
    USD_PER_DAY = "USD/day"
    USD_PER_MONTH = "USD/month"


UNIT_DOCS: dict[Unit, str] = {
    Unit.QPS: "requests (or queries, or events) per second",
    Unit.BYTES: "bytes",
    Unit.BYTES_PER_DAY: "bytes written per day",
    Unit.SECONDS: "seconds (latencies and slack)",
    Unit.REPLICAS: "serving replicas (processes or pods)",
    Unit.GPUS: "accelerators",
    Unit.SHARDS: "index shards, one per node",
    Unit.TOKENS_PER_S: "generated tokens per second",
    Unit.USD_PER_DAY: "US dollars per day",
    Unit.USD_PER_MONTH: "US dollars per month (30 days)",
}


COUNT_PREFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))  # as the language writes counts
BYTE_PREFIXES = ((1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB"))
WHOLE_UNITS = frozenset({Unit.REPLICAS, Unit.GPUS, Unit.SHARDS})


def significant(value: float, digits: int = 3) -> str:
    """`307.2` → `307`, `2.8935` → `2.89`, `0.000125` → `0.000125`, `1667.0` → `1667`."""
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(0, digits - 1 - magnitude)
    text = f"{round(value, decimals):.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _prefixed(value: float, prefixes: tuple[tuple[float, str], ...], base: str) -> str:
    for size, prefix in prefixes:
        if abs(value) >= size * 0.9995:
            return (
                f"{significant(value / size)} {prefix}"
                if base == "B"
                else f"{significant(value / size)}{prefix}"
            )
    return f"{significant(value)} {base}" if base == "B" else significant(value)


def count(value: float) -> str:
    """`100000` → `100k`, `2.5e9` → `2.5B`, `150` → `150`."""
    return _prefixed(value, COUNT_PREFIXES, "")


def data_size(value: float) -> str:
    """`3.07e11` → `307 GB`, `512` → `512 B`."""
    return _prefixed(value, BYTE_PREFIXES, "B")


def duration(seconds: float) -> str:
    """`0.125` → `125 ms`, `1.5` → `1.5 s`, `0.0005` → `500 µs`."""
    if abs(seconds) >= 1:
        return f"{significant(seconds)} s"
    if abs(seconds) >= 1e-3 or seconds == 0:
        return f"{significant(seconds * 1e3)} ms"
    return f"{significant(seconds * 1e6)} µs"


def money(dollars: float) -> str:
    """`1234.5` → `$1.23k`, `0.0025` → `$0.0025`."""
    sign = "-" if dollars < 0 else ""
    return f"{sign}${count(abs(dollars))}"


def whole(value: float) -> str:
    """`1667` → `1,667`."""
    return f"{round(value):,}"


def show(value: float, unit: Unit) -> str:
    """A figure's value with its unit, as text."""
    if unit is Unit.BYTES:
        return data_size(value)
    if unit is Unit.BYTES_PER_DAY:
        return f"{data_size(value)}/day"
    if unit is Unit.SECONDS:
        return duration(value)
    if unit is Unit.QPS:
        return f"{count(value)} qps"
    if unit is Unit.TOKENS_PER_S:
        return f"{count(value)} tokens/s"
    if unit is Unit.USD_PER_DAY:
        return f"{money(value)}/day"
    if unit is Unit.USD_PER_MONTH:
        return f"{money(value)}/month"
    return f"{whole(value)} {_singular(unit) if round(value) == 1 else unit.value}"


SINGULAR = {Unit.REPLICAS: "replica", Unit.GPUS: "GPU", Unit.SHARDS: "shard"}


def _singular(unit: Unit) -> str:
    return SINGULAR.get(unit, unit.value)


PRICE = re.compile(r"\$\s*([0-9][0-9_,]*(?:\.[0-9]+)?)\s*([kKM]?)")
PRICE_SCALE = {"": 1.0, "k": 1e3, "K": 1e3, "M": 1e6}


def prices_in_text(text: str) -> list[float]:
    """Every dollar amount in a text: `"$0.0025 in, $0.01 out"` → `[0.0025, 0.01]`."""
    return [
        float(number.replace(",", "").replace("_", "")) * PRICE_SCALE[scale]
        for number, scale in PRICE.findall(text)
    ]
