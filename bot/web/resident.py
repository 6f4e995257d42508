"""The resident's pages: what the scheme is, the chat, the phone route and privacy; the
accessibility statement; and the feedback page of the Beta banner."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, render_template, request

from bot.dialogue.messages import criteria_sentence
from bot.drafts import StoreUnavailable
from bot.drafts.feedback import MAX_TEXT, RATINGS, FeedbackBox
from bot.rules.policy import number_words

resident = Blueprint("resident", __name__)

# When the accessibility statement was written and the service last tested against it. Change
# these when the statement is reviewed (docs/accessibility.md says how the testing is done).
STATEMENT = {"prepared": date(2026, 12, 3), "reviewed": date(2026, 12, 3), "tested": date(2026, 12, 3)}


def _retention(days: int) -> str:
    years = days / 365
    return f"about {number_words(round(years), 'year')}" if years >= 1 else number_words(round(days / 30), "month")


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@resident.get("/")
def index():
    policy = current_app.config["POLICY"]
    return render_template(
        "resident.html", policy=policy, contacts=policy.contacts, rasa_url=current_app.config["RASA_URL"],
        exit_url=current_app.config["EXIT_URL"], max_message=current_app.config["MAX_MESSAGE"],
        retention=_retention(policy.timescales.retention_days), criteria=criteria_sentence(policy))


@resident.get("/accessibility")
def accessibility():
    policy = current_app.config["POLICY"]
    contacts = policy.contacts
    # the council's own accessibility contact if its policy names one, else the team that takes applications
    chosen = [contacts[k] for k in ("accessibility",) if k in contacts] or \
        [contacts[k] for k in ("applications", "community_safety_team") if k in contacts]
    return render_template("accessibility.html", accessibility_contacts=chosen,
                           statement={k: _long_date(v) for k, v in STATEMENT.items()})


@resident.route("/feedback", methods=["GET", "POST"])
def feedback():
    """Anonymous feedback: no session and no CSRF token (there is nothing to forge for someone else;
    a token would mean a cookie on every resident's device)."""
    box = FeedbackBox(current_app.extensions["drafts"])
    form = {"rating": request.form.get("rating") or None, "feedback": request.form.get("feedback", "")}
    errors, sent = {}, False
    if request.method == "POST":
        errors = box.problems(form["rating"], form["feedback"])
        if not errors:
            try:
                box.add(form["rating"], form["feedback"])
                sent = True
            except StoreUnavailable:
                errors = {"feedback": "Sorry, we could not save your feedback. Try again later."}
    status = 400 if errors else 200
    return render_template("feedback.html", form=form, errors=errors, sent=sent, ratings=RATINGS,
                           max_length=MAX_TEXT), status
