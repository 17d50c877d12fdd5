"""What the engine knows about the council: approved sites and its own published contacts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from policy_checks.recognizers.person import HONORIFICS

DEFAULT_APPROVED_DOMAINS: Final[tuple[str, ...]] = ("gov.uk",)
_NON_DIGITS = re.compile(r"\D")
_NAME_WORDS = re.compile(r"[a-z]+(?:['\-][a-z]+)*")


@dataclass(frozen=True, slots=True)
class CouncilContext:
    """The council's approved link domains and the contacts it publishes itself.

    A published contact (the Clerk's official e-mail and phone, an address at the council's
    own domain, a member's name) is not personal data when it appears in a message.
    """

    approved_domains: tuple[str, ...] = DEFAULT_APPROVED_DOMAINS
    public_emails: frozenset[str] = frozenset()
    public_phones: frozenset[str] = frozenset()
    public_names: tuple[frozenset[str], ...] = field(default=())

    @classmethod
    def build(
        cls,
        *,
        approved_domains: Iterable[str] = DEFAULT_APPROVED_DOMAINS,
        public_emails: Iterable[str] = (),
        public_phones: Iterable[str] = (),
        public_names: Iterable[str] = (),
    ) -> CouncilContext:
        """Normalise the council's published details once."""
        return cls(
            approved_domains=tuple(d.lower().strip().lstrip(".") for d in approved_domains if d),
            public_emails=frozenset(e.lower().strip() for e in public_emails if e),
            public_phones=frozenset(filter(None, (phone_key(p) for p in public_phones))),
            public_names=tuple(words for words in (name_words(n) for n in public_names) if words),
        )

    def is_approved_domain(self, host: str) -> bool:
        """Whether ``host`` is one of the approved domains or a subdomain of one."""
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.approved_domains)

    def is_public_email(self, email: str) -> bool:
        """Whether ``email`` is published by the council, or at the domain of one that is."""
        email = email.lower()
        domain = email.rpartition("@")[2]
        return email in self.public_emails or any(
            domain == published.rpartition("@")[2] for published in self.public_emails
        )

    def is_public_phone(self, phone: str) -> bool:
        """Whether ``phone`` is one of the council's published numbers."""
        return phone_key(phone) in self.public_phones

    def is_public_name(self, name: str) -> bool:
        """Whether every word of ``name`` (titles aside) belongs to one member's name."""
        words = name_words(name)
        return bool(words) and any(words <= member for member in self.public_names)


def phone_key(phone: str) -> str:
    """A number's national significant digits, so ``+44 1582 881234`` = ``01582 881234``."""
    digits = _NON_DIGITS.sub("", phone.replace("(0)", ""))
    if digits.startswith("44"):
        digits = digits[2:]
    return digits.lstrip("0")


def name_words(name: str) -> frozenset[str]:
    """The lower-case words of a name, without titles or initials."""
    return frozenset(
        word
        for word in _NAME_WORDS.findall(name.lower())
        if word not in HONORIFICS and len(word) > 1
    )
