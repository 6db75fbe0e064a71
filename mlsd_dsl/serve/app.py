"""The live design page as a Starlette application.

    GET /                          the index of served specs
    GET /spec/{name}               a spec's page
    GET /api/specs                 the index as JSON
    GET /api/spec/{name}           a spec's findings, coverage and components as JSON
    GET /api/diagram/{name}        its last good diagram as annotated SVG (?theme=light&gaps=1)
    GET /api/rule/{code}           a rule's explanation
    GET /events                    server-sent events: {"type": "spec", "name", "version"} | {"type": "index"}
    GET /static/{file}             the page's CSS and JavaScript

A spec is looked up by name among the files found under the served paths; a request never
builds a path. Saves are coalesced: the watcher groups the changes of a burst, and one worker
re-checks each changed spec once however many saves arrived while it was busy.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mlsd_dsl.rendering.options import DIRECTIONS, THEMES
from mlsd_dsl.serve.page import STATIC_FILES, draw, page_html, rule_json, static_file
from mlsd_dsl.serve.workspace import Workspace

LOG = logging.getLogger("uvicorn.error")  # printed as uvicorn prints its own errors
EVENT_QUEUE_SIZE = 64
HEARTBEAT_SECONDS = 15.0
RENDER_SLOTS = 2  # graphviz processes at once
WATCH_DEBOUNCE_MS = 300  # the longest a burst of saves is grouped before the page hears of it
WATCH_STEP_MS = 50
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}


DiagramKey = tuple[str, int, str, str, bool]  # spec, version, theme, direction, gaps


@dataclass
class Hub:
    """The open event streams; a slow client's full queue loses events, not the server's memory."""

    queues: set[asyncio.Queue[dict[str, Any] | None]] = field(default_factory=set)

    def subscribe(self) -> asyncio.Queue[dict[str, Any] | None]:
        queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue(EVENT_QUEUE_SIZE)
        self.queues.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[dict[str, Any] | None]) -> None:
        self.queues.discard(queue)

    def publish(self, event: dict[str, Any] | None) -> None:
        for queue in list(self.queues):
            if queue.full():
                queue.get_nowait()  # drop the oldest: the page re-fetches the latest state anyway
            queue.put_nowait(event)


@dataclass
class Diagrams:
    """Rendered diagrams by (spec, version, theme, gaps); concurrent requests share one render."""

    slots: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(RENDER_SLOTS))
    cache: dict[DiagramKey, asyncio.Future[str]] = field(default_factory=dict)

    async def get(self, key: DiagramKey, draw: Callable[[], str]) -> str:
        future = self.cache.get(key)
        if future is None:
            self._forget_older(key)
            future = asyncio.get_running_loop().create_future()
            self.cache[key] = future
            try:
                async with self.slots:
                    future.set_result(await asyncio.to_thread(draw))
            except Exception as problem:
                self.cache.pop(key, None)
                future.set_exception(problem)
                future.exception()  # retrieved: waiting requests re-raise it themselves
        return await asyncio.shield(future)

    def _forget_older(self, key: DiagramKey) -> None:
        name, version = key[0], key[1]
        for old in [k for k in self.cache if k[0] == name and k[1] != version]:
            del self.cache[old]


@dataclass
class Live:
    """The server's state: the workspace, its subscribers and the re-check queue."""

    workspace: Workspace
    hub: Hub = field(default_factory=Hub)
    diagrams: Diagrams = field(default_factory=Diagrams)
    pending: set[str] = field(default_factory=set)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    loop: asyncio.AbstractEventLoop | None = None

    def close(self) -> None:
        """End the event streams and the watcher, so the server stops without waiting for pages."""
        self.stop.set()
        self.wake.set()
        self.hub.publish(None)

    def close_from_signal(self) -> None:
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.close)

    async def changed(self, paths: set[Path]) -> None:
        """Files changed on disk: discover added or removed specs, queue the changed ones."""
        if await asyncio.to_thread(self.workspace.discover):
            self.hub.publish({"type": "index"})
        self.pending.update(self.workspace.unchecked())
        for path in paths:
            self.pending.update(await asyncio.to_thread(self.workspace.owners, path))
        if self.pending:
            self.wake.set()

    async def recheck(self) -> None:
        """The worker: re-check every pending spec, once per burst of saves."""
        while not self.stop.is_set():
            await self.wake.wait()
            self.wake.clear()
            names, self.pending = sorted(self.pending), set()
            for name in names:
                if await self.refresh(name):
                    state = self.workspace.get(name)
                    version = state.version if state else 0
                    self.hub.publish({"type": "spec", "name": name, "version": version})

    async def refresh(self, name: str) -> bool:
        """Re-check one spec; a bug in mlsd on one spec is logged, and the server carries on."""
        try:
            return await asyncio.to_thread(self.workspace.refresh, name)
        except Exception:
            LOG.exception("mlsd serve: internal error while checking %s; please report it", name)
            return False

    async def watch(self) -> None:
        """Watch the served folders until the server stops; restart the watcher if it fails (a
        watched folder removed and created again, an inotify limit reached)."""
        while not self.stop.is_set():
            try:
                await self._watch()
            except Exception as problem:
                LOG.warning("mlsd serve: watching the files failed (%s); retrying", problem)
                await asyncio.sleep(1)

    async def _watch(self) -> None:
        from watchfiles import awatch

        folders = [f for f in {r if r.is_dir() else r.parent for r in self.workspace.roots} if f.is_dir()]
        if not folders:
            raise FileNotFoundError("no served folder exists")
        async for changes in awatch(
            *sorted(folders),
            debounce=WATCH_DEBOUNCE_MS,
            step=WATCH_STEP_MS,
            stop_event=self.stop,
            watch_filter=_relevant,
            ignore_permission_denied=True,
        ):
            await self.changed({Path(path) for _change, path in changes})


