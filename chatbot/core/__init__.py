"""What every feature shares: events, actions, roles and the access table, dates, wording."""
