"""Screens of the full-screen app."""
