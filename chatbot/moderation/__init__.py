"""Moderation of groups: the decision, strikes, and reviews of removals."""
