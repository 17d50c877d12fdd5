from pathlib import Path

import pytest

from chatbot.errors import ConfigError
from chatbot.settings import load_settings


def test_when_nothing_is_set_then_the_contract_defaults_apply(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "COUNCIL_CONFIG", "HTTP_PORT"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.telegram_bot_token is None
    assert settings.database_url == "sqlite:///councilbot.db"
    assert settings.council_config == Path("council.toml")
    assert (settings.http_host, settings.http_port) == ("127.0.0.1", 8080)


def test_when_a_dotenv_file_sets_the_token_then_it_is_read_as_a_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKEN=123:abc\n", encoding="utf-8")
    settings = load_settings()
    assert settings.telegram_bot_token is not None
    assert settings.telegram_bot_token.get_secret_value() == "123:abc"
    assert "123:abc" not in repr(settings)


def test_when_a_port_is_not_a_number_then_the_error_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HTTP_PORT", "eighty")
    with pytest.raises(ConfigError, match="HTTP_PORT"):
        load_settings()
