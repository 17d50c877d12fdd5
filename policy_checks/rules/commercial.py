"""Selling, promotions, advertising and spam."""

from __future__ import annotations

from typing import ClassVar

from policy_checks.rules.base import TextRule


class CommercialRule(TextRule):
    """Advertising a business, offers and discount codes, get-rich spam."""

    RULE_ID = "commercial"
    WHY = "advertises or sells something"
    TERMS: ClassVar[tuple[str, ...]] = (
        "buy now", "order now", "book now", "limited offer", "limited time offer",
        "special offer", "special offers", "discount code", "promo code", "voucher code",
        "free quote", "free quotes", "best prices", "competitive rates", "competitive prices",
        "mates rates", "dm me for prices", "dm for prices", "pm me for prices", "pm for prices",
        "for sale", "click here", "sign up now", "earn money", "make money", "earn £*",
        "work from home", "bitcoin", "crypto", "cryptocurrency", "forex", "binary options",
        "investment opportunity", "guaranteed returns", "passive income", "get rich",
        "follow my page", "like my page", "like and share my", "check out my business",
        "check out my page", "check out my shop", "no win no fee", "cheap prices", "going cheap",
        "ono", "while stocks last", "free trial", "money back guarantee",
        "use my code", "referral code", "affiliate link", "sponsored", "giveaway",
        "referral link", "my referral", "shameless plug", "use my name at", "mention my name",
        "tell them i sent you", "say i sent you", "half price", "we both get", "this month only",
        "this week only", "bring your purses", "tupperware party", "out now on amazon",
        "available on amazon",
    )  # fmt: skip
    PATTERNS: ClassVar[tuple[str, ...]] = (
        r"\b\d{1,3} ?(?:%|percent|per cent) off\b",
        r"(?:\bget|\bfor|\bgets you) £\d{1,4}(?:\.\d{2})? off\b",
        (
            r"\bmy (?:new )?(?:book|album|calendar|candles|cakes|jewellery|art|prints)\b"
            r"(?: \w+){0,8} £\d"
        ),
        (
            r"\b(?:use|with|enter|quote) (?:the )?(?:code|voucher|promo code|discount code) "
            r"[a-z0-9]{3,20}\b"
        ),
        (
            r"\b(?:dm|pm|message|inbox|whatsapp|text|call|ring) me (?:for|if you want|if you need|"
            r"if anyone needs|if anyone wants) (?:\w+ ){0,2}(?:prices?|quotes?|details|rates|"
            r"info|deals?|discount|booking)\b"
        ),
        (
            r"\b(?:my|our|my son's|my husband's|my wife's|my brother's|my cousin's|my mate's) "
            r"(?:\w+ ){0,2}(?:business|company|firm|shop|services|salon|bakery|cafe|roofing|"
            r"landscaping|cleaning|plumbing|building|gardening|driveway|catering)\b(?: \w+){0,8}? "
            r"(?:offer|offering|offers|discount|prices|rates|quotes?|book|booking|special|deal|"
            r"deals|sale|cheap|cheaper|free)\b"
        ),
        (
            r"\b(?:i'm|im|i am|we're|we are|were) (?:now )?(?:selling|offering|doing) "
            r"(?:\w+ ){0,3}(?:for £\d|at £\d|from £\d|cheap|discount|deals?|special)"
        ),
        # "Logs £5 each" sells; "stalls are £5 each", "tickets cost £5 each" state a fee.
        (
            r"(?<!\S)(?<!\bare )(?<!\bis )(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bcost )"
            r"(?<!\bcosts )(?<!\bcharge )(?<!\bcharged )"
            r"£\d{1,6}(?:\.\d{2})? (?:each|ono|o\.n\.o|per hour|an hour|a day|a load|"
            r"per load|a bag|per bag|a box|a dozen|delivered)\b"
        ),
    )
    ALLOW: ClassVar[tuple[str, ...]] = ("land for sale", "plot for sale", "building for sale")
