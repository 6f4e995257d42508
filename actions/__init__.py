"""Rasa SDK adapters: read slots, call `bot/`, turn results into replies and events."""
