"""Logging: ``LOG_FORMAT=json`` gives one JSON object per line, with ids and no content."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from chatbot.errors import ConfigError
from chatbot.ops.logs import HANDLER_NAME, JsonFormatter, configure_logging
from chatbot.settings import Settings, load_settings


@pytest.fixture
def root_restored() -> Iterator[None]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


def _record(message: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(exc), exc, None) if exc is not None else None
    return logging.LogRecord(
        "chatbot.telegram.handlers.group", logging.WARNING, __file__, 1, message, args, exc_info
    )


def test_when_a_record_is_formatted_as_json_then_it_has_time_level_logger_and_message() -> None:
    line = JsonFormatter().format(_record("could not delete chat=%s message=%s", -100, 5))
    data = json.loads(line)
    assert list(data) == ["time", "level", "logger", "message"]
    assert data["level"] == "WARNING"
    assert data["logger"] == "chatbot.telegram.handlers.group"
    assert data["message"] == "could not delete chat=-100 message=5"
    assert data["time"].endswith("+00:00")
    assert "\n" not in line


def test_when_an_exception_is_logged_then_only_its_type_is_kept() -> None:
    error = ValueError("Mrs Thornton at 14 Mill Lane")
    data = json.loads(JsonFormatter().format(_record("update=%s failed", 7, exc=error)))
    assert data["exception"] == "ValueError"
    assert "Thornton" not in json.dumps(data)


@pytest.mark.usefixtures("root_restored")
def test_when_log_format_is_json_then_the_bot_logs_one_object_per_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LOG_FORMAT", "json")
    settings = Settings()
    assert settings.log_format == "json"
    configure_logging(settings)
    ours = [h for h in logging.getLogger().handlers if h.get_name() == HANDLER_NAME]
    assert len(ours) == 1
    stream = io.StringIO()
    assert isinstance(ours[0], logging.StreamHandler)
    ours[0].setStream(stream)
    logging.getLogger("chatbot.test").info("digest slot=%s delivered", "2026-12-01")
    logging.getLogger("httpx").info("GET https://api.telegram.org/bot123:SECRET/getMe")
    lines = stream.getvalue().splitlines()
    assert [json.loads(line)["message"] for line in lines] == ["digest slot=2026-12-01 delivered"]


@pytest.mark.usefixtures("root_restored")
def test_when_logging_is_configured_twice_then_there_is_still_one_handler_of_ours(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    configure_logging(Settings())
    configure_logging(Settings())
    ours = [h for h in logging.getLogger().handlers if h.get_name() == HANDLER_NAME]
    assert len(ours) == 1
    assert not isinstance(ours[0].formatter, JsonFormatter)


def test_when_log_format_is_unknown_then_settings_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LOG_FORMAT", "xml")
    with pytest.raises(ConfigError, match="LOG_FORMAT"):
        load_settings()
