"""`mlsd lsp` as a command: it says what to install when the server's stack is missing, and it
ends quietly when the editor closes its input."""

from __future__ import annotations

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
