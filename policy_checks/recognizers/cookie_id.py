"""Cookie and session identifiers (the policy names cookie identifiers as personal data)."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

_COOKIE_NAMES = (
    r"_ga|_gid|_gat|_ga_[A-Z0-9]{4,12}|_gcl_au|_fbp|_fbc|__utma|__utmz|PHPSESSID|JSESSIONID"
    r"|ASP\.NET_SessionId|ASPSESSIONID[A-Z]{0,10}|connect\.sid|laravel_session|sessionid"
    r"|session_id|sid|__cf_bm|cf_clearance|wordpress_logged_in_[0-9a-f]{0,40}|CFID|CFTOKEN"
)


class CookieIdRecognizer(PatternRecognizer):
    """Named cookies with their values, Google Analytics client ids and bare session tokens."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "Named cookie",
            rf"(?<![\w.])(?:{_COOKIE_NAMES})\s?[=:]\s?[\"']?[A-Za-z0-9._%:|\-]{{6,200}}",
            0.85,
        ),
        Pattern("GA client id", r"\bGA\d\.\d\.\d{5,12}\.\d{9,11}\b", 0.85),
        Pattern("Session token", r"\b[A-Fa-f0-9]{32,64}\b", 0.2),
        Pattern("Session token (mixed)", r"\b(?=[A-Za-z0-9]{0,63}\d)[A-Za-z0-9]{24,64}\b", 0.05),
    ]
    CONTEXT: ClassVar[list[str]] = ["cookie", "session", "sessionid", "token", "tracking", "sid"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="COOKIE_ID",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="CookieIdRecognizer",
        )
