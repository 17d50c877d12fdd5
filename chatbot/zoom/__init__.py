"""Zoom meetings: the registry of enabled meetings, live chat events and chat files."""
