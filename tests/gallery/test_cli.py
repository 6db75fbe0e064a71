"""`mlsd gallery SPECS -o OUT`: what it writes, and how it fails."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from mlsd_dsl.cli.main import cli

SHOP = """\
system shop "Shop search" {
  source clicks: kafka { type: events }
  model ranker: lightgbm { loss: lambdarank }
  serving api: online
  clicks -> ranker -> api
}
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["gallery", *args])
    return result.exit_code, result.stdout, result.stderr


def write_specs(root: Path, files: dict[str, str]) -> Path:
    specs = root / "specs"
    for name, text in files.items():
        (specs / name).parent.mkdir(parents=True, exist_ok=True)
        (specs / name).write_text(text, encoding="utf-8")
    return specs


def test_writes_pictures_and_readme_then_leaves_them_alone(tmp_path: Path) -> None:
    specs = write_specs(
        tmp_path, {"shop.mlsd": SHOP, "broken/shop_draft.mlsd": SHOP.replace("shop", "shop_draft")}
    )
    out = tmp_path / "gallery"

    first = run(str(specs), "-o", str(out))
    second = run(str(specs), "-o", str(out))

    assert first == (0, f"6 files updated in {out}\n", "")
    assert sorted(path.name for path in out.iterdir()) == [
        "README.md",
        "shop.icons.png",
        "shop.png",
        "shop.svg",
        "shop_draft.gaps.png",
        "shop_draft.gaps.svg",
    ]
    assert second == (0, f"0 files updated in {out}\n", "")


def test_a_spec_with_errors_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    specs = write_specs(tmp_path, {"shop.mlsd": SHOP, "bad.mlsd": "system bad {\n  modle m\n}\n"})
    out = tmp_path / "gallery"

    code, stdout, stderr = run(str(specs), "-o", str(out))

    assert code == 2
    assert stdout == ""
    assert "bad.mlsd:2:3: error[E101]: unknown component kind 'modle'" in stderr
    assert stderr.endswith(f"mlsd: specs in {specs} do not compile\n")
    assert not out.exists()


def test_specs_must_be_a_directory(tmp_path: Path) -> None:
    code, stdout, stderr = run(str(tmp_path / "missing"), "-o", str(tmp_path / "gallery"))

    assert (code, stdout, stderr) == (2, "", f"mlsd: not a directory: {tmp_path / 'missing'}\n")


def test_check_lists_what_is_out_of_date_and_writes_nothing(tmp_path: Path) -> None:
    specs = write_specs(tmp_path, {"shop.mlsd": SHOP})
    out = tmp_path / "gallery"
    run(str(specs), "-o", str(out))
    (out / "shop.svg").write_text("<svg/>", encoding="utf-8")
    (out / "old.png").write_bytes(b"")

    code, stdout, _ = run("--check", str(specs), "-o", str(out))

    assert code == 1
    assert stdout == (
        f"out of date: {out / 'old.png'}\n"
        f"out of date: {out / 'shop.svg'}\n"
        f"2 files out of date; run `mlsd gallery {specs} -o {out}`\n"
    )
    assert (out / "shop.svg").read_text(encoding="utf-8") == "<svg/>"


def test_check_passes_on_a_fresh_gallery(tmp_path: Path) -> None:
    specs = write_specs(tmp_path, {"shop.mlsd": SHOP})
    out = tmp_path / "gallery"
    run(str(specs), "-o", str(out))

    assert run("--check", str(specs), "-o", str(out)) == (0, f"{out} is up to date\n", "")


def test_a_broken_lint_configuration_is_reported(tmp_path: Path) -> None:
    specs = write_specs(tmp_path, {"shop.mlsd": SHOP, ".mlsd.toml": "select = 3\n"})

    code, stdout, stderr = run(str(specs), "-o", str(tmp_path / "gallery"))

    assert (code, stdout) == (2, "")
    assert stderr.startswith("mlsd: ") and ".mlsd.toml" in stderr
    assert not (tmp_path / "gallery").exists()


def test_two_jobs_write_what_one_job_writes(tmp_path: Path) -> None:
    specs = write_specs(
        tmp_path,
        {
            "shop.mlsd": SHOP,
            "books.mlsd": SHOP.replace("shop", "books"),
            "broken/shop_draft.mlsd": SHOP.replace("shop", "shop_draft"),
        },
    )
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(str(specs), "-o", str(one), "--jobs", "1")[0] == 0
    assert run(str(specs), "-o", str(two), "--jobs", "2")[0] == 0
    names = sorted(path.name for path in one.iterdir())
    assert names == sorted(path.name for path in two.iterdir())
    assert len(names) > 8
    for name in names:
        written = (two / name).read_bytes()
        assert written.replace(b"two/", b"one/") == (one / name).read_bytes(), name
