"""The resident's page: what the Community Trigger is, the chat, the phone route, privacy."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template

from bot.dialogue.messages import criteria_sentence
from bot.rules.policy import number_words

resident = Blueprint("resident", __name__)


def _retention(days: int) -> str:
    years = days / 365
    return f"about {number_words(round(years), 'year')}" if years >= 1 else number_words(round(days / 30), "month")


@resident.get("/")
def index():
    policy = current_app.config["POLICY"]
    return render_template(
        "resident.html", policy=policy, contacts=policy.contacts, rasa_url=current_app.config["RASA_URL"],
        exit_url=current_app.config["EXIT_URL"], max_message=current_app.config["MAX_MESSAGE"],
        retention=_retention(policy.timescales.retention_days), criteria=criteria_sentence(policy))
