"""Generate large, valid `.mlsd` specs for benchmarks.

    python benchmarks/generate.py 10000 -o benchmarks/out/spec_10000.mlsd
    python benchmarks/generate.py 1000 --clusters 10 -o benchmarks/out/layout_1000.mlsd

The spec repeats a realistic ML-system "cell" (source → storage → dataset → models → registry →
serving → monitor, with feature store and vector DB) until it has N components, chaining the cells
so the graph is connected. Every component carries attributes, every cell has a group.

`generate_clustered` draws a layout test instead: N components of every flow stage in a few
large groups, each with edges to random other components anywhere in the graph (a fixed seed, so
the same spec every run). Graphviz's default ranking of such clustered graphs stalls or fails
("trouble in init_rank") near 1,000 nodes.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

CELL = """\
  source events_{i}: kafka "events {i}" {{ volume: 10M/day  type: events }}
  storage lake_{i}: s3 {{ format: parquet  retention: 90d }}
  dataset data_{i} {{ label: "clicked"  split: time  positive_rate: 4%  imbalance: downsample }}
  feature_store features_{i}: feast {{ online: redis  offline: s3 }}
  model baseline_{i}: logistic_regression {{ baseline: true  loss: cross_entropy }}
  model encoder_{i}: two_tower {{ loss: softmax  stage: candidate_generation }}
  vector_db index_{i}: faiss {{ index: hnsw  dim: 128 }}
  pipeline training_{i}: airflow {{ schedule: daily  validation: true }}
  registry registry_{i}: mlflow
  serving api_{i}: online {{ latency_p99: 120ms  fallback: baseline_{i}  rollout: canary }}
  monitor drift_{i}: evidently {{ watches: [features, predictions]  alerts: pagerduty }}
  group cell_{i} "Cell {i}" {{ api_{i} index_{i} encoder_{i} }}
  events_{i} -> lake_{i} -> data_{i} : "hourly ETL"
  data_{i} -> training_{i} -> baseline_{i}, encoder_{i}
  encoder_{i} -> index_{i} : embeddings
  baseline_{i}, encoder_{i} -> registry_{i} : registers
  registry_{i} -> api_{i}
  features_{i}, index_{i} -> api_{i}
  api_{i} -> drift_{i}
"""
COMPONENTS_PER_CELL = 11
LINK = '  api_{previous} -> events_{i} : "logs"\n'
HEADER = """\
# Generated benchmark spec: {n} components.
system bench_{n} "Benchmark spec with {n} components" {{
  requirements {{ goal: "benchmark"  users: 10M  peak_qps: 50k  latency_p99: 150ms }}
  framing {{ task: ranking  objective: "P(click)"  input: [user, context]  output: "ranked items" }}
  evaluation {{ offline: [ndcg@10, recall@100]  online: [ctr]  ab_test: true }}
"""


def generate(components: int) -> str:
    cells = max(1, components // COMPONENTS_PER_CELL)
    parts = [HEADER.format(n=cells * COMPONENTS_PER_CELL)]
    for i in range(cells):
        parts.append(CELL.format(i=i))
        if i:
            parts.append(LINK.format(previous=i - 1, i=i))
    parts.append("}\n")
    return "".join(parts)


LAYOUT_KINDS = (
    "source",
    "storage",
    "dataset",
    "feature_store",
    "model",
    "pipeline",
    "registry",
    "serving",
    "monitor",
    "vector_db",
)
EDGES_PER_COMPONENT = 2


def generate_clustered(components: int, clusters: int = 10, seed: int = 1) -> str:
    """`components` components in `clusters` groups, with random edges across the whole graph."""
    chooser = random.Random(seed)
    names = [f"{LAYOUT_KINDS[i % len(LAYOUT_KINDS)]}_{i}" for i in range(components)]
    parts = [HEADER.format(n=components)]
    parts += [f"  {name.rsplit('_', 1)[0]} {name}\n" for name in names]
    for _ in range(EDGES_PER_COMPONENT):
        for index, name in enumerate(names):
            target = chooser.randrange(components)
            if target != index:
                parts.append(f"  {name} -> {names[target]}\n")
    size = -(-components // clusters)
    for cluster in range(clusters):
        members = " ".join(names[cluster * size : (cluster + 1) * size])
        if members:
            parts.append(f'  group area_{cluster} "Area {cluster}" {{ {members} }}\n')
    parts.append("}\n")
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("components", type=int, help="approximate number of components")
    parser.add_argument("--clusters", type=int, default=0, help="a layout test with this many groups")
    parser.add_argument("-o", "--output", type=Path, required=True)
    arguments = parser.parse_args()
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    if arguments.clusters:
        text = generate_clustered(arguments.components, arguments.clusters)
    else:
        text = generate(arguments.components)
    arguments.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
