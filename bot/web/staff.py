"""The Community Safety Team's review app (/staff): sign in, the queue of drafts,
each draft with its decision, transcript and audit trail, status changes,
statistics.

Every route here needs a signed-in, active officer (checked on every request);
every form carries a CSRF token (Flask-WTF); sessions are kept on the server
(bot.drafts.sessions) and end after a period of inactivity, after an absolute
limit, at sign-out, and when the account is disabled or its password changed; everything a resident typed is rendered as text (Jinja escaping).
"""
from __future__ import annotations

import re
from datetime import date
from functools import wraps
from typing import Optional

from flask import (Blueprint, Response, abort, current_app, flash, g, get_flashed_messages, redirect,
                   render_template, request, session, url_for)

from bot.rules import clock
from bot.rules.application import application_from_dict
from bot.drafts.accounts import AccountError, StaffAccounts
from bot.drafts import correspondence
from bot.drafts.correspondence import CONTACT_KINDS, Correspondence
from bot.drafts.duplicates import KINDS, Duplicates
from bot.ops import mail
from bot.rules.letters import KINDS as LETTER_KINDS
from bot.drafts.casework import LONGEST_TEXT, OUTCOMES, Actor, Casework, CaseworkRefused, read_day
from bot.drafts.audit import PAGE_SIZE, AuditFilter
from bot.drafts.sessions import StaffSessions
from bot.drafts.figures import figures, last_financial_year
from bot.drafts.review import SORTS, NotFound, QueueFilter, Review, record_timescales
from bot.rules.eligibility import decide
from bot.drafts.transcripts import Transcripts
from bot.web.limits import client_address
from bot.drafts.workflow import ROLES, STATUSES, TransitionRefused

staff = Blueprint("staff", __name__, url_prefix="/staff")
PUBLIC_ENDPOINTS = {"staff.login"}
SAFE_NEXT = re.compile(r"/staff/[A-Za-z0-9_./-]*(?:\?[A-Za-z0-9_.=&%+-]*)?")


@staff.after_request
def never_cached(response):
    # what staff see is personal data: never kept by the browser or a proxy, the CSV export included
    response.headers["Cache-Control"] = "no-store"
    return response


@staff.context_processor
def field_errors():
    """Errors flashed for a field ("error:<field id>") by the form that redirected here: shown inline."""
    return {"field_errors": {category.split(":", 1)[1]: message
                             for category, message in get_flashed_messages(with_categories=True)
                             if category.startswith("error:")}}


def _casework() -> Casework:
    return Casework(_review().store)


def _review() -> Review:
    return current_app.extensions["review"]


def _accounts() -> StaffAccounts:
    return current_app.extensions["accounts"]


def _sessions() -> StaffSessions:
    return current_app.extensions["staff_sessions"]


@staff.before_request
def require_officer():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    checked = _sessions().check(session.get("sid"))
    member = _accounts().get(checked.staff_id) if checked.staff_id else None
    if member is None or not member.active:
        session.clear()
        if checked.ended_why in ("idle", "too long"):
            flash("You were signed out after a period of inactivity. Sign in again." if checked.ended_why == "idle"
                  else "You were signed out because you signed in more than "
                       f"{current_app.config['STAFF_SESSION_HOURS']} hours ago. Sign in again.")
        return redirect(url_for("staff.login", next=request.path if request.method == "GET" else None))
    g.staff = member
    return None


