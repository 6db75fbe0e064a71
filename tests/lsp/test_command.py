"""`mlsd lsp` as a command: it says what to install when the server's stack is missing, and it
ends quietly when the editor closes its input."""

from __future__ import annotations

import json
import re
import subprocess
import sys

WITHOUT_PYGLS = """
import sys
for name in ("pygls", "pygls.lsp", "pygls.lsp.server"):
    sys.modules[name] = None  # as if it were not installed
sys.argv = ["mlsd", "lsp"]
from mlsd_dsl.cli.main import main
main()
"""


def test_without_pygls_it_says_what_to_install() -> None:
    done = subprocess.run([sys.executable, "-c", WITHOUT_PYGLS], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr == "mlsd: error: `mlsd lsp` needs pygls: pip install 'mlsd[lsp]'\n"
    assert "Traceback" not in done.stderr


def test_it_ends_when_its_input_ends() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mlsd_dsl", "lsp", "--stdio"],
        input=b"Content-Length: 5\r\n\r\n{oops",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert b"Error in server" in done.stdout  # it told the editor about the malformed message
    assert b"Traceback" not in done.stderr
    assert b"mlsd lsp: ERROR: Unable to handle message" in done.stderr


def _framed(*messages: dict[str, object]) -> bytes:
    out = b""
    for message in messages:
        body = json.dumps(message).encode()
        out += b"Content-Length: %d\r\n\r\n" % len(body) + body
    return out


def _answers(stdout: bytes) -> list[dict[str, object]]:
    bodies = re.split(rb"Content-Length: \d+\r\n(?:[^\r\n]+\r\n)*\r\n", stdout)
    return [json.loads(body) for body in bodies if body.strip()]


def test_a_request_with_malformed_params_is_answered_and_the_server_goes_on() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mlsd_dsl", "lsp"],
        input=_framed(
            {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}},  # no capabilities
            {"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {"capabilities": {}}},
            {"jsonrpc": "2.0", "id": 3, "method": "shutdown"},
            {"jsonrpc": "2.0", "method": "exit"},
        ),
        capture_output=True,
        timeout=60,
        check=False,
    )
    answers = {answer["id"]: answer for answer in _answers(done.stdout) if "id" in answer}
    assert answers[1]["error"] == {"code": -32602, "message": "Invalid Params"}
    assert "capabilities" in answers[2]["result"]  # type: ignore[operator]
    assert b"malformed initialize message: required field missing @ $.params.capabilities" in done.stderr
    assert b"Traceback" not in done.stderr
