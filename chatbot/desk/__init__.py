"""The Clerk's desk: a Telegram Mini App over the record, requests, reviews, members and cover.

``auth`` verifies Telegram's signed init data (pure); ``rights`` decides who may use which
endpoint, from the one access table; ``api`` holds the thin JSON endpoints; ``routes`` serves
them and the page under ``/app/``; ``bot`` is the ``/desk`` command and the menu button.
"""
