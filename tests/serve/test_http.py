"""The server over plain HTTP: what it serves, what it refuses, and that it stays up."""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

import pytest

from .conftest import FEED, HOSTILE_NAME, Server, save, start_server, stop_server

TRAVERSALS = [
    "/spec/../secret.mlsd",
    "/spec/%2e%2e/secret.mlsd",
    "/spec/..%2fsecret.mlsd",
    "/spec/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/api/spec/../secret.mlsd",
    "/api/spec/%2e%2e%2fsecret.mlsd",
    "/api/spec//etc/passwd",
    "/api/spec/%00",
    "/api/diagram/..%2fsecret.mlsd",
    "/api/spec/escape.mlsd",  # a symbolic link to a spec outside the folder
    "/api/spec/feed.mlsd%00.txt",
    "/static/../serve/app.py",
    "/static/%2e%2e%2fapp.py",
    "/static/app.py",
]


def wait_for(predicate: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.fixture
def guarded(spec_folder: Path) -> object:
    secret = spec_folder.parent / "secret.mlsd"
    secret.write_text(FEED.replace("Personalized feed", "SECRET"), encoding="utf-8")
    (spec_folder / "escape.mlsd").symlink_to(secret)
    (spec_folder / ".hidden").mkdir()
    (spec_folder / ".hidden" / "h.mlsd").write_text(FEED, encoding="utf-8")
    (spec_folder / "notes.txt").write_text("not a spec", encoding="utf-8")
    server = start_server(spec_folder)
    yield server
    stop_server(server)


def test_only_specs_under_the_folder_are_listed_and_served(guarded: Server) -> None:
    status, _, body = guarded.get("/api/specs")
    names = [spec["name"] for spec in json.loads(body)]
    assert names == [
        HOSTILE_NAME,
        "common/platform.mlsd",
        "feed.mlsd",
        "hostile.mlsd",
        "visual_search_draft.mlsd",
    ]
    for path in TRAVERSALS:
        status, headers, body = guarded.get(path)
        assert status == 404, path
        assert b"SECRET" not in body and b"Traceback" not in body and b"import" not in body, path
        assert headers["content-type"] == "application/json", path


def test_malformed_requests_get_a_4xx_and_security_headers(shared_server: Server) -> None:
    assert shared_server.get("/api/diagram/feed.mlsd?theme=<script>")[0] == 400
    assert shared_server.get("/api/diagram/feed.mlsd?gaps=yes")[0] == 400
    assert shared_server.get("/api/rule/NOPE999")[0] == 404
    assert shared_server.get("/nowhere")[0] == 404
    assert shared_server.get("/api/specs", headers={"Host": "evil.example"})[0] == 400  # DNS rebinding
    status, headers, _ = shared_server.get("/spec/feed.mlsd")
    assert status == 200
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert raw_request(shared_server, b"GARBAGE / HTTP/9.9\r\n\r\n").startswith(b"HTTP/1.1 4")
    assert raw_request(
        shared_server, b"GET /api/specs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: x\r\n\r\n"
    )[:12] in (b"HTTP/1.1 400", b"")
    assert shared_server.alive()


def raw_request(server: Server, data: bytes) -> bytes:
    host, port = server.url.removeprefix("http://").rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(data)
        try:
            return connection.recv(4096)
        except (ConnectionResetError, TimeoutError):
            return b""


def test_the_diagram_is_annotated_svg_without_markup_from_labels(shared_server: Server) -> None:
    status, headers, body = shared_server.get("/api/diagram/hostile.mlsd?theme=dark&gaps=1")
    assert status == 200 and headers["content-type"].startswith("image/svg+xml")
    svg = body.decode()
    assert 'data-node="m"' in svg and 'data-source="m" data-target="s"' in svg
    assert "<script" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_the_server_survives_bad_specs_and_keeps_the_last_good_state(server: Server) -> None:
    feed = server.folder / "feed.mlsd"
    before = json.loads(server.get("/api/spec/feed.mlsd")[2])
    for content in (b"\xff\xfe not utf-8", b"", b"system {" * 5000, b"\x00\x01\x02", b"system x { a -> }"):
        feed.write_bytes(content)
        wait_for(
            lambda old=before["version"]: json.loads(server.get("/api/spec/feed.mlsd")[2])["version"] > old
        )
        detail = json.loads(server.get("/api/spec/feed.mlsd")[2])
        assert not detail["valid"] and detail["stale"] and detail["diagnostics"]
        assert detail["diagram_version"] == before["diagram_version"]
        assert server.get("/api/diagram/feed.mlsd")[0] == 200
        before = detail
    feed.unlink()
    wait_for(lambda: server.get("/api/spec/feed.mlsd")[0] == 404)
    save(feed, FEED)
    wait_for(lambda: server.get("/api/spec/feed.mlsd")[0] == 200)
    assert server.alive()


def test_a_burst_of_saves_is_coalesced(server: Server) -> None:
    feed = server.folder / "feed.mlsd"
    start = json.loads(server.get("/api/spec/feed.mlsd")[2])["version"]
    for number in range(40):
        save(feed, FEED.replace("positive_rate: 4%", f"positive_rate: {number % 9 + 1}%"))
        time.sleep(0.005)
    wait_for(lambda: "positive_rate" in json.dumps(json.loads(server.get("/api/spec/feed.mlsd")[2])))
    wait_for(lambda: _rate(server) == "4%")  # the last save (39 % 9 + 1 = 4) is what the page shows
    versions = json.loads(server.get("/api/spec/feed.mlsd")[2])["version"] - start
    assert 1 <= versions < 40


def _rate(server: Server) -> str | None:
    detail = json.loads(server.get("/api/spec/feed.mlsd")[2])
    attributes = dict(detail["components"]["train"]["attributes"])
    return attributes.get("positive_rate")


def test_a_new_spec_appears_in_the_index(server: Server) -> None:
    (server.folder / "sub").mkdir()
    save(server.folder / "sub" / "new.mlsd", FEED)
    wait_for(lambda: server.get("/api/spec/sub/new.mlsd")[0] == 200)


def test_symlinked_folder_escape_is_not_followed(spec_folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "leak.mlsd").write_text(FEED, encoding="utf-8")
    os.symlink(outside, spec_folder / "linked")
    server = start_server(spec_folder)
    try:
        names = [spec["name"] for spec in json.loads(server.get("/api/specs")[2])]
        assert not any(name.startswith("linked") for name in names)
        assert server.get("/api/spec/linked/leak.mlsd")[0] == 404
    finally:
        stop_server(server)
