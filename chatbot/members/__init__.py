"""Members and chats: who is on the council and which groups the bot serves."""
