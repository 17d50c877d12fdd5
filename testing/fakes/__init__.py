"""Loopback fakes of the external APIs the bot talks to."""
