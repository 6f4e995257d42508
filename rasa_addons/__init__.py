"""Code that runs inside the Rasa server: an NLU component, the input channels,
the tracker store and one speed-up.

Like `actions/`, it calls into `bot/`; `bot/` never imports Rasa. Rasa imports
this package when it loads any of those, so the speed-up is always in place.
"""

from rasa_addons import speedups

speedups.install()
