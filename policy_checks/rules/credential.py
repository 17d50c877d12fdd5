"""Passwords, PINs, door and key-safe codes, API keys and tokens."""

from __future__ import annotations

from typing import ClassVar

from policy_checks.rules.base import TextRule

_INTRODUCERS = (
    r"(?i:passwords?|passwd|pwd|passcodes?|pass code|pin(?: number| code)?|"
    r"wi-?fi (?:password|code|key)|key ?safe(?: code)?|door code|alarm code|lock code|"
    r"padlock code|gate code|access code|security code|login|log-in|username and password|"
    r"credentials)"
)


class CredentialRule(TextRule):
    """A secret written out, or a token in a well-known format."""

    RULE_ID = "credential"
    WHY = "writes out a password, code or key"
    SCORE = 0.95
    CLEAN_PATTERNS: ClassVar[tuple[str, ...]] = (
        # "password: hunter2" — anything after an explicit colon or equals sign.
        rf"\b{_INTRODUCERS}\s{{0,3}}[:=]\s{{0,3}}[\"'“]?[^\s\"'”]{{3,64}}",
        # "the code is 4821" — the value must contain a digit or a symbol.
        (
            rf"\b{_INTRODUCERS}(?:\s{{1,3}}[\w\-]{{1,20}}){{0,5}}?\s{{1,3}}"
            r"(?i:is|was|is now|now|changed to|set to|will be)\s{1,3}"
            r"[\"'“]?(?=[^\s]{0,63}[0-9!@#$%^&*_+=?])[^\s\"'”]{3,64}"
        ),
        r"\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,99}\b",
        r"\bsk-[A-Za-z0-9_\-]{20,99}\b",
        r"\bgh[pousr]_[A-Za-z0-9]{30,60}\b",
        r"\bAKIA[0-9A-Z]{16}\b",
        r"\bxox[abpr]-[A-Za-z0-9\-]{10,80}\b",
        r"\b\d{8,10}:[A-Za-z0-9_\-]{30,50}\b",
        r"\beyJ[A-Za-z0-9_\-]{10,500}\.[A-Za-z0-9_\-]{10,500}\.[A-Za-z0-9_\-]{10,500}",
        r"\bAIza[0-9A-Za-z_\-]{35}\b",
        r"-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----",
    )
