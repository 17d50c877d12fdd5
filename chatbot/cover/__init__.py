"""Leave cover: who is on duty for monitoring, from leave, office hours and bank holidays."""