def manager_only(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not g.staff.is_manager:
            abort(403)
        return view(*args, **kwargs)
    return wrapped


def _today() -> date:
    return clock.today()


# -- signing in and out --------------------------------------------------------------


@staff.route("/login", methods=["GET", "POST"])
def login():
    error = None
    email = ""
    if request.method == "POST":
        email = request.form.get("email", "")[:320]
        member, error, checked = _accounts().authenticate(email, request.form.get("password", "")[:1000],
                                                          client_address())
        g.wrong_password = member is None and checked  # what the per-account limit counts (bot.web.limits)
        notice = error if member else None
        error = None if member else error
        if member:
            _sessions().end(session.get("sid"), "signed in again")
            session.clear()  # a new session id at every sign-in: no fixation
            session.permanent = True
            session["sid"] = _sessions().start(member.id)
            if notice:
                flash(notice)  # failed attempts on their account since they last signed in
            target = request.args.get("next") or ""
            # only go back to a page of this app: a plain path, never another host or a line break
            if not SAFE_NEXT.fullmatch(target):
                target = url_for("staff.queue")
            return redirect(target)
    return render_template("staff/login.html", error=error, email=email), (401 if error else 200)


@staff.post("/logout")
def logout():
    _review().record(g.staff.email, "signed out")
    _sessions().end(session.get("sid"), "signed out")  # the cookie, even if copied, no longer works
    session.clear()
    flash("You have signed out.")
    return redirect(url_for("staff.login"))


# -- the queue ------------------------------------------------------------------------


def _filters() -> QueueFilter:
    args = request.args
    status = args.get("status") or None
    return QueueFilter(status=status if status in STATUSES else None, officer=args.get("officer") or None,
                       search=(args.get("q") or "").strip()[:100] or None, mine=args.get("mine") == "yes",
                       at_risk=args.get("at_risk") == "yes", overdue=args.get("overdue") == "yes",
                       due_this_week=args.get("due_this_week") == "yes", me=g.staff.email)


def _sorting():
    sort = request.args.get("sort") or "urgency"
    return (sort if sort in SORTS else "urgency"), request.args.get("order") == "descending"


def _query_args(where: QueueFilter, sort: str, descending: bool):
    """The queue's current filter and order as URL arguments (for its links: pages, sorting, CSV)."""
    args = {"status": where.status, "officer": where.officer, "q": where.search}
    args.update({k: "yes" for k in ("mine", "at_risk", "overdue", "due_this_week") if getattr(where, k)})
    if sort != "urgency":
        args.update(sort=sort, order="descending" if descending else None)
    return {k: v for k, v in args.items() if v}


@staff.get("/")
def queue():
    where = _filters()
    sort, descending = _sorting()
    try:
        page = max(1, int(request.args.get("page", 1)))
    except ValueError:
        page = 1
    result = _review().queue(current_app.config["POLICY"], _today(), where, sort, descending, page=page)
    return render_template("staff/queue.html", page=result, filters=where, statuses=STATUSES,
                           same_case=Duplicates(_review().store).flagged(current_app.config["POLICY"]),
                           officers=_review().staff_emails(), sort=sort, descending=descending,
                           args=_query_args(where, sort, descending), today=_today())


@staff.get("/queue.csv")
def queue_csv():
    where = _filters()
    sort, descending = _sorting()
    shown = _query_args(where, sort, descending)
    _review().record(g.staff.email, "exported the queue", detail=str(shown))
    body = _review().queue_csv(current_app.config["POLICY"], _today(), where, sort, descending)
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=community-trigger-queue-{_today()}.csv"})


# -- one draft ----------------------------------------------------------------------------


def _draft_or_404(reference: str):
    try:
        return _review().draft(reference)
    except NotFound:
        abort(404)


def _recheck(draft):
    """The current policy, today, on the draft; and what differs from the original decision."""
    policy = current_app.config["POLICY"]
    now = decide(application_from_dict(draft), policy, _today()).to_dict()
    before = draft["decision"]
    changes = []
    for key, label in (("eligible", "Eligible"), ("outcome", "Outcome"), ("qualifying_reports", "Reports that count"),
                       ("needed", "Reports needed")):
        if before.get(key) != now.get(key):
            changes.append((label, before.get(key), now.get(key)))
    for old, new in zip(before.get("reports", []), now.get("reports", [])):
        if old.get("counts") != new.get("counts"):
            changes.append((f"Report {new['index']}", old.get("reason"), new.get("reason")))
    then_version = before.get("policy", {}).get("version")
    if then_version != now["policy"]["version"]:
        changes.append(("Policy version", then_version, now["policy"]["version"]))
        then = policy.version_named(then_version) if then_version else None
        if then is None:
            changes.append(("Policy values", f"version {then_version} is no longer in the policy file",
                            "see the file's history"))
        else:
            for key, old, new in then.differences(policy.at(_today())):
                changes.append((f"Policy value {key}", old, new))
    return now, changes


@staff.get("/drafts/<reference>")
def draft(reference: str):
    record = _draft_or_404(reference)
    _review().record(g.staff.email, "viewed", reference)
    policy = current_app.config["POLICY"]
    t = record_timescales(record, policy, _today())
    # Its own column, never cut out of conversation_id: a sender id may contain ':' (issue 12, item 7).
    transcript = current_app.extensions["transcripts"].transcript(record["sender_id"]) if record["sender_id"] else []
    recheck = _recheck(record) if request.args.get("recheck") else None
    possible, decided = Duplicates(_review().store).possible(reference, policy)
    case = _casework().record(reference)
    letters_sent = Correspondence(_review().store).letters_sent(reference)
    contact_log = Correspondence(_review().store).contacts(reference)
    return render_template("staff/draft.html", d=record, t=t, statuses=STATUSES, case=case,
                           possible=possible, decided=decided, link_kinds=KINDS, letters_sent=letters_sent,
                           contact_log=contact_log, letter_kinds=[(k, LETTER_KINDS[k]) for k in
                                                            correspondence.available(case)],
                           contact_kinds=CONTACT_KINDS, to=correspondence.recipient(record),
                           outcomes=[(o, o) for o in OUTCOMES], kept=session.pop("kept", {}), today=_today(),
                           officers=_review().staff_emails(), names=_review().staff_names(),
                           transcript=transcript, recheck=recheck, audit=_review().audit(reference))


@staff.get("/drafts/<reference>/print")
def draft_print(reference: str):
    record = _draft_or_404(reference)
    _review().record(g.staff.email, "printed", reference)
    policy = current_app.config["POLICY"]
    t = record_timescales(record, policy, _today())
    return render_template("staff/print.html", d=record, t=t, statuses=STATUSES, case=_casework().record(reference),
                           names=_review().staff_names())


def _yes_no(value: Optional[str]) -> Optional[bool]:
    return {"yes": True, "no": False}.get(value or "")


# Each casework step: what it records from the form, and what the officer is told once it is done.
STEPS = {
    "acknowledge": (lambda work, ref, who, f: work.acknowledge(ref, who, f.get("note", "")),
                    "Application acknowledged."),
    "threshold": (lambda work, ref, who, f: work.decide_threshold(ref, who, _yes_no(f.get("met")), f.get("reason", ""),
                                                                   f.get("why_different", "")),
                  "Threshold decision recorded."),
    "meeting": (lambda work, ref, who, f: work.arrange_meeting(ref, who, f.get("meets_on", ""), f.get("partners", ""),
                                                               f.get("minutes", "")),
                "Review meeting recorded."),
    "action": (lambda work, ref, who, f: work.add_action(ref, who, f.get("text", ""), f.get("partner", ""),
                                                         f.get("due", "")),
               "Recommendation added."),
    "plan": (lambda work, ref, who, f: work.agree_plan(ref, who), "Action plan agreed."),
    "close": (lambda work, ref, who, f: work.close(ref, who, f.get("outcome", ""), f.get("summary", "")),
              "Case closed."),
    "appeal": (lambda work, ref, who, f: work.receive_appeal(ref, who, f.get("received_on", ""),
                                                             f.get("reviewer", "")),
               "Appeal recorded."),
    "appeal-decision": (lambda work, ref, who, f: work.decide_appeal(ref, who, _yes_no(f.get("upheld")),
                                                                     f.get("reason", "")),
                        "Appeal decision recorded."),
}


@staff.post("/drafts/<reference>/<any(" + ", ".join(repr(step) for step in STEPS) + "):step>")
def casework_step(reference: str, step: str):
    """One casework step. If it cannot be recorded, the officer is told why, next to the field, and what
    they typed is put back in the form."""
    _draft_or_404(reference)
    record, done = STEPS[step]
    try:
        record(_casework(), reference, Actor(g.staff.email, g.staff.role), request.form)
        flash(done)
    except CaseworkRefused as refusal:
        flash(str(refusal), f"error:{refusal.field}" if refusal.field else "error")
        session["kept"] = {k: v[:LONGEST_TEXT] for k, v in request.form.items() if k != "csrf_token"}
    except TransitionRefused as refusal:
        flash(str(refusal), "error")
    return redirect(url_for("staff.draft", reference=reference) + "#next-step")


@staff.post("/drafts/<reference>/same-case")
def same_case(reference: str):
    """Link another application with this one, merge it into this one, or say it is not the same case."""
    _draft_or_404(reference)
    other = request.form.get("other", "")
    kind = request.form.get("kind", "")
    try:
        Duplicates(_review().store).decide(reference, other, kind, request.form.get("reason", ""), g.staff.email)
        flash({"linked": f"{other} is linked with this application.",
               "merged": f"{other} is merged into this application and closed.",
               "distinct": f"{other} is recorded as a different case."}[kind])
    except NotFound:
        abort(404)
    except ValueError as problem:
        flash(str(problem), f"error:same-{other}")
        session["kept"] = {"same_reason": request.form.get("reason", "")[:LONGEST_TEXT], "same_other": other}
    return redirect(url_for("staff.draft", reference=reference) + "#same-case")


# -- correspondence -------------------------------------------------------------------------------------------


def _mail():
    """The mail server's settings, or None when email is not set up; a half-set one is said, not hidden."""
    try:
        return mail.settings(), None
    except mail.MailError as problem:
        return None, str(problem)


@staff.get("/drafts/<reference>/letters/new")
def letter_new(reference: str):
    record = _draft_or_404(reference)
    case = _casework().record(reference)
    kind = request.args.get("kind", "")
    if kind not in correspondence.available(case):
        abort(404)
    settings, mail_problem = _mail()
    kept = session.pop("kept", {})
    body = kept.get("body") or correspondence.compose(kind, record, case, current_app.config["POLICY"], _today(),
                                                      g.staff.name)
    return render_template("staff/letter_new.html", d=record, kind=kind, label=LETTER_KINDS[kind], body=body,
                           to=correspondence.recipient(record), mail_ready=settings is not None,
                           mail_problem=mail_problem, kept=kept)


@staff.post("/drafts/<reference>/letters")
def letter_send(reference: str):
    record = _draft_or_404(reference)
    kind, body, channel = request.form.get("kind", ""), request.form.get("body", ""), request.form.get("channel", "")
    to = correspondence.recipient(record)
    try:
        if channel == "email":
            settings, problem = _mail()
            if settings is None:
                raise mail.MailError(problem or "Email is not set up for this service: print the letter and post it.")
            if not to.email:
                raise mail.MailError("There is no email address for the applicant: print the letter and post it.")
            mail.send(settings, to.email, f"Your {current_app.config['POLICY'].council.scheme_name} application "
                                          f"{reference}", body)
        letter_id = Correspondence(_review().store).record_letter(
            reference, g.staff.email, kind, body, channel, to.email if channel == "email" else to.address)
    except (mail.MailError, CaseworkRefused) as problem:
        flash(str(problem), "error:letter-body")
        session["kept"] = {"body": body[:20000]}
        return redirect(url_for("staff.letter_new", reference=reference, kind=kind))
    # the printable letter says how and when it was sent (it has no banner: it is for printing)
    return redirect(url_for("staff.letter_view", reference=reference, letter_id=letter_id))


@staff.get("/drafts/<reference>/letters/<int:letter_id>")
def letter_view(reference: str, letter_id: int):
    _draft_or_404(reference)
    letter = next((l for l in Correspondence(_review().store).letters_sent(reference) if l["id"] == letter_id), None)
    if letter is None:
        abort(404)
    _review().record(g.staff.email, "printed a letter", reference, letter["label"])
    return render_template("staff/letter.html", reference=reference, letter=letter)


@staff.post("/drafts/<reference>/contacts")
def contact_add(reference: str):
    _draft_or_404(reference)
    try:
        Correspondence(_review().store).add_contact(reference, g.staff.email, request.form.get("happened_on", ""),
                                                    request.form.get("kind", ""), request.form.get("summary", ""))
        flash("Contact logged.")
    except CaseworkRefused as refusal:
        flash(str(refusal), f"error:{refusal.field}")
        session["kept"] = {k: v[:LONGEST_TEXT] for k, v in request.form.items() if k != "csrf_token"}
    return redirect(url_for("staff.draft", reference=reference) + "#correspondence")


@staff.post("/drafts/<reference>/actions/<int:item>")
def action_state(reference: str, item: int):
    _draft_or_404(reference)
    try:
        _casework().set_action_state(reference, Actor(g.staff.email, g.staff.role), item, request.form.get("state"))
        flash("Recommendation updated.")
    except NotFound:
        abort(404)
    except CaseworkRefused as refusal:
        flash(str(refusal), f"error:{refusal.field}")
    return redirect(url_for("staff.draft", reference=reference) + "#recommendations")


@staff.post("/drafts/<reference>/assign")
def assign(reference: str):
    _draft_or_404(reference)
    officer = request.form.get("officer") or None
    try:
        _review().assign(reference, officer, g.staff.email)
        flash("Assigned to " + _review().staff_names().get(officer, officer) if officer
              else "No longer assigned to anyone.")
    except NotFound:
        flash("That officer has no active account.", "error:officer")
    return redirect(url_for("staff.draft", reference=reference))


@staff.post("/drafts/<reference>/notes")
def add_note(reference: str):
    _draft_or_404(reference)
    try:
        _review().add_note(reference, request.form.get("note", ""), g.staff.email)
        flash("Note added.")
    except ValueError as problem:
        flash(str(problem), "error:note")
    return redirect(url_for("staff.draft", reference=reference) + "#notes")


# -- statistics, audit, accounts ----------------------------------------------------------


def _period():
    """The period asked for (?from=&to=, as 2026-04-01), else the last financial year; and any problems."""
    start, end = last_financial_year(_today())
    errors = {}
    days = {}
    for key, default in (("from", start), ("to", end)):
        text = request.args.get(key, "").strip()[:40]
        try:
            days[key] = read_day(text, key, "the date") if text else default
        except CaseworkRefused:
            days[key] = default
            errors[key] = "Enter a date with the year, like 1 April 2026."
    if not errors and days["to"] < days["from"]:
        errors["to"] = "The end of the period must be on or after its start."
        days["from"], days["to"] = start, end
    return days["from"], days["to"], errors


def _figures():
    start, end, errors = _period()
    return figures(current_app.extensions["review"].store, current_app.config["POLICY"], start, end,
                   _today()), errors


@staff.get("/statistics")
def statistics():
    published, errors = _figures()
    return render_template("staff/statistics.html", drafts=_review().statistics(), published=published,
                           errors=errors, args=request.args,
                           conversations=current_app.extensions["transcripts"].statistics(), statuses=STATUSES)


@staff.get("/statistics.csv")
def statistics_csv():
    published, _ = _figures()
    _review().record(g.staff.email, "exported the statistics", detail=published.period)
    name = f"community-trigger-figures-{published.start}-to-{published.end}.csv"
    return Response(published.csv(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={name}"})


@staff.get("/statistics/print")
def statistics_print():
    published, _ = _figures()
    return render_template("staff/statistics_print.html", published=published, today=_today())


@staff.get("/audit")
@manager_only
def audit():
    """The whole audit log, a page at a time, newest first, with filters (never only the last N)."""
    args = request.args
    errors = {}
    days = {}
    for key in ("since", "until"):
        text = args.get(key, "").strip()
        try:
            days[key] = date.fromisoformat(text) if text else None
        except ValueError:
            days[key] = None
            errors[key] = "Enter a date like 2026-11-30."
    where = AuditFilter(who=args.get("who", "")[:320], action=args.get("action", "")[:40],
                        reference=args.get("reference", "")[:20], address=args.get("address", "")[:64],
                        since=days["since"], until=days["until"], hide_sign_in_failures=args.get("hide") == "yes")
    number = int(args["page"]) if args.get("page", "").isdigit() and 0 < int(args["page"]) < 10**6 else 1
    events, total = _review().audit_page(where, number)
    pages = max(1, -(-total // PAGE_SIZE))
    keep = {k: v for k, v in args.items() if k != "page" and v}
    return render_template("staff/audit.html", events=events, total=total, page=number, pages=pages, keep=keep,
                           actions=_review().audit_actions(), errors=errors, args=args)


@staff.get("/accounts")
@manager_only
def accounts():
    return render_template("staff/accounts.html", accounts=_accounts().list(), waiting=_accounts().waiting(),
                           roles=ROLES)


@staff.post("/accounts/<int:staff_id>/<any(disable, enable, unlock):action>")
@manager_only
def account_action(staff_id: int, action: str):
    member = _accounts().get(staff_id)
    if member is None:
        abort(404)
    if member.id == g.staff.id and action == "disable":
        flash("You cannot disable your own account.", "error")
    elif action == "unlock":
        _accounts().unlock(member.email, by=g.staff.email)
        flash(f"{member.name} can sign in again now.")
    else:
        getattr(_accounts(), action)(member.email, by=g.staff.email)
        flash(f"{member.name}'s account is {'disabled' if action == 'disable' else 'enabled'}.")
    return redirect(url_for("staff.accounts"))


@staff.post("/accounts/<int:staff_id>/role")
@manager_only
def account_role(staff_id: int):
    member = _accounts().get(staff_id)
    if member is None:
        abort(404)
    try:
        changed = _accounts().set_role(member.email, request.form.get("role", ""), by=g.staff.email)
        flash(f"{changed.name} is now {'a manager' if changed.is_manager else 'an officer'}.")
    except AccountError as problem:
        flash(str(problem), f"error:role-{staff_id}")
    return redirect(url_for("staff.accounts"))
