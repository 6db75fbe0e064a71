"""Rules must stay linear: doubling a spec at most (about) doubles the work of linting it.

Work is counted as Python function calls under cProfile, which is deterministic, so the test never
depends on the speed of the machine.
"""

from __future__ import annotations

import cProfile
import pstats

from mlsd_dsl.lint import lint_spec

from .helpers import compile_spec

CELL = """\
  source events_{i}: kafka {{ type: events pii: true }}
  labeling review_{i} {{ labelers: 3 }}
  dataset data_{i} {{ split: random positive_rate: 1% }}
  feature_store features_{i}: feast
  model popular_{i}: popularity
  model encoder_{i}: two_tower {{ stage: retrieval }}
  model ranker_{i}: dnn {{ stage: ranking loss: mse }}
  vector_db index_{i}: faiss
  pipeline training_{i}: airflow
  serving api_{i}: online {{ latency_p99: 900ms fallback: ranker_{i} }}
  monitor watch_{i}: prometheus
  group cell_{i} {{ api_{i} ranker_{i} }}
  events_{i} -> data_{i} -> training_{i} -> encoder_{i}, ranker_{i}
  features_{i}, index_{i}, ranker_{i} -> api_{i} -> watch_{i}
  data_{i} -> events_{i}
  api_{i} -> review_{i}
  client app_{i}: web
  feature velocity_{i}: flink {{ compute: batch freshness: 1min known_at: outcome definition: separate }}
  model llm_{i}: openai {{ provenance: vendor provider: openai fallback: backup_{i} latency_p99: 1s }}
  model backup_{i}: openai {{ provenance: vendor provider: openai }}
  search_index docs_{i}: elasticsearch {{ refresh: never latency_p99: 20ms }}
  app_{i} -request-> api_{i} -request-> llm_{i}, ranker_{i} {{ latency_p99: 80ms }}
  docs_{i} -read-> api_{i}
  events_{i} -> velocity_{i} -> features_{i} -> data_{i}
  api_{i} -log-> events_{i} : "features served"
"""


def spec_text(cells: int) -> str:
    body = "".join(CELL.format(i=i) for i in range(cells))
    chain = "".join(f"  api_{i} -> events_{i + 1}\n" for i in range(cells - 1))
    header = '  requirements { goal: "g" latency_p99: 100ms freshness: 1min }\n  framing { task: classification }\n'
    header += "  evaluation { offline: [accuracy] }\n"
    return f"system big {{\n{header}{body}{chain}  # mlsd: ignore[GRAPH001] -- unused\n}}\n"


def work(cells: int) -> tuple[int, int]:
    spec = compile_spec(spec_text(cells))
    profile = cProfile.Profile()
    findings = profile.runcall(lint_spec, spec)
    return pstats.Stats(profile).total_calls, len(findings)  # type: ignore[attr-defined]


def test_linting_twice_the_spec_does_about_twice_the_work() -> None:
    small_calls, small_findings = work(100)
    large_calls, large_findings = work(200)
    assert small_findings > 1_000 and large_findings >= 2 * small_findings - 50
    assert large_calls / small_calls < 2.1
