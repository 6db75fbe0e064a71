"""Write the evaluation corpus's variants from each design's base and its `variants.toml`.

Each design folder under tests/lint/corpus/ holds `base.mlsd` and `variants.toml`, a list of
`[[defect]]` and `[[clean]]` tables. A variant is the base with a few exact text replacements
(`[[defect.patch]]` / `[[clean.patch]]` with `old` and `new`; each `old` must occur exactly once in
the base), written with a header comment that says what a reviewer would say:

    defects/<class>-<n>.mlsd    # defect: <class>: <says>
    clean/<name>.mlsd           # clean: <says>

    .venv/bin/python -m tests.lint.corpus_generate           # write every variant
    .venv/bin/python -m tests.lint.corpus_generate --check   # exit 1 when a file is stale
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"

DEFECT_CLASSES = (
    "latency",
    "freshness",
    "fallback",
    "skew",
    "untrained",
    "labels",
    "leakage",
    "privacy",
    "experiment",
    "time-order",
    "drift",
)


class CorpusError(Exception):
    """A variants.toml that cannot be applied to its base."""


@dataclass(frozen=True)
class Patch:
    old: str
    new: str


@dataclass(frozen=True)
class VariantSource:
    """One variant as variants.toml describes it."""

    kind: str  # "defect" or "clean"
    name: str  # "<class>-<n>" for a defect, the file stem for a clean variant
    says: str
    patches: tuple[Patch, ...]
    defect_class: str | None = None

    @property
    def relative_path(self) -> str:
        folder = "defects" if self.kind == "defect" else "clean"
        return f"{folder}/{self.name}.mlsd"

    @property
    def header(self) -> str:
        if self.kind == "defect":
            return f"# defect: {self.defect_class}: {self.says}\n"
        return f"# clean: {self.says}\n"


def _patches(table: dict[str, object], where: str) -> tuple[Patch, ...]:
    raw = table.get("patch")
    if not isinstance(raw, list) or not raw:
        raise CorpusError(f"{where}: a variant needs at least one [[...patch]]")
    patches = []
    for item in raw:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("old"), str)
            or not isinstance(item.get("new"), str)
        ):
            raise CorpusError(f"{where}: a patch needs string `old` and `new`")
        patches.append(Patch(item["old"], item["new"]))
    return tuple(patches)


def _says(table: dict[str, object], where: str) -> str:
    says = table.get("says")
    if not isinstance(says, str) or not says.strip() or "\n" in says:
        raise CorpusError(f"{where}: `says` must be one non-empty line")
    return says.strip()


def read_variants(design: Path) -> list[VariantSource]:
    """The variants of one design, defects numbered per class in file order."""
    source = design / "variants.toml"
    if not source.exists():
        return []
    where = str(source)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as problem:
        raise CorpusError(f"{where}: {problem}") from None
    variants: list[VariantSource] = []
    counts: dict[str, int] = {}
    for table in data.get("defect", []):
        defect_class = table.get("class")
        if defect_class not in DEFECT_CLASSES:
            raise CorpusError(
                f"{where}: unknown defect class {defect_class!r}; one of {', '.join(DEFECT_CLASSES)}"
            )
        counts[defect_class] = counts.get(defect_class, 0) + 1
        name = f"{defect_class}-{counts[defect_class]}"
        variants.append(
            VariantSource(
                "defect", name, _says(table, where), _patches(table, f"{where} {name}"), defect_class
            )
        )
    for table in data.get("clean", []):
        name = table.get("name")
        if not isinstance(name, str) or not name.replace("-", "").replace("_", "").isalnum():
            raise CorpusError(f"{where}: a clean variant needs a `name` usable as a file name")
        variants.append(VariantSource("clean", name, _says(table, where), _patches(table, f"{where} {name}")))
    return variants


def apply(base: str, variant: VariantSource) -> str:
    """The variant's text: its header, then the base with every patch applied."""
    text = base
    for patch in variant.patches:
        found = base.count(patch.old)
        if found != 1:
            raise CorpusError(
                f"{variant.relative_path}: patch text occurs {found} times in the base: {patch.old!r}"
            )
        text = text.replace(patch.old, patch.new)
    if text == base:
        raise CorpusError(f"{variant.relative_path}: the patches change nothing")
    return variant.header + text


def designs() -> list[Path]:
    return sorted(path.parent for path in CORPUS.glob("*/base.mlsd"))


def expected_files() -> dict[Path, str]:
    """Every variant file the corpus should hold, with its text."""
    files: dict[Path, str] = {}
    for design in designs():
        base = (design / "base.mlsd").read_text(encoding="utf-8")
        for variant in read_variants(design):
            files[design / variant.relative_path] = apply(base, variant)
    return files


def stale_files() -> list[str]:
    """Variant files that are missing, differ from what their patches give, or belong to no variant."""
    wanted = expected_files()
    present = {path for design in designs() for path in design.glob("*/*.mlsd")}
    problems = [
        str(path) for path, text in wanted.items() if not path.exists() or path.read_text("utf-8") != text
    ]
    problems += [f"{path} (no variant in variants.toml)" for path in sorted(present - set(wanted))]
    return problems


def write() -> list[Path]:
    wanted = expected_files()
    for design in designs():
        for path in design.glob("*/*.mlsd"):
            if path not in wanted:
                path.unlink()
    for path, text in wanted.items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(wanted)


def main(argv: list[str]) -> int:
    try:
        if "--check" in argv:
            stale = stale_files()
            for line in stale:
                print(f"stale: {line}")
            return 1 if stale else 0
        written = write()
    except CorpusError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    print(f"wrote {len(written)} variants in {len(designs())} designs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
