"""A handler that fails answers its default and logs the traceback to the client."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp

from mlsd_dsl.lsp import server as module


def test_a_failing_handler_answers_its_default_and_logs_why(monkeypatch: pytest.MonkeyPatch) -> None:
    logged: list[tuple[str, lsp.MessageType]] = []
    monkeypatch.setattr(module.server, "log", lambda message, level: logged.append((message, level)))

    @module.guarded(list)
    def broken_handler(params: object) -> list[str]:
        raise KeyError("no such thing")

    assert broken_handler(None) == []
    ((message, level),) = logged
    assert level == lsp.MessageType.Error
    assert message.startswith("mlsd: broken_handler failed:")
    assert "KeyError: 'no such thing'" in message


def test_a_handler_that_works_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    logged: list[str] = []
    monkeypatch.setattr(module.server, "log", lambda message, level: logged.append(message))
    assert module.guarded(list)(lambda params: [params])(3) == [3]
    assert logged == []
