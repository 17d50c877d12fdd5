"""The Zoom gateway built from the bot's settings (integrations take plain values, not ours)."""

from __future__ import annotations

from chatbot.settings import Settings
from integrations.zoom.gateway import ZoomGateway


def gateway_from_settings(settings: Settings) -> ZoomGateway | None:
    """The gateway when Zoom's Server-to-Server OAuth app is configured, else ``None``."""
    secret = settings.zoom_client_secret
    if not (settings.zoom_account_id and settings.zoom_client_id and secret):
        return None
    return ZoomGateway(
        account_id=settings.zoom_account_id,
        client_id=settings.zoom_client_id,
        client_secret=secret.get_secret_value(),
        api_base_url=settings.zoom_api_base_url,
        oauth_url=settings.zoom_oauth_url,
    )
