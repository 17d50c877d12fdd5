"""Thin async Telegram callbacks: parse, call a service, reply."""
