"""The rules: the council's policy, the decision, dates, organisations and working days.

Pure functions and data, no Rasa, no database: "today" is always an argument.
"""
