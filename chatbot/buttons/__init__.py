"""Inline buttons whose meaning lives on the server: issued, pressed, used up, expired."""
