"""`python -m bot ...`: the staff and integration commands.

Every command has --help. Errors a person can fix are one line on stderr and
exit status 2; nothing prints a traceback for bad input.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import List, Optional

from bot.rules import clock
from bot.ops import config


class CommandError(Exception):
    """A problem with the input: printed as one line, exit status 2."""


def _today(value: Optional[str]) -> date:
    try:
        return clock.parse_iso_day(value, "--today") if value else clock.today()
    except clock.BadToday as exc:
        raise CommandError(str(exc)) from None


def _policy(path: Optional[str]):
    from bot.rules.policy import PolicyError, load_policy
    try:
        return load_policy(Path(path) if path else None)
    except PolicyError as exc:
        raise CommandError(str(exc)) from None


def _print_json(value) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def cmd_check(args) -> int:
    from bot.rules.application import ApplicationError, application_from_dict
    from bot.rules.eligibility import decide

    source = args.application
    label = "standard input" if source == "-" else source
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"cannot read {source}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(f"{label} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise CommandError(f"{label} is not valid text: it contains an unpaired surrogate escape such as "
                           "\\ud800") from None
    try:
        application = application_from_dict(data)
    except ApplicationError as exc:
        raise CommandError(f"{label}: {exc}") from None
    decision = decide(application, _policy(args.policy), _today(args.today))
    _print_json(decision.to_dict())
    return 0


def _store(args):
    from bot.drafts import DraftStore
    return DraftStore(args.db)


def cmd_drafts_export(args) -> int:
    from bot.drafts import StoreUnavailable
    try:
        _print_json(_store(args).export())
    except StoreUnavailable as exc:
        raise CommandError(str(exc)) from None
    return 0


def cmd_drafts_migrate(args) -> int:
    from bot.drafts import StoreUnavailable
    try:
        revision = _store(args).migrate()
    except StoreUnavailable as exc:
        raise CommandError(str(exc)) from None
    print(f"drafts database is at revision {revision}")
    return 0


def cmd_drafts_purge(args) -> int:
    from bot.drafts import StoreUnavailable
    from bot.drafts.review import Review
    from bot.drafts.transcripts import Transcripts

    policy = _policy(None)
    days = args.older_than if args.older_than is not None else policy.timescales.retention_days
    if days < 1:
        raise CommandError("--older-than must be 1 or more days")
    store = _store(args)
    try:
        review = Review(store)
        removed = review.purge(days, by="command line")
        # Conversations: those of the removed applications, and any other
        # silent for longer than the retention period, unless an application
        # that is kept still needs it.
        transcripts = Transcripts(args.tracker_db)
        keep = set(review.sender_ids())
        senders = {s for _, s in removed if s} | set(transcripts.stale_senders(days, sorted(keep)))
        deleted = transcripts.delete_conversations(s for s in senders if s not in keep)
    except StoreUnavailable as exc:
        raise CommandError(str(exc)) from None
    print(f"Removed {len(removed)} closed application{'s' if len(removed) != 1 else ''} older than {days} days"
          + (f" ({', '.join(ref for ref, _ in removed)})" if removed else "")
          + f" and {deleted} conversation event{'s' if deleted != 1 else ''} "
            f"from {len([s for s in senders if s not in keep])} conversation(s).")
    return 0


def _accounts(args):
    from bot.drafts.accounts import StaffAccounts
    return StaffAccounts(_store(args))


def _new_password(args) -> str:
    import getpass
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password (12 characters or more): ")
    if first != getpass.getpass("The same password again: "):
        raise CommandError("the two passwords were different")
    return first


def cmd_staff(args) -> int:
    from bot.drafts.accounts import AccountError
    accounts = _accounts(args)
    try:
        if args.staff_command == "add":
            member = accounts.add(args.email, args.name, args.role, _new_password(args))
            print(f"Added {member.email} ({member.role}). They can sign in at /staff/login.")
        elif args.staff_command == "password":
            accounts.set_password(args.email, _new_password(args))
            print(f"Password set for {args.email.lower()}; any wait after wrong tries is over.")
        elif args.staff_command in ("disable", "enable"):
            member = getattr(accounts, args.staff_command)(args.email)
            print(f"{member.email} is {'enabled' if member.active else 'disabled'}.")
        else:
            for member in accounts.list():
                print(f"{member.email}\t{member.name}\t{member.role}\t{'active' if member.active else 'disabled'}")
    except AccountError as exc:
        raise CommandError(str(exc)) from None
    return 0


def cmd_feedback_list(args) -> int:
    from bot.drafts import StoreUnavailable
    from bot.drafts.feedback import FeedbackBox
    try:
        items = FeedbackBox(_store(args)).recent(args.limit)
    except StoreUnavailable as exc:
        raise CommandError(str(exc)) from None
    for item in items:
        text = " ".join(item.text.split())
        print(f"{item.at:%Y-%m-%d %H:%M}\t{item.rating or '-'}\t{text}")
    if not items:
        print("No feedback yet.")
    return 0


def cmd_policy_check(args) -> int:
    from bot.rules.policy import PolicyError, load_policy
    from bot.rules.policy_check import line_of, preview, problems, versions, warnings
    path = Path(args.file) if args.file else config.policy_path()
    try:
        policy = load_policy(path)
    except PolicyError as exc:
        # "FILE: contacts.police.phone: expected ...": each said with its line, so it can be found; every
        # problem in the file, not only the first
        lines = []
        for message in problems(path) or [str(exc)]:
            file, _sep, rest = message.partition(": ")
            key = rest.split(": ", 1)[0]
            line = line_of(path, key) if rest else None
            lines.append(f"{file}:{line}: {rest}" if line else message)
        raise CommandError("\n".join(lines)) from None
    routes = ", ".join(f"{r.key} (at least {r.threshold})" for r in policy.enabled_routes)
    print(f"{policy.path}: OK. {policy.council.name}, policy {policy.id} version {policy.version}; "
          f"window {policy.window_text}; routes: {routes}; counting: {', '.join(policy.organisations_that_count)}")
    if policy.changes:
        print("Versions (an application is decided with the version in force on the day it is received):")
        for line in versions(policy):
            print(f"  {line}")
    found = warnings(policy)
    for warning in found:
        line = line_of(path, warning.split(":", 1)[0])
        print(f"warning: {policy.path}:{line}: {warning}" if line else f"warning: {warning}")
    if not args.quiet:
        print(f"\nWhat a resident is told ({policy.council.scheme_name}, {policy.council.name}):")
        for outcome, reason, contacts in preview(policy, _today(None)):
            print(f"\n[{outcome}] {reason}")
            for contact in contacts:
                print(f"  - {contact}")
    return 0


def cmd_nlp_build(args) -> int:
    from bot.dialogue.language import save_pipeline
    out = Path(args.out) if args.out else config.nlp_path()
    policy = _policy(args.policy)
    save_pipeline(policy, out)
    print(f"spaCy pipeline for {policy.council.name} written to {out}")
    return 0


def cmd_training_build(args) -> int:
    from bot.ops.training_data import build
    policy = _policy(args.policy)
    out = Path(args.out)
    written = build(policy, config.ROOT / "data", out)
    print(f"training data for {policy.council.name} written to {out} ({len(written)} files)")
    return 0


def cmd_read(args) -> int:
    from bot.dialogue.language import ReportReader, load_pipeline
    policy = _policy(args.policy)
    path = config.nlp_path()
    reader = ReportReader(policy, load_pipeline(path) if (path / "meta.json").exists() else None)
    reading = reader.read(args.text, _today(args.today))
    org = reading.organisation
    d = reading.date
    _print_json({
        "organisation": {"said": org.said, "category": org.category, "ambiguous": org.ambiguous} if org else None,
        "reference": reading.reference,
        "person": reading.person,
        "date": None if d is None else {
            "phrase": d.phrase, "date": d.date.isoformat() if d.date else None, "approximate": d.approximate,
            "problem": d.problem, "message": d.message},
    })
    return 0


def _copy_stores(run, folder: str) -> int:
    """Print what `bot backup` or `bot restore` copied, or stop with its reason."""
    try:
        for line in run(Path(folder)):
            print(line)
    except RuntimeError as exc:
        raise CommandError(str(exc)) from None
    return 0


def cmd_backup(args) -> int:
    from bot.ops.backup import backup
    return _copy_stores(backup, args.folder)


def cmd_restore(args) -> int:
    from bot.ops.backup import MANIFEST, restore
    if not (Path(args.folder) / MANIFEST).exists():
        raise CommandError(f"{args.folder} is not a folder written by `bot backup` (no {MANIFEST})")
    return _copy_stores(restore, args.folder)


def cmd_status(args) -> int:
    from bot.ops.status import check_all, report

    checks = check_all()
    if args.json:
        print(json.dumps([{"name": c.name, "ok": c.ok, "detail": c.detail, "ms": round(c.seconds * 1000)}
                          for c in checks], indent=1))
    else:
        print(report(checks))
    return 0 if all(c.ok for c in checks) else 1


def cmd_stats(args) -> int:
    from bot.drafts import DraftStore
    from bot.drafts.figures import figures, last_financial_year
    from bot.rules.policy import load_policy

    today = clock.today()
    start, end = last_financial_year(today)
    given = {}
    for flag, text in (("--from", args.start), ("--to", args.end)):
        try:
            given[flag] = date.fromisoformat(text) if text else None
        except ValueError:
            raise CommandError(f"{flag} {text!r} is not a date: give one like 2026-04-01.") from None
    try:
        published = figures(DraftStore(), load_policy(), given["--from"] or start, given["--to"] or end, today)
    except ValueError as problem:
        raise CommandError(str(problem)) from None
    if args.csv:
        sys.stdout.write(published.csv())
        return 0
    print(f"Community Trigger figures, {published.period}")
    width = max(len(label) for label, _ in published.rows())
    for label, value in published.rows():
        print(f"  {label:<{width}}  {value}")
    return 0


def cmd_serve(args) -> int:
    from bot.ops.serve import serve
    return serve(chat=args.chat)


def cmd_local_services(args) -> int:
    import signal
    import tempfile
    import time
    from bot.ops.local_services import Postgres, Redis, Unavailable, free_port

    folder = Path(tempfile.mkdtemp(prefix="community-trigger-local-"))
    try:
        postgres = Postgres(folder / "postgres", args.postgres_port or free_port()).start()
        redis = Redis(folder / "redis", args.redis_port or free_port()).start()
    except Unavailable as missing:
        raise CommandError(str(missing)) from None
    print("PostgreSQL and Redis are running on 127.0.0.1 (for trying the production profile; data is thrown "
          "away on exit). In another terminal:")
    print(f"  export TRIGGER_DATABASE_URL={postgres.url}")
    print(f"  export TRIGGER_REDIS_URL={redis.url}")
    print("  make run")
    print("Press Ctrl-C to stop them.", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        redis.stop()
        postgres.stop()
        import shutil
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def cmd_web(args) -> int:
    from bot.web import serve
    serve(args.host, args.port)
    return 0


def cmd_chat(args) -> int:
    from bot.ops.chat import chat
    chat(args.url)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Community Trigger assistant: staff and integration commands.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("check", help="decide an application file against the policy and print the decision as JSON",
                       description="Re-check an application (JSON) against the council's policy and print the "
                                   "decision as JSON. The same code the assistant uses.")
    p.add_argument("application", metavar="APPLICATION.json", help="the application file, or - for standard input")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="decide as if today were this date "
                                                         "(default: TRIGGER_TODAY, else today in London)")
    p.add_argument("--policy", metavar="FILE", help="policy file (default: TRIGGER_POLICY, else the default policy)")
    p.set_defaults(func=cmd_check)

    drafts = sub.add_parser("drafts", help="draft applications written by the assistant",
                            description="Draft applications written by the assistant.")
    dsub = drafts.add_subparsers(dest="drafts_command", metavar="ACTION")
    dsub.required = True
    p = dsub.add_parser("export", help="print every draft application as a JSON array",
                        description="Print every draft application as a JSON array, oldest first.")
    p.add_argument("--db", metavar="URL", help="database URL (default: TRIGGER_DRAFTS_DB_URL, else var/drafts.db)")
    p.set_defaults(func=cmd_drafts_export)
    p = dsub.add_parser("migrate", help="create or upgrade the drafts database schema",
                        description="Create or upgrade the drafts database schema to the newest migration.")
    p.add_argument("--db", metavar="URL", help="database URL (default: TRIGGER_DRAFTS_DB_URL, else var/drafts.db)")
    p.set_defaults(func=cmd_drafts_migrate)

    p = dsub.add_parser("purge", help="delete closed applications and old conversations past the retention period",
                        description="Delete closed applications, and conversations, not touched for longer than the "
                                    "retention period (the policy's timescales.retention_days unless --older-than), "
                                    "and say what was removed.")
    p.add_argument("--older-than", type=int, metavar="DAYS", help="days since last change (default: from the policy)")
    p.add_argument("--db", metavar="URL", help="drafts database URL (default: TRIGGER_DRAFTS_DB_URL)")
    p.add_argument("--tracker-db", metavar="URL", help="conversation store URL (default: TRIGGER_TRACKER_DB_URL)")
    p.set_defaults(func=cmd_drafts_purge)

    st = sub.add_parser("staff", help="staff accounts for the review app", description="Staff accounts for the review app.")
    ssub = st.add_subparsers(dest="staff_command", metavar="ACTION")
    ssub.required = True
    p = ssub.add_parser("add", help="create an account (asks for the password)", description="Create a staff account.")
    p.add_argument("email")
    p.add_argument("--name", required=True, help="the person's name, as shown to colleagues")
    p.add_argument("--role", choices=("officer", "manager"), default="officer",
                   help="officer, or manager (decides appeals, manages accounts)")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.add_argument("--db", metavar="URL", help="drafts database URL (default: TRIGGER_DRAFTS_DB_URL)")
    p.set_defaults(func=cmd_staff)
    for action, text in (("disable", "stop an account signing in"), ("enable", "let a disabled account sign in again")):
        p = ssub.add_parser(action, help=text, description=text[0].upper() + text[1:] + ".")
        p.add_argument("email")
        p.add_argument("--db", metavar="URL", help="drafts database URL (default: TRIGGER_DRAFTS_DB_URL)")
        p.set_defaults(func=cmd_staff)
    p = ssub.add_parser("password", help="set a new password (and end any wait after wrong tries)",
                        description="Set a new password for an account, and end any wait after wrong tries.")
    p.add_argument("email")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.add_argument("--db", metavar="URL", help="drafts database URL (default: TRIGGER_DRAFTS_DB_URL)")
    p.set_defaults(func=cmd_staff)
    p = ssub.add_parser("list", help="list the accounts", description="List the staff accounts.")
    p.add_argument("--db", metavar="URL", help="drafts database URL (default: TRIGGER_DRAFTS_DB_URL)")
    p.set_defaults(func=cmd_staff)

    fb = sub.add_parser("feedback", help="feedback residents gave on the service",
                        description="Feedback residents gave on the service (the Beta banner's feedback page).")
    fsub = fb.add_subparsers(dest="feedback_command", metavar="ACTION")
    fsub.required = True
    p = fsub.add_parser("list", help="print the newest feedback, one per line: time (UTC), rating, text",
                        description="Print the newest feedback, one per line: time (UTC), rating, text.")
    p.add_argument("--limit", type=int, default=200, metavar="N", help="how many to print (default: 200)")
    p.add_argument("--db", metavar="URL", help="drafts database URL (default: TRIGGER_DRAFTS_DB_URL)")
    p.set_defaults(func=cmd_feedback_list)

    pol = sub.add_parser("policy", help="the council's policy file", description="The council's policy file.")
    psub = pol.add_subparsers(dest="policy_command", metavar="ACTION")
    psub.required = True
    p = psub.add_parser("check", help="validate a policy file", description="Validate a policy file and summarise it.")
    p.add_argument("file", nargs="?", metavar="FILE", help="policy file (default: TRIGGER_POLICY, else the default policy)")
    p.add_argument("--quiet", action="store_true", help="only the summary and any warnings, not the preview")
    p.set_defaults(func=cmd_policy_check)

    nlp = sub.add_parser("nlp", help="the spaCy pipeline", description="The spaCy pipeline built from our patterns.")
    nsub = nlp.add_subparsers(dest="nlp_command", metavar="ACTION")
    nsub.required = True
    p = nsub.add_parser("build", help="build the spaCy pipeline folder from the policy and our patterns",
                        description="Build the spaCy pipeline folder (loaded by Rasa's SpacyNLP) from the "
                                    "policy's organisation names and our reference, person and date patterns.")
    p.add_argument("--out", metavar="DIR", help="output folder (default: TRIGGER_NLP_PATH, else build/nlp)")
    p.add_argument("--policy", metavar="FILE", help="policy file (default: TRIGGER_POLICY, else the default policy)")
    p.set_defaults(func=cmd_nlp_build)

    tr = sub.add_parser("training", help="the NLU training data",
                        description="The NLU training data, built from data/ and the council's policy.")
    tsub = tr.add_subparsers(dest="training_command", metavar="ACTION")
    tsub.required = True
    p = tsub.add_parser("build", help="fill the training templates in data/ with the policy's names",
                        description="Fill the slots in data/ ({landlord}, {place}, ...) with the policy's housing "
                                    "providers, places and other names, and write the result for rasa train.")
    p.add_argument("--out", metavar="DIR", default="build/data", help="output folder (default: build/data)")
    p.add_argument("--policy", metavar="FILE", help="policy file (default: TRIGGER_POLICY, else the default policy)")
    p.set_defaults(func=cmd_training_build)

    p = sub.add_parser("read", help="show what the assistant reads from a message about a report",
                       description="Show the organisation, reference, person and date read from one message.")
    p.add_argument("text", help="the message, in quotes")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="resolve dates as if today were this date")
    p.add_argument("--policy", metavar="FILE", help="policy file (default: TRIGGER_POLICY, else the default policy)")
    p.set_defaults(func=cmd_read)
    p = sub.add_parser("stats", help="the figures a council publishes (s.104), for a period",
                       description="The figures the Anti-social Behaviour, Crime and Policing Act 2014 s.104 asks "
                                   "councils to publish, with the share answered in time and the median working "
                                   "days to close. The period defaults to the last complete financial year.")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="the first day (default: 1 April last year)")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="the last day (default: 31 March)")
    p.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("serve", help="start the whole service (what `make run` runs)",
                       description="Start the whole service with embedded defaults and say what was started.")
    p.add_argument("--chat", action="store_true", help="then chat with it in this terminal")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("backup", help="copy the drafts database and the conversation store into a folder",
                       description="Copy the drafts database (drafts, staff accounts, audit log) and the conversation "
                                   "store into FOLDER: SQLite's online backup, or pg_dump for PostgreSQL.")
    p.add_argument("folder", help="where to put the copies (created)")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="put back a backup, replacing what the stores hold (stop the service first)",
                       description="Put back what `bot backup` copied into FOLDER, replacing what the stores hold "
                                   "now. Stop the service first.")
    p.add_argument("folder", help="a folder written by `bot backup`")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("status", help="is every part of the service answering? (exit 1 if not)",
                       description="Check the web app, the Rasa server, the action server, the databases and Redis "
                                   "of the service on this machine, one line each; exit 0 only when all answer.")
    p.add_argument("--json", action="store_true", help="print the checks as JSON")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("local-services", help="start throwaway PostgreSQL and Redis to try the production profile",
                       description="Start throwaway PostgreSQL and Redis servers on 127.0.0.1 (from Debian's "
                                   "packages) and print the environment variables that point the service at them.")
    p.add_argument("--postgres-port", type=int, help="default: a free port")
    p.add_argument("--redis-port", type=int, help="default: a free port")
    p.set_defaults(func=cmd_local_services)

    p = sub.add_parser("web", help="serve the web app (resident chat page) with waitress",
                       description="Serve the web app: the resident chat page (and staff review).")
    p.add_argument("--host", help="interface (default: TRIGGER_WEB_HOST, else 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: TRIGGER_WEB_PORT, else 8000)")
    p.set_defaults(func=cmd_web)

    p = sub.add_parser("chat", help="talk to a running assistant in the terminal",
                       description="Talk to a running assistant in the terminal, over the REST channel.")
    p.add_argument("--url", default="http://127.0.0.1:5005", help="the Rasa server (default http://127.0.0.1:5005)")
    p.set_defaults(func=cmd_chat)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
