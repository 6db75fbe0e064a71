"""Which spec files to compare: two named files, or every spec of a git revision and of the working
tree (under the given paths), paired by path."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath

from mlsd_dsl.compiler.sources import display_path
from mlsd_dsl.diff.compare import diff_sides
from mlsd_dsl.diff.git import GitRevision, git
from mlsd_dsl.diff.report import DiffReport, SpecDiff, SpecStatus, summarise
from mlsd_dsl.diff.sides import SpecSide, absent, analysed, compiled_side, load_side, same_text
from mlsd_dsl.lint import LintConfig, find_config
from mlsd_dsl.version import __version__

SPEC_SUFFIX = ".mlsd"
WORKING_TREE = "working tree"
ConfigFor = Callable[[Path], LintConfig]


class NothingToCompare(Exception):
    """A path given to compare names no spec at either version."""


def diff_files(old: Path, new: Path, config_for: ConfigFor = find_config) -> DiffReport:
    """OLD and NEW as two versions of one spec; each is linted with the configuration of NEW."""
    config = config_for(new)
    spec = diff_sides(load_side(old, config), load_side(new, config))
    return report(display_path(old), display_path(new), [spec])


def diff_revision(
    revision: str, paths: Sequence[str] = (), cwd: Path | None = None, config_for: ConfigFor = find_config
) -> DiffReport:
    """Every spec under `paths` (default: the whole repository) at `revision` against the working
    tree, leaving out what the configuration `exclude`s unless it is named as a file. Both versions
    are linted with today's configuration, so a finding introduced or fixed is the design's doing,
    not the configuration's. A spec compiled from the same text at both versions (imports
    included) is unchanged without being linted."""
    folder = cwd or Path.cwd()
    tree = GitRevision.open(revision, folder)
    targets = [folder / p for p in paths] or [tree.root]
    before = {_inside(tree, p): p for target in targets for p in tree.files_under(target, SPEC_SUFFIX)}
    after = {_inside(tree, p): p for p in working_tree_specs(tree.root, targets)}
    if paths:
        _check_targets(tree, targets, set(before) | set(after), revision)
    named = {_inside(tree, target) for target in targets if target.suffix == SPEC_SUFFIX}
    specs = []
    for name in sorted(set(before) | set(after)):
        path = before.get(name) or after[name]
        config = config_for(path)
        if name not in named and config.excludes(path):
            continue
        old = compiled_side(path, tree) if name in before else absent(display_path(path))
        new = compiled_side(path) if name in after else absent(display_path(path))
        specs.append(_compared(old, new, config))
    return report(f"{revision} ({tree.commit[:10]})", WORKING_TREE, specs)


def _compared(old: SpecSide, new: SpecSide, config: LintConfig) -> SpecDiff:
    if same_text(old, new) and new.spec is not None:
        return SpecDiff(path=new.path, system=new.spec.name, status=SpecStatus.UNCHANGED)
    return diff_sides(analysed(old, config), analysed(new, config))


def _check_targets(tree: GitRevision, targets: list[Path], found: set[str], revision: str) -> None:
    for target in targets:
        name = tree.relative(target)
        prefix = "" if name in (None, ".") else f"{name}/"
        if name is None or not any(spec == name or spec.startswith(prefix) for spec in found):
            raise NothingToCompare(
                f"no {SPEC_SUFFIX} files at '{display_path(target)}' in {revision} or in the working tree"
            )


def _inside(tree: GitRevision, path: Path) -> str:
    name = tree.relative(path)
    assert name is not None  # both listings hold files of the repository
    return name


def working_tree_specs(root: Path, targets: list[Path]) -> list[Path]:
    """The spec files under the targets that git tracks or would track (.gitignore respected)."""
    listing = git(
        ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *map(str, targets)], root
    )
    found = []
    for entry in listing.split(b"\0"):
        name = entry.decode("utf-8", "surrogateescape")
        if name.endswith(SPEC_SUFFIX) and not any(part.startswith(".") for part in PurePosixPath(name).parts):
            path = root / name
            if path.is_file():
                found.append(path)
    return sorted(set(found))


def report(old: str, new: str, specs: list[SpecDiff]) -> DiffReport:
    return DiffReport(version=__version__, old=old, new=new, specs=specs, summary=summarise(specs))
