"""Zoom: our typed async gateway over zoomus and httpx, webhook verification, chat files."""
