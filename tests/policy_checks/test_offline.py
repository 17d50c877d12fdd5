"""The engine never touches the network: building it and checking text open no socket."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from policy_checks import PolicyEngine


def test_when_the_network_is_forbidden_then_the_engine_builds_and_checks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    engine = PolicyEngine()
    verdict = engine.check("Email jane.doe@example.co.uk or see https://www.example.org/x")
    assert {f.entity or f.rule for f in verdict.findings} == {"EMAIL_ADDRESS", "unapproved_link"}
    assert attempts == []
