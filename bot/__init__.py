"""The Community Trigger assistant's own code.

Nothing in this package imports Rasa: the Rasa actions (``actions/``) and the
web app call into it, never the other way round.
"""
