"""Errors of the integrations; every message is safe to show (no tokens, no personal data).

``integrations`` stands alone: the bot catches these and says what they mean in its own words.

IntegrationError
├── IntegrationConfigError      a value given to an integration cannot be used (names the variable)
├── EmailError                  an e-mail could not be sent (integrations.email)
└── ZoomError                   anything the Zoom gateway could not do (integrations.zoom.errors)
    ├── ZoomNotConfiguredError      ZOOM_ACCOUNT_ID / ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET unset
    ├── ZoomCredentialsError        Zoom refused the Server-to-Server OAuth credentials
    ├── ZoomUnavailableError        Zoom did not answer in time, or answered 5xx
    ├── ZoomFileTooLargeError       a download was larger than the limit
    └── ZoomApiError                Zoom answered a request with another non-2xx status
        ├── ZoomNotFoundError           404: no such meeting, user, recording or message
        └── ZoomForbiddenError          403: the account or app may not do this
"""

from __future__ import annotations

__all__ = ["EmailError", "IntegrationConfigError", "IntegrationError"]


class IntegrationError(Exception):
    """Base of every error an integration raises on purpose; its message is safe to show."""


class IntegrationConfigError(IntegrationError):
    """A value given to an integration cannot be used; the message names the variable."""


class EmailError(IntegrationError):
    """An e-mail could not be sent; the message is safe to log and show."""
