"""Import spaCy without TensorFlow.

spaCy's `thinc` tries `import tensorflow` at import time only to learn whether
it is there. Our pipeline never uses it, and the import costs over two seconds
and hundreds of megabytes in every process that reads a report (the action
server, the web app, `python -m bot`). Rasa's own process imports TensorFlow
itself before it loads the pipeline, so it is unaffected; and the block is
lifted right after, so a later real `import tensorflow` still works.
"""
import sys

_blocked = "tensorflow" not in sys.modules
if _blocked:
    sys.modules["tensorflow"] = None  # type: ignore[assignment]
try:
    import spacy  # noqa: E402
finally:
    if _blocked:
        del sys.modules["tensorflow"]

__all__ = ["spacy"]
