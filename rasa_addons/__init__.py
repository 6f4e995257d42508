"""Code that runs inside the Rasa server: an NLU component and the input channels.

Like `actions/`, it calls into `bot/`; `bot/` never imports Rasa.
"""