def _relevant(change: Any, path: str) -> bool:
    """Specs, and folders (a new folder may hold specs; inotify reports only the folder)."""
    from watchfiles import Change, DefaultFilter

    if not DefaultFilter()(change, path):
        return False
    return path.endswith(".mlsd") or change is Change.deleted or os.path.isdir(path)


def create_app(workspace: Workspace, allowed_hosts: list[str] | None = None) -> tuple[ASGIApp, Live]:
    """The application serving `workspace` (it checks every spec first), and its state, whose
    `close_from_signal` ends the open event streams when the server is asked to stop."""
    live = Live(workspace)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        live.loop = asyncio.get_running_loop()
        for name in workspace.names():
            await live.refresh(name)
        tasks = [asyncio.create_task(live.recheck()), asyncio.create_task(live.watch())]
        try:
            yield
        finally:
            live.close()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    routes = [
        Route("/", _page("index")),
        Route("/spec/{name:path}", _spec_page(live)),
        Route("/api/specs", _json(lambda _request: [s.summary() for s in _states(live)])),
        Route("/api/spec/{name:path}", _json(lambda request: _state(live, request).detail())),
        Route("/api/diagram/{name:path}", _diagram(live)),
        Route("/api/rule/{code}", _json(lambda request: _rule(request.path_params["code"]))),
        Route("/events", _events(live)),
        Route("/static/{file}", _static),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: _http_error, Exception: _internal_error},
    )
    return Guard(app, allowed_hosts), live


class Guard:
    """Refuses requests for another host name (DNS rebinding: a web page whose name resolves to
    127.0.0.1 must not read the specs) and adds the security headers to every response."""

    def __init__(self, app: ASGIApp, allowed_hosts: list[str] | None) -> None:
        self.app = app
        self.allowed_hosts = None if allowed_hosts is None else {host.lower() for host in allowed_hosts}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.app, name)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        if self.allowed_hosts is not None and host_name(scope) not in self.allowed_hosts:
            refusal = JSONResponse({"error": "this server answers only to its loopback name"}, 400)
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def host_name(scope: Scope) -> str:
    """The Host header without its port: `127.0.0.1:8000` → `127.0.0.1`, `[::1]:8000` → `::1`."""
    raw: bytes = dict(scope["headers"]).get(b"host", b"")
    host = raw.decode("latin-1").lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


Handler = Callable[[Request], Awaitable[Response]]


def _states(live: Live) -> list[Any]:
    states = [live.workspace.get(name) for name in live.workspace.names()]
    return [state for state in states if state is not None and state.current is not None]


def _state(live: Live, request: Request) -> Any:
    state = live.workspace.get(request.path_params["name"])
    if state is None or state.current is None:
        raise HTTPException(404, "no such spec")
    return state


def _json(build: Callable[[Request], Any]) -> Handler:
    async def endpoint(request: Request) -> Response:
        return JSONResponse(build(request))

    return endpoint


def _page(which: str, name: str = "") -> Handler:
    async def endpoint(_request: Request) -> Response:
        return HTMLResponse(page_html(which, name))

    return endpoint


def _spec_page(live: Live) -> Handler:
    async def endpoint(request: Request) -> Response:
        state = _state(live, request)
        return HTMLResponse(page_html("spec", state.name))

    return endpoint


def _diagram(live: Live) -> Handler:
    async def endpoint(request: Request) -> Response:
        state = _state(live, request)
        theme = request.query_params.get("theme", "light")
        direction = request.query_params.get("direction", "LR")
        gaps = request.query_params.get("gaps", "0")
        if theme not in THEMES or direction not in DIRECTIONS or gaps not in ("0", "1"):
            raise HTTPException(
                400, f"theme is one of {', '.join(THEMES)}, direction LR or TB, and gaps 0 or 1"
            )
        good = state.last_good
        if good is None or good.spec is None:
            raise HTTPException(404, "the spec has never compiled: there is no diagram yet")
        key = (state.name, state.good_version, theme, direction, gaps == "1")
        svg = await live.diagrams.get(key, lambda: draw(good, theme, direction, gaps == "1"))
        return Response(svg, media_type="image/svg+xml")

    return endpoint


def _rule(code: str) -> dict[str, Any]:
    found = rule_json(code)
    if found is None:
        raise HTTPException(404, "no such rule")
    return found


def _events(live: Live) -> Handler:
    async def endpoint(_request: Request) -> Response:
        return StreamingResponse(
            _stream(live), media_type="text/event-stream", headers={"x-accel-buffering": "no"}
        )

    return endpoint


async def _stream(live: Live) -> AsyncIterator[str]:
    queue = live.hub.subscribe()
    try:
        yield "retry: 1000\n\n"
        while not live.stop.is_set():
            try:
                event = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
            except TimeoutError:
                yield ": ping\n\n"
                continue
            if event is None:
                return
            yield f"data: {json.dumps(event)}\n\n"
    finally:
        live.hub.unsubscribe(queue)


async def _static(request: Request) -> Response:
    file = request.path_params["file"]
    if file not in STATIC_FILES:
        raise HTTPException(404, "no such file")
    return Response(static_file(file), media_type=STATIC_FILES[file])


async def _http_error(_request: Request, problem: Exception) -> Response:
    assert isinstance(problem, HTTPException)
    return JSONResponse({"error": problem.detail}, status_code=problem.status_code)


async def _internal_error(_request: Request, problem: Exception) -> Response:
    return JSONResponse({"error": f"{type(problem).__name__}: {problem}"}, status_code=500)
