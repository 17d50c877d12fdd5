"""Zoom, e-mail and the HTTP server for webhooks."""
