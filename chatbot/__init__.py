"""The Telegram application and the council's services."""
