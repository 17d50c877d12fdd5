"""Settings, read once from the environment (and ``.env``) into a typed, frozen object.

Nothing else in councilbot reads ``os.environ``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from chatbot.errors import ConfigError


class Settings(BaseSettings):
    """Every environment variable of the contract (``docs/interface.md``)."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", frozen=True, extra="ignore"
    )

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org"
    database_url: str = "sqlite:///councilbot.db"
    council_config: Path = Path("council.toml")
    webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8080, ge=1, le=65535)
    zoom_account_id: str | None = None
    zoom_client_id: str | None = None
    zoom_client_secret: SecretStr | None = None
    zoom_webhook_secret_token: SecretStr | None = None
    zoom_api_base_url: str = "https://api.zoom.us/v2"
    zoom_oauth_url: str = "https://zoom.us/oauth/token"
    smtp_url: SecretStr | None = None
    # auto: the HTTP server runs in webhook mode, or when Zoom's webhook or PUBLIC_URL needs it;
    # always: in polling mode too (a container's health check needs /healthz).
    http_server: Literal["auto", "always"] = "auto"
    public_url: str | None = None  # the HTTP server's public root, for calendar links
    log_level: str = "INFO"
    log_format: Literal["text", "json"] = "text"  # json: one object per line


def load_settings() -> Settings:
    """Read the settings, failing fast with the variable's name."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']).upper()}: {error['msg']}"
            for error in exc.errors()
        )
        raise ConfigError(f"bad environment settings: {problems}") from None
