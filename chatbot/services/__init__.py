"""The council's services: members, moderation, record, cover."""
