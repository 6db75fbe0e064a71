"""The project folder hostile imports point into: symbolic-link loops, a long chain of imports, a
cycle, a FIFO, a folder named like a spec, a link out of the project, files that are not UTF-8."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from tests.fuzz.inputs import REPO

PLATFORM = (REPO / "specs" / "common" / "platform.mlsd").read_text(encoding="utf-8")


def build_project(root: Path, chain: int = 200) -> None:
    """Fill `root` (which must exist) with the files `IMPORT_PATHS` name."""
    (root / "pyproject.toml").write_text("[project]\nname = 'fuzz'\n", encoding="utf-8")
    (root / "common").mkdir()
    (root / "common" / "platform.mlsd").write_text(PLATFORM, encoding="utf-8")
    (root / "loop1.mlsd").symlink_to("loop2.mlsd")
    (root / "loop2.mlsd").symlink_to("loop1.mlsd")
    (root / "selfloop.mlsd").symlink_to("selfloop.mlsd")
    (root / "link_out.mlsd").symlink_to("/etc/passwd")
    (root / "chain").mkdir()
    for number in range(chain):
        follow = f'import "c{number + 1}.mlsd"\n' if number + 1 < chain else ""
        text = f"{follow}storage chained{number}\n"
        (root / "chain" / f"c{number}.mlsd").write_text(text, encoding="utf-8")
    (root / "cycle_a.mlsd").write_text('import "cycle_b.mlsd"\nstorage a\n', encoding="utf-8")
    (root / "cycle_b.mlsd").write_text('import "cycle_a.mlsd"\nstorage b\n', encoding="utf-8")
    (root / "with_system.mlsd").write_text("system inner { storage x }\n", encoding="utf-8")
    (root / "bad_utf8.mlsd").write_bytes(b"storage bad \xff\xfe\n")
    (root / "bom.mlsd").write_bytes(b"\xef\xbb\xbfstorage bom_store\n")
    (root / "empty.mlsd").write_bytes(b"")
    (root / "dir.mlsd").mkdir()
    (root / ("l" * 240 + ".mlsd")).write_text("storage long_named\n", encoding="utf-8")
    (root / "long_name.mlsd").symlink_to("l" * 240 + ".mlsd")
    with contextlib.suppress(OSError, AttributeError):
        os.mkfifo(root / "fifo.mlsd")
