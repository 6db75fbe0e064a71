"""Typed values: every literal becomes a value that knows its magnitude."""

from __future__ import annotations

import pytest

from mlsd_dsl.model.values import (
    BoolValue,
    DurationValue,
    IdentValue,
    ListValue,
    MetricValue,
    NumberValue,
    PercentValue,
    RateValue,
    SizeValue,
    StringValue,
)
from tests.core.conftest import compile_snippet, system


def value_of(literal: str, kind: str = "model", key: str = "params"):
    spec = compile_snippet(system(f"{kind} x {{ {key}: {literal} }}")).spec
    assert spec is not None
    return spec.components["x"].get(key)


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        ("256", 256),
        ("0.5", 0.5),
        ("10_000", 10_000),
        ("100k", 100_000),
        ("100K", 100_000),
        ("1.5M", 1_500_000),
        ("2B", 2e9),
        ("3T", 3e12),
        ("-1", -1),
    ],
)
def test_numbers_and_si_quantities(literal: str, expected: float) -> None:
    value = value_of(literal)
    assert isinstance(value, NumberValue)
    assert value.value == pytest.approx(expected)
    assert value.raw == literal


@pytest.mark.parametrize(
    ("literal", "milliseconds"),
    [
        ("150ms", 150),
        ("2s", 2000),
        ("0.5s", 500),
        ("5min", 300_000),
        ("1h", 3_600_000),
        ("7d", 604_800_000),
        ("2w", 1_209_600_000),
        ("250us", 0.25),
    ],
)
def test_durations_know_their_milliseconds(literal: str, milliseconds: float) -> None:
    value = value_of(literal, "serving", "latency_p99")
    assert isinstance(value, DurationValue)
    assert value.ms == pytest.approx(milliseconds)


def test_durations_compare_across_units() -> None:
    assert value_of("0.2s", "serving", "latency_p99").ms > value_of("150ms", "serving", "latency_p99").ms


def test_percentages() -> None:
    value = value_of("3%", "dataset", "positive_rate")
    assert isinstance(value, PercentValue)
    assert (value.percent, value.fraction) == (3.0, 0.03)


@pytest.mark.parametrize(("literal", "size"), [("10GB", 10e9), ("512MiB", 512 * 2**20), ("2TB", 2e12)])
def test_data_sizes(literal: str, size: float) -> None:
    value = value_of(literal, "storage", "size")
    assert isinstance(value, SizeValue)
    assert value.bytes == pytest.approx(size)


@pytest.mark.parametrize(
    ("literal", "per_second"), [("100k/s", 100_000), ("10B/day", 1e10 / 86_400), ("60/min", 1)]
)
def test_rates(literal: str, per_second: float) -> None:
    value = value_of(literal, "source", "volume")
    assert isinstance(value, RateValue)
    assert value.per_second == pytest.approx(per_second)


def test_strings_with_escapes() -> None:
    value = value_of(r'"say \"hi\"\n\\ok"', "model", "objective")
    assert isinstance(value, StringValue)
    assert value.value == 'say "hi"\n\\ok'


def test_booleans_words_metrics_and_lists() -> None:
    spec = compile_snippet(
        system("""
        model m { baseline: true  stage: ranking }
        evaluation { offline: [recall@100, ndcg@10, auc]  ab_test: false }
    """)
    ).spec
    assert spec is not None
    model = spec.components["m"]
    assert model.get("baseline") == BoolValue(raw="true", span=model.get("baseline").span, value=True)
    assert isinstance(model.get("stage"), IdentValue) and model.word("stage") == "ranking"
    offline = spec.evaluation.get("offline")
    assert isinstance(offline, ListValue)
    first, second, third = offline.items
    assert isinstance(first, MetricValue) and (first.name, first.at) == ("recall", "100")
    assert isinstance(second, MetricValue) and second.at == "10"
    assert isinstance(third, IdentValue) and third.name == "auc"
    assert spec.evaluation.flag("ab_test") is False


def test_trailing_comma_and_empty_list() -> None:
    spec = compile_snippet(system("monitor m { watches: [features, predictions,]  alerts: [] }")).spec
    assert spec is not None
    assert [item.plain() for item in spec.components["m"].get("watches").items] == ["features", "predictions"]
    assert spec.components["m"].get("alerts").items == []
