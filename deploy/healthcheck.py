"""The container's health check: exit 0 when ``GET /healthz`` answers 200, 1 otherwise.

Standard library only (the image has no curl). The port is ``HTTP_PORT`` (default 8080); the
address is always loopback, whatever ``HTTP_HOST`` the server listens on.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

DEFAULT_PORT = "8080"
TIMEOUT_S = 5.0


def main() -> int:
    """Ask ``/healthz`` once; the exit status says whether the bot is healthy."""
    port = os.environ.get("HTTP_PORT") or DEFAULT_PORT
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            healthy = response.status == 200
    except (urllib.error.URLError, OSError) as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
