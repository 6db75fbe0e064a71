"""`mlsd report`: the design document in Markdown and in one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from click.testing import CliRunner

from mlsd_dsl import parse
from mlsd_dsl.cli.main import cli
from mlsd_dsl.lint import lint_spec
from mlsd_dsl.report import design_report, mermaid_diagram, svg_diagram

from .helpers import REPO

DRAFT = dedent("""
    system shop "Shop <search> & \\"ranking\\"" {
      requirements {
        goal: "more purchases | fewer returns"
        users: 2M
        latency_p99: 200ms
      }
      source clicks: kafka { type: events }
      dataset train { label: "purchased"  split: random }
      model popular: heuristic "<script>alert(1)</script>" { baseline: true }
      serving api: online { fallback: popular  rollout: canary }
      clicks -> train
      train -> popular -> api
    }
""")


@pytest.fixture(scope="module")
def markdown() -> str:
    return design_report(parse(DRAFT, "shop.mlsd"), "md", diagram=mermaid_diagram(parse(DRAFT, "shop.mlsd")))


def test_markdown_report_opens_with_title_and_summary(markdown: str) -> None:
    assert markdown.startswith(
        '# Shop \\<search\\> & "ranking"\n\nSystem `shop` from `shop.mlsd`. '
        "Framework coverage: 3 of 7 steps covered, 1 partial, 3 missing. "
        "Lint: 1 error, 5 warnings, 0 notes.\n"
    )


def test_markdown_report_has_the_requirements_table(markdown: str) -> None:
    assert (
        dedent("""
        | Attribute | Value | Meaning |
        |---|---|---|
        | `goal` | more purchases \\| fewer returns | the business objective |
        | `users` | 2M | number of users (daily or monthly active) |
        | `latency_p99` | 200ms | 99th-percentile latency requirement |
    """)
        in markdown
    )


def test_each_step_says_what_is_decided_and_what_is_open(markdown: str) -> None:
    step_3 = markdown.split("## 3. Data preparation")[1].split("## 4.")[0]
    assert "**Status:** ⚠️ partial" in step_3
    assert "- **train** — dataset — *label: purchased; split: random*" in step_3
    assert (
        "- **popular** — model: `heuristic` (\\<script\\>alert(1)\\</script\\>) — *baseline: true*"
        in markdown
    )
    assert "- `DATA003` random-split-on-time-data: " in step_3
    step_2 = markdown.split("## 2. Frame as an ML task")[1].split("## 3.")[0]
    assert "**Status:** ❌ missing" in step_2
    assert "No `framing` section." in step_2


def test_findings_come_with_their_rule_explanation(markdown: str) -> None:
    assert "| 🔴 error | `DATA003` | random-split-on-time-data | 9 |" in markdown
    assert (
        "**DATA003 random-split-on-time-data** — A random split on time-ordered data leaks the future."
        in markdown
    )
    assert "*Fix:* " in markdown


def test_the_coverage_table_closes_the_report(markdown: str) -> None:
    coverage = markdown.split("## Framework coverage\n\n")[1]
    assert coverage.startswith(
        "| Step | Title | Status | Open findings |\n|---|---|---|---|\n"
        "| 1 | Clarify requirements | ✅ covered |  |\n"
    )
    assert len(coverage.strip().splitlines()) == 2 + 7


def test_markdown_embeds_the_diagram_as_mermaid_on_request(markdown: str) -> None:
    assert "## Architecture\n\n```mermaid\n---\ntitle: " in markdown


def test_html_report_is_one_self_contained_page() -> None:
    spec = parse(DRAFT, "shop.mlsd")
    findings = lint_spec(spec)
    page = design_report(spec, "html", findings, diagram=svg_diagram(spec, findings))
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>Shop &lt;search&gt; &amp; &quot;ranking&quot;</title>" in page
    assert '<figure class="diagram"' in page and "<svg" in page and "<?xml" not in page
    for external in ("<script", "<link", 'src="http', "url(http", "@import"):
        assert external not in page
    assert "(&lt;script&gt;alert(1)&lt;/script&gt;)" in page  # the label, as text
    assert "<td><code>goal</code></td><td>more purchases | fewer returns</td>" in page


def test_reports_are_deterministic() -> None:
    spec_path = REPO / "specs" / "video_recommendation.mlsd"
    runs = [
        CliRunner().invoke(cli, ["report", str(spec_path), "-f", "html", "-o", "-"]).output for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert "<svg" in runs[0]


def test_report_cli_writes_markdown_with_its_diagram_beside_it(tmp_path: Path) -> None:
    spec = tmp_path / "shop.mlsd"
    spec.write_text(DRAFT)
    result = CliRunner().invoke(cli, ["report", str(spec), "-o", str(tmp_path / "design.md")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["design.md", "design.svg", "shop.mlsd"]
    assert (
        '![Architecture of Shop \\<search\\> & "ranking"](design.svg)' in (tmp_path / "design.md").read_text()
    )
    assert (tmp_path / "design.svg").read_text().lstrip().startswith("<?xml")


def test_report_format_follows_the_output_extension(tmp_path: Path) -> None:
    spec = tmp_path / "shop.mlsd"
    spec.write_text(DRAFT)
    assert CliRunner().invoke(cli, ["report", str(spec), "-o", str(tmp_path / "design.html")]).exit_code == 0
    assert (tmp_path / "design.html").read_text().startswith("<!DOCTYPE html>")


def test_report_refuses_a_spec_with_errors(tmp_path: Path) -> None:
    spec = tmp_path / "bad.mlsd"
    spec.write_text("system s { model m { loss focal } }")
    result = CliRunner().invoke(cli, ["report", str(spec), "-o", str(tmp_path / "design.md")])
    assert result.exit_code == 2
    assert "error[E001]" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.mlsd"]


def test_both_report_formats_draw_every_coverage_status_and_severity() -> None:
    from mlsd_dsl.report.document import BADGES
    from mlsd_dsl.report.html import BADGE_SYMBOLS
    from mlsd_dsl.report.markdown import BADGES as MARKDOWN_BADGES

    assert set(MARKDOWN_BADGES) == set(BADGES) == set(BADGE_SYMBOLS)
