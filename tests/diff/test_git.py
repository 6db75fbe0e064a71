"""`mlsd diff --git REV`: temporary repositories with two versions, compared by the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mlsd_dsl.cli.main import cli
from mlsd_dsl.diff import GitError, diff_revision

from .helpers import BASE, commit, edited, git, new_repository, write

MODULE = """\
storage lake: s3 "shared lake" { format: parquet  retention: 30d }
"""
WITH_IMPORT = edited(
    BASE,
    ('system feed "Feed" {', 'import "common/platform.mlsd"\n\nsystem feed "Feed" {'),
    ("events -> train", "events -> lake -> train"),
)


@pytest.fixture()
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = new_repository(
        tmp_path / "repo",
        {"specs/feed.mlsd": WITH_IMPORT, "specs/common/platform.mlsd": MODULE, "specs/old.mlsd": BASE},
    )
    monkeypatch.chdir(root)
    return root


def run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["diff", *arguments])
    return result.exit_code, result.stdout, result.stderr


def test_unchanged_working_tree(repository: Path) -> None:
    report = diff_revision("HEAD")
    assert [spec.status.value for spec in report.specs] == ["unchanged", "unchanged", "unchanged"]
    assert report.changed_specs == []
    code, out, _ = run("--git", "HEAD")
    assert code == 0 and out.strip().endswith("no changes in 3 specs")


def test_specs_added_changed_and_removed(repository: Path) -> None:
    write(
        repository,
        {
            "specs/old.mlsd": None,
            "specs/new.mlsd": edited(BASE, ("system feed", "system fresh")),
            "specs/feed.mlsd": edited(
                WITH_IMPORT, ("ranker", "scorer"), ("latency_p99: 150ms", "latency_p99: 120ms")
            ),
        },
    )
    report = diff_revision("HEAD", ["specs"])
    statuses = {spec.path: spec.status.value for spec in report.specs}
    assert statuses == {
        "specs/common/platform.mlsd": "unchanged",
        "specs/feed.mlsd": "changed",
        "specs/new.mlsd": "added",
        "specs/old.mlsd": "removed",
    }
    feed = next(spec for spec in report.specs if spec.path == "specs/feed.mlsd")
    assert [(r.old, r.new) for r in feed.components_renamed] == [("ranker", "scorer")]
    assert [(c.name, c.attributes[0].before, c.attributes[0].after) for c in feed.components_changed] == [
        ("api", "150ms", "120ms")
    ]
    added = next(spec for spec in report.specs if spec.status.value == "added")
    assert {c.name for c in added.components_added} == {"events", "train", "ranker", "api"}
    assert added.coverage[0].before is None and added.coverage[0].after == "partial"
    removed = next(spec for spec in report.specs if spec.status.value == "removed")
    assert {c.name for c in removed.components_removed} == {"events", "train", "ranker", "api"}


def test_imports_are_read_at_each_revision(repository: Path) -> None:
    """The module changed since HEAD: the old system sees the old module, read from git."""
    write(repository, {"specs/common/platform.mlsd": MODULE.replace("30d", "90d")})
    report = diff_revision("HEAD", ["specs/feed.mlsd"])
    [feed] = report.specs
    [change] = feed.components_changed
    assert (
        change.name,
        change.attributes[0].key,
        change.attributes[0].before,
        change.attributes[0].after,
    ) == (
        "lake",
        "retention",
        "30d",
        "90d",
    )


def test_an_earlier_commit_and_a_module_that_only_exists_now(repository: Path) -> None:
    commit(repository, {"specs/common/extra.mlsd": 'storage archive: s3 "cold"\n'}, "add a module")
    write(
        repository,
        {
            "specs/feed.mlsd": edited(
                WITH_IMPORT,
                (
                    'import "common/platform.mlsd"',
                    'import "common/platform.mlsd"\nimport "common/extra.mlsd"',
                ),
            )
        },
    )
    report = diff_revision("HEAD~1", ["specs/feed.mlsd"])
    [feed] = report.specs
    assert [c.name for c in feed.components_added] == ["archive"]
    assert feed.fields[0].key == "imports"


def test_a_spec_invalid_at_one_revision_is_reported_not_a_crash(repository: Path) -> None:
    write(repository, {"specs/feed.mlsd": edited(WITH_IMPORT, ("serving api", "sevring api"))})
    code, out, err = run("--git", "HEAD", "specs/feed.mlsd")
    assert "specs/feed.mlsd (feed): invalid" in out
    assert "E101 error: unknown component kind 'sevring'" in out
    assert code == 1 and "Traceback" not in out + err  # an error the old version did not have
    assert run("--git", "HEAD", "specs/feed.mlsd", "--fail-on", "never")[0] == 0


def test_a_spec_fixed_since_the_revision(repository: Path) -> None:
    commit(
        repository,
        {
            "specs/feed.mlsd": edited(
                WITH_IMPORT, ('import "common/platform.mlsd"', 'import "common/missing.mlsd"')
            )
        },
    )
    write(repository, {"specs/feed.mlsd": WITH_IMPORT})
    [feed] = diff_revision("HEAD", ["specs/feed.mlsd"]).specs
    assert feed.status.value == "invalid"
    assert [e.code for e in feed.errors_before] == ["E201"] and feed.errors_after == []
    assert feed.new_errors == []


def test_findings_introduced_fail_the_default_run(repository: Path) -> None:
    write(repository, {"specs/feed.mlsd": edited(WITH_IMPORT, ("latency_p99: 150ms", "latency_p99: 250ms"))})
    code, out, _ = run("--git", "HEAD", "--format", "json")
    assert code == 1
    document = json.loads(out)
    [feed] = [spec for spec in document["specs"] if spec["status"] == "changed"]
    assert [(f["code"], f["subject"]) for f in feed["findings_introduced"]] == [("SERVE005", "api")]


def test_ignored_and_hidden_files_are_left_out(repository: Path) -> None:
    write(repository, {".gitignore": "build/\n", "build/gen.mlsd": BASE, ".hidden/x.mlsd": BASE})
    report = diff_revision("HEAD")
    assert {spec.path for spec in report.specs} == {
        "specs/common/platform.mlsd",
        "specs/feed.mlsd",
        "specs/old.mlsd",
    }


def test_unknown_revision_and_not_a_repository(
    repository: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run("--git", "no-such-branch")
    assert code == 2 and err == "mlsd: error: unknown revision 'no-such-branch'\n"
    code, _, err = run("--git", "--upload-pack=x")
    assert code == 2 and "not a revision" in err
    elsewhere = tmp_path / "plain"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code, _, err = run("--git", "HEAD")
    assert code == 2 and err.startswith("mlsd: error:") and "not a git repository" in err
    with pytest.raises(GitError):
        diff_revision("HEAD")


def test_a_revision_in_another_folder_of_the_repository(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository / "specs")
    write(repository, {"specs/feed.mlsd": edited(WITH_IMPORT, ("ranker", "scorer"))})
    report = diff_revision("main", ["feed.mlsd"])
    assert [spec.path for spec in report.specs] == ["feed.mlsd"]
    assert report.specs[0].components_renamed[0].new == "scorer"
    assert git(repository, "status", "--porcelain").strip() == "M specs/feed.mlsd"  # nothing written


def test_the_configured_exclude_is_left_out_unless_named(repository: Path) -> None:
    write(repository, {".mlsd.toml": 'exclude = ["specs/old.mlsd"]\n', "specs/old.mlsd": None})
    assert {spec.path for spec in diff_revision("HEAD").specs} == {
        "specs/common/platform.mlsd",
        "specs/feed.mlsd",
    }
    [old] = diff_revision("HEAD", ["specs/old.mlsd"]).specs
    assert old.status.value == "removed"


def test_a_path_with_no_spec_at_either_version_is_an_error(repository: Path) -> None:
    code, _, err = run("--git", "HEAD", "specs/nope")
    assert (code, err) == (2, "mlsd: error: no .mlsd files at 'specs/nope' in HEAD or in the working tree\n")


def test_a_spec_invalid_at_both_versions_alike_is_no_change(repository: Path) -> None:
    commit(repository, {"specs/bad.mlsd": "system bad {\n  sevring api\n}\n"})
    commit(repository, {"specs/feed.mlsd": WITH_IMPORT + "\n"})
    write(repository, {"specs/bad.mlsd": "# moved down\nsystem bad {\n  sevring api\n}\n"})
    report = diff_revision("HEAD~1")
    bad = next(spec for spec in report.specs if spec.path == "specs/bad.mlsd")
    assert bad.status.value == "invalid" and not bad.has_changes
    assert report.summary.specs_invalid == 0 and report.summary.specs_changed == 0
    assert report.summary.specs_unchanged == 4
    assert run("--git", "HEAD~1", "--fail-on", "any-change")[0] == 0
