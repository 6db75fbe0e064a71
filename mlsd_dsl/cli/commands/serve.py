"""`mlsd serve`: a live page of specs — diagram, findings and coverage, updated as files are saved."""

from __future__ import annotations

import gc
import socket
import sys
import webbrowser
from pathlib import Path
from types import FrameType

import click

from mlsd_dsl.cli.exit_codes import EXIT_CLEAN, EXIT_ERROR

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command(name="serve")
@click.argument("paths", nargs=-1)
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on (loopback).")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port to listen on; 0 picks a free one.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a web browser.")
@click.option(
    "--export",
    "export_to",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="DIR",
    help="Write the pages as self-contained static files into DIR instead of serving them.",
)
def command(paths: tuple[str, ...], host: str, port: int, open_browser: bool, export_to: Path | None) -> None:
    """Serve a live design page for the specs under PATHS (default: the current folder).

    The index lists every spec with its findings and framework coverage; each spec's page shows
    its diagram (zoom, pan, themes, --gaps), findings and coverage. Saving a file updates the open
    pages within a second; a spec that stops compiling shows its errors beside its last good
    diagram. Only .mlsd files under PATHS are served. Stop with Ctrl-C.

    With --export DIR, the same pages are written as static files (DIR/index.html, one page per
    spec) to share or publish, and nothing is served.
    """
    if export_to is not None:
        export(list(paths) or ["."], export_to)
    try:
        import uvicorn

        from mlsd_dsl.serve.app import create_app
        from mlsd_dsl.serve.workspace import Workspace
    except ModuleNotFoundError as problem:
        click.echo(f"mlsd: error: `mlsd serve` needs '{problem.name}': pip install 'mlsd[serve]'", err=True)
        sys.exit(EXIT_ERROR)
    gc.enable()  # the command line turns the collector off for short runs; a server runs for hours
    workspace = Workspace.open(list(paths) or ["."])
    if not workspace.names():
        click.echo(f"mlsd: error: no .mlsd files under {', '.join(paths) or '.'}", err=True)
        sys.exit(EXIT_ERROR)
    listener = _listen(host, port)
    url = _url(host, listener.getsockname()[1])
    if host not in LOOPBACK:
        click.echo(
            f"mlsd: warning: listening on {host}: anyone who can reach it can read these specs", err=True
        )
    app, live = create_app(workspace, allowed_hosts=list(LOOPBACK) if host in LOOPBACK else None)
    count = len(workspace.names())
    click.echo(f"serving {count} spec{'s' if count != 1 else ''} at {url} (Ctrl-C to stop)", err=True)
    if open_browser:
        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=1, lifespan="on")
    server = uvicorn.Server(config)
    stop = server.handle_exit

    def handle_exit(sig: int, frame: FrameType | None) -> None:
        live.close_from_signal()  # open pages hold event streams; end them, or Ctrl-C waits
        stop(sig, frame)

    server.handle_exit = handle_exit  # type: ignore[method-assign]
    server.run(sockets=[listener])
    sys.exit(EXIT_CLEAN)


def _listen(host: str, port: int) -> socket.socket:
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        listener = socket.socket(family, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
    except OSError as problem:
        click.echo(f"mlsd: error: cannot listen on {host}:{port}: {problem.strerror or problem}", err=True)
        sys.exit(EXIT_ERROR)
    return listener


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def export(paths: list[str], target: Path) -> None:
    from mlsd_dsl.serve.export import export_site
    from mlsd_dsl.serve.workspace import Workspace

    workspace = Workspace.open(paths)
    if not workspace.names():
        click.echo(f"mlsd: error: no .mlsd files under {', '.join(paths)}", err=True)
        sys.exit(EXIT_ERROR)
    try:
        written = export_site(workspace, target)
    except OSError as problem:
        click.echo(f"mlsd: error: cannot write into {target}: {problem.strerror or problem}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"wrote {len(written)} pages into {target}", err=True)
    sys.exit(EXIT_CLEAN)
