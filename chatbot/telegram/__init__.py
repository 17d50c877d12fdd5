"""The Telegram connector: updates in, actions out through one outbox."""
