"""Links to sites outside the council's approved domains."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from policy_checks.context import CouncilContext
from policy_checks.normalise import NormalisedText
from policy_checks.rules.base import Hit, LexiconMatch, TextRule

_TLDS = (
    r"com|co\.uk|org\.uk|org|net|uk|io|ly|me|info|biz|xyz|app|dev|gl|to|tv|co|page|link|site|"
    r"online|shop|store|club|eu|ie|de|fr|ru|cn|us|ca|au|gd|cc|ws|su|top|click|live|news"
)
_URL = re.compile(
    r"(?i)(?<![@\w.\-])(?:https?://[^\s<>\"'()\[\]]{1,2000}|www\.[^\s<>\"'()\[\]]{1,2000}|"
    rf"(?:[a-z0-9](?:[a-z0-9\-]{{0,61}}[a-z0-9])?\.){{1,8}}(?:{_TLDS})\b(?![@\-])"
    r"(?:/[^\s<>\"'()\[\]]{0,2000})?)"
)


class UnapprovedLinkRule(TextRule):
    """Every link whose host is not an approved domain (or a subdomain of one)."""

    RULE_ID = "unapproved_link"
    WHY = "links to a site outside the council's approved sites"
    SCORE = 0.9

    def __init__(self, council: CouncilContext, **kwargs: Sequence[str]) -> None:
        super().__init__(**kwargs)
        self._council = council

    def find(self, text: NormalisedText, lexicon: Sequence[LexiconMatch]) -> list[Hit]:  # noqa: ARG002
        """Links in the clean view whose host is not approved."""
        hits = []
        clean_text = text.clean.text
        for match in _URL.finditer(clean_text):
            if _after_at(clean_text, match.start()):
                continue  # the domain of an e-mail address written "jane @ gmail.com"
            link = match.group().rstrip(".,;:!?")
            start, end = text.clean.to_original(match.start(), match.start() + len(link))
            # Judge the host as written: gov.uk spelt with a Cyrillic o is not gov.uk.
            host = _host(text.original[start:end])
            if host and not self._council.is_approved_domain(host):
                hits.append(self.hit(start, end))
        return hits


def _after_at(text: str, start: int) -> bool:
    """Whether ``start`` follows an ``@`` and at most two spaces."""
    return text[max(0, start - 3) : start].rstrip(" ").endswith("@")


def _host(link: str) -> str:
    """The link's host name, in ASCII (internationalised names in their ``xn--`` form)."""
    with_scheme = link if "://" in link else "http://" + link
    try:
        host = (urlsplit(with_scheme).hostname or "").lower()
    except ValueError:
        return ""
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return "xn--invalid"
