"""Errors of the Zoom gateway; every message is safe to show (no tokens, no personal data).

IntegrationError (integrations.errors)
└── ZoomError                 anything the Zoom gateway could not do
    ├── ZoomNotConfiguredError     ZOOM_ACCOUNT_ID / ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET are not set
    ├── ZoomCredentialsError  Zoom refused the Server-to-Server OAuth credentials
    ├── ZoomUnavailableError       Zoom did not answer in time, or answered 5xx
    ├── ZoomFileTooLargeError      a download was larger than the limit
    └── ZoomApiError          Zoom answered a request with another non-2xx status
        ├── ZoomNotFoundError      404: no such meeting, user, recording or message
        └── ZoomForbiddenError     403: the account or app may not do this (such as chat DLP)
"""

from __future__ import annotations

from integrations.errors import IntegrationError


class ZoomError(IntegrationError):
    """Base of every error of the Zoom gateway."""


class ZoomNotConfiguredError(ZoomError):
    """Zoom's Server-to-Server OAuth app is not configured."""


class ZoomCredentialsError(ZoomError):
    """Zoom refused the app's credentials (or the token it issued)."""


class ZoomUnavailableError(ZoomError):
    """Zoom could not be reached in time or failed on its side."""


class ZoomFileTooLargeError(ZoomError):
    """A file to download is larger than the limit."""


class ZoomApiError(ZoomError):
    """Zoom answered with a non-2xx status."""

    def __init__(self, message: str, *, status: int, code: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class ZoomNotFoundError(ZoomApiError):
    """The meeting, user, recording or message does not exist (or is not visible to the app)."""


class ZoomForbiddenError(ZoomApiError):
    """The account or the app is not allowed to do this."""
