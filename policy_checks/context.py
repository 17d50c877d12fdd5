"""What the engine knows about the council: approved sites and its own published contacts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Final

from policy_checks.recognizers.email import canonical_email
from policy_checks.recognizers.person import HONORIFICS

DEFAULT_APPROVED_DOMAINS: Final[tuple[str, ...]] = ("gov.uk",)
# Domains anybody can have an address at: a published address there exempts only itself.
# The shared public-sector suffixes are listed too: approving links to gov.uk does not make
# every address under it the council's own.
SHARED_MAIL_DOMAINS: Final[frozenset[str]] = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "outlook.co.uk", "hotmail.com",
        "hotmail.co.uk", "live.com", "live.co.uk", "msn.com", "yahoo.com", "yahoo.co.uk",
        "ymail.com", "rocketmail.com", "btinternet.com", "btopenworld.com", "bt.com",
        "icloud.com", "me.com", "mac.com", "aol.com", "aol.co.uk", "aim.com", "sky.com",
        "talktalk.net", "tiscali.co.uk", "virginmedia.com", "virgin.net", "ntlworld.com",
        "blueyonder.co.uk", "plus.com", "zen.co.uk", "orange.net", "wanadoo.co.uk",
        "fsmail.net", "tesco.net", "o2.co.uk", "protonmail.com", "proton.me", "pm.me",
        "gmx.com", "gmx.co.uk", "gmx.net", "mail.com", "zoho.com", "yandex.com", "fastmail.com",
        "hushmail.com", "tutanota.com", "email.com", "inbox.com",
        "gov.uk", "org.uk", "co.uk", "nhs.uk", "nhs.net", "ac.uk", "police.uk", "parliament.uk",
    }
)  # fmt: skip
_NON_DIGITS = re.compile(r"\D")
_NAME_WORDS = re.compile(r"[a-z]+(?:['\-][a-z]+)*")


@dataclass(frozen=True, slots=True)
class CouncilContext:
    """The council's approved link domains and the contacts it publishes itself.

    A published contact (the Clerk's official e-mail and phone, an address at the council's
    own domain, a member's name, the council's postal addresses) is not personal data when it
    appears in a message. Only the council's own domains exempt every address at them: its
    approved website domains and the domains of its published addresses, never a webmail
    provider's (``gmail.com``) or a shared suffix (``gov.uk``).
    """

    approved_domains: tuple[str, ...] = DEFAULT_APPROVED_DOMAINS
    public_emails: frozenset[str] = frozenset()
    public_phones: frozenset[str] = frozenset()
    public_names: tuple[frozenset[str], ...] = field(default=())
    public_addresses: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls,
        *,
        approved_domains: Iterable[str] = DEFAULT_APPROVED_DOMAINS,
        public_emails: Iterable[str] = (),
        public_phones: Iterable[str] = (),
        public_names: Iterable[str] = (),
        public_addresses: Iterable[str] = (),
    ) -> CouncilContext:
        """Normalise the council's published details once.

        ``public_addresses`` are the council's own postal addresses and postcodes (the hall,
        the office); each part of one ("1 Church Street", "LU5 4AB") is let through.
        """
        return cls(
            approved_domains=tuple(d.lower().strip().lstrip(".") for d in approved_domains if d),
            public_emails=frozenset(canonical_email(e) for e in public_emails if e),
            public_phones=frozenset(filter(None, (phone_key(p) for p in public_phones))),
            public_names=tuple(words for words in (name_words(n) for n in public_names) if words),
            public_addresses=frozenset(
                key for a in public_addresses for key in address_keys(a) if key
            ),
        )

    def with_members(self, names: Iterable[str]) -> CouncilContext:
        """This context with ``names`` (members added at run time) as public names too."""
        added = tuple(words for words in (name_words(n) for n in names) if words)
        return replace(self, public_names=tuple(dict.fromkeys((*self.public_names, *added))))

    def is_approved_domain(self, host: str) -> bool:
        """Whether ``host`` is one of the approved domains or a subdomain of one."""
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.approved_domains)

    def is_public_email(self, email: str) -> bool:
        """Whether ``email`` is published by the council, or at one of the council's domains."""
        email = canonical_email(email)
        if email in self.public_emails:
            return True
        domain = email.rpartition("@")[2]
        return any(_within(domain, own) for own in self.own_mail_domains)

    @property
    def own_mail_domains(self) -> frozenset[str]:
        """Domains that are the council's own: approved sites and its non-webmail addresses."""
        published = (e.rpartition("@")[2] for e in self.public_emails)
        return frozenset(
            d for d in (*self.approved_domains, *published) if d and d not in SHARED_MAIL_DOMAINS
        )

    def is_public_address(self, address: str) -> bool:
        """Whether ``address`` (a street address or postcode) is one of the council's own."""
        return any(key in self.public_addresses for key in address_keys(address))

    def is_public_phone(self, phone: str) -> bool:
        """Whether ``phone`` is one of the council's published numbers."""
        return phone_key(phone) in self.public_phones

    def is_public_name(self, name: str) -> bool:
        """Whether every word of ``name`` (titles aside) belongs to one member's name."""
        words = name_words(name)
        return bool(words) and any(words <= member for member in self.public_names)


def _within(domain: str, own: str) -> bool:
    return domain == own or domain.endswith("." + own)


def address_keys(address: str) -> tuple[str, ...]:
    """The comparable parts of an address: each comma-separated part, folded."""
    parts = (" ".join(re.sub(r"[^a-z0-9 ]", " ", p.lower()).split()) for p in address.split(","))
    return tuple(p for p in parts if p)


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
