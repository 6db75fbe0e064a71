"""Atomic writes: all of the new file or none of it, never a temporary left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mlsd_dsl.files import write_atomically


def test_write_replaces_the_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "d.svg"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["d.svg"]


def test_a_written_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        write_atomically(tmp_path / "d.svg", b"x")
    finally:
        os.umask(mask)
    assert (tmp_path / "d.svg").stat().st_mode & 0o777 == 0o644


def test_a_failed_rename_keeps_the_old_content_and_removes_the_temporary(tmp_path: Path) -> None:
    target = tmp_path / "d.svg"
    target.mkdir()  # os.replace cannot put a file over a directory
    (target / "inside").write_bytes(b"old")
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["d.svg"]
    assert (target / "inside").read_bytes() == b"old"


def test_a_symbolic_link_is_followed_and_its_target_replaced(tmp_path: Path) -> None:
    target = tmp_path / "real.svg"
    target.write_bytes(b"old")
    (tmp_path / "link.svg").symlink_to(target)
    write_atomically(tmp_path / "link.svg", b"new")
    assert (tmp_path / "link.svg").is_symlink() and target.read_bytes() == b"new"


def test_a_device_is_written_into_not_replaced(tmp_path: Path) -> None:
    devnull = Path(os.devnull)
    write_atomically(devnull, b"discarded")
    assert devnull.is_char_device()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomically(fifo, b"through the pipe")
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert fifo.is_fifo()


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        write_atomically(tmp_path, b"x")
