"""Freedom of Information and subject-access requests: deadlines and reminders."""
