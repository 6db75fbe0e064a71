"""How an estimate prints numbers: SI prefixes, three significant figures, whole counts, and the
singular for one replica, GPU or shard."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlsd_dsl.compiler import compile_file
from mlsd_dsl.estimate import estimate
from mlsd_dsl.estimate.numbers import Unit, prices_in_text, show, significant
from mlsd_dsl.estimate.render import to_markdown


@pytest.mark.parametrize(
    ("value", "text"),
    [(307.2, "307"), (2.8935, "2.89"), (0.000125, "0.000125"), (1667.0, "1667"), (0.0, "0")],
)
def test_three_significant_figures(value: float, text: str) -> None:
    assert significant(value) == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (3.072e11, Unit.BYTES, "307 GB"),
        (512, Unit.BYTES, "512 B"),
        (1e13, Unit.BYTES_PER_DAY, "10 TB/day"),
        (0.125, Unit.SECONDS, "125 ms"),
        (1.5, Unit.SECONDS, "1.5 s"),
        (0.0005, Unit.SECONDS, "500 µs"),
        (100_000, Unit.QPS, "100k qps"),
        (2.5e9, Unit.QPS, "2.5B qps"),
        (7012.8, Unit.USD_PER_DAY, "$7.01k/day"),
        (210_384, Unit.USD_PER_MONTH, "$210k/month"),
        (1667, Unit.REPLICAS, "1,667 replicas"),
        (1, Unit.REPLICAS, "1 replica"),
        (1, Unit.GPUS, "1 GPU"),
        (1, Unit.SHARDS, "1 shard"),
        (2, Unit.SHARDS, "2 shards"),
        (0, Unit.GPUS, "0 GPUs"),
    ],
)
def test_a_value_prints_with_its_unit(value: float, unit: Unit, text: str) -> None:
    assert show(value, unit) == text


def test_prices_are_read_from_text() -> None:
    assert prices_in_text("$0.0025 in, $0.01 out; $1,200 a month, $3k reserved") == [0.0025, 0.01, 1200, 3000]


def test_markdown_escapes_dollars_so_github_draws_no_math() -> None:
    spec = compile_file(Path(__file__).parents[2] / "specs" / "video_recommendation.mlsd").spec
    assert spec is not None
    markdown = to_markdown(estimate(spec))
    assert "\\$7.01k/day" in markdown
    assert re.search(r"(?<!\\)\$", markdown) is None
