"""Understanding residents and talking to them: readers, the flow of questions, every word said.

Plain Python, no Rasa: the Rasa actions call into this package.
"""
