"""Letters filled from the case, checked and changed by the officer, kept exactly as sent, by post
(printable) or by email through the council's mail server when one is set; the contact log; the
applicant's preferred contact and "read before contacting" notes shown before anyone writes."""
import socketserver
import threading
from datetime import date

import pytest

from bot.drafts.casework import Actor, Casework
from bot.drafts.correspondence import Correspondence, compose
from bot.drafts.review import Review
from bot.rules.policy import load_policy
from tests.web.conftest import csrf, save, sign_in

OFFICER = Actor("officer@barnet.gov.uk", "officer")


class SMTP(socketserver.StreamRequestHandler):
    """Just enough of a mail server to receive one message (no TLS: TRIGGER_SMTP_STARTTLS=false)."""

    def handle(self):
        self.wfile.write(b"220 test\r\n")
        data = None
        for line in self.rfile:
            if data is not None:
                if line == b".\r\n":
                    self.server.messages.append(b"".join(data).decode())
                    data = None
                    self.wfile.write(b"250 ok\r\n")
                else:
                    data.append(line)
                continue
            command = line[:4].upper()
            if command == b"DATA":
                data = []
                self.wfile.write(b"354 go on\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


@pytest.fixture()
def mail_server(monkeypatch):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SMTP)
    server.messages = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("TRIGGER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TRIGGER_SMTP_PORT", str(server.server_address[1]))
    monkeypatch.setenv("TRIGGER_SMTP_FROM", "community.safety@barnet.gov.uk")
    monkeypatch.setenv("TRIGGER_SMTP_STARTTLS", "false")
    yield server
    server.shutdown()


def test_a_letter_is_filled_from_the_case_and_gaps_are_marked(store):
    reference = save(store, applicant={"email": "jo@example.org"})
    Casework(store).acknowledge(reference, OFFICER)
    Casework(store).decide_threshold(reference, OFFICER, True, "Three reports in six months, nothing done.")
    record = Review(store).draft(reference)
    case = Casework(store).record(reference)
    letter = compose("threshold_met", record, case, load_policy(), date(2026, 3, 12), "Olu Officer")
    assert letter.startswith("Dear Jo Bloggs")
    for words in (reference, "meets the threshold", "Three reports in six months, nothing done.",
                  "Barnet Safer Communities Partnership", "24 working days", "Olu Officer"):
        assert words in letter, words
    assert "{" not in letter
    outcome = compose("outcome", record, case, load_policy(), date(2026, 3, 12), "Olu Officer")
    assert "[the outcome at closing]" in outcome       # not known yet: a gap to complete, never a blank


def test_a_councils_own_letter_replaces_ours(store, tmp_path, monkeypatch):
    import yaml
    raw = yaml.safe_load(open(load_policy().path))
    raw["letters"] = {"acknowledgement": "Hello {applicant_name}, we have {reference}. {team}"}
    own = tmp_path / "policy.yml"
    own.write_text(yaml.safe_dump(raw))
    reference = save(store)
    letter = compose("acknowledgement", Review(store).draft(reference), {}, load_policy(str(own)),
                     date(2026, 3, 12), "Olu Officer")
    assert letter == f"Hello Jo Bloggs, we have {reference}. Community Safety Team"


def test_without_a_mail_server_the_letter_is_printed_and_kept_as_sent(app, store):
    reference = save(store)
    client = app.test_client()
    sign_in(client)
    draft = client.get(f"/staff/drafts/{reference}").get_data(as_text=True)
    assert "Read before contacting: Do not leave voicemails" in draft and "contacted by <strong>phone" in draft
    page = client.get(f"/staff/drafts/{reference}/letters/new?kind=acknowledgement").get_data(as_text=True)
    assert "Email is not set up for this service" in page and "Send by email" not in page
    assert "Read before contacting: Do not leave voicemails" in page
    body = "Dear Jo Bloggs\n\nWe have your application. (Changed by hand.)"
    response = client.post(f"/staff/drafts/{reference}/letters", data={
        "kind": "acknowledgement", "body": body, "channel": "post", "csrf_token": csrf(page)}, follow_redirects=True)
    printed = response.get_data(as_text=True)
    assert "(Changed by hand.)" in printed and "sent by post" in printed
    [letter] = Correspondence(store).letters_sent(reference)
    assert letter["body"] == body and letter["channel"] == "post"
    assert Correspondence(store).contacts(reference)[0]["kind"] == "Letter"
    # a letter for a step not reached yet cannot be written
    assert client.get(f"/staff/drafts/{reference}/letters/new?kind=outcome").status_code == 404


def test_with_a_mail_server_the_letter_is_emailed_and_kept(app, store, mail_server):
    reference = save(store, applicant={"email": "jo@example.org"})
    client = app.test_client()
    sign_in(client)
    page = client.get(f"/staff/drafts/{reference}/letters/new?kind=acknowledgement").get_data(as_text=True)
    assert "Send by email to jo@example.org" in page
    body = page.split('id="letter-body"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]
    response = client.post(f"/staff/drafts/{reference}/letters", data={
        "kind": "acknowledgement", "body": body.replace("&#39;", "'"), "channel": "email",
        "csrf_token": csrf(page)}, follow_redirects=True)
    assert "sent by email" in response.get_data(as_text=True)
    [message] = mail_server.messages
    assert "To: jo@example.org" in message and f"Subject: Your Community Trigger application {reference}" in message
    assert "Dear Jo Bloggs" in message
    assert Correspondence(store).letters_sent(reference)[0]["sent_to"] == "jo@example.org"


def test_a_mail_server_that_refuses_loses_nothing(app, store, monkeypatch):
    monkeypatch.setenv("TRIGGER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TRIGGER_SMTP_PORT", "9")          # nothing listens there
    monkeypatch.setenv("TRIGGER_SMTP_FROM", "community.safety@barnet.gov.uk")
    reference = save(store, applicant={"email": "jo@example.org"})
    client = app.test_client()
    sign_in(client)
    page = client.get(f"/staff/drafts/{reference}/letters/new?kind=acknowledgement").get_data(as_text=True)
    response = client.post(f"/staff/drafts/{reference}/letters", data={
        "kind": "acknowledgement", "body": "Dear Jo, my own words", "channel": "email", "csrf_token": csrf(page)},
        follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "The email could not be sent" in page and "Dear Jo, my own words</textarea>" in page
    assert Correspondence(store).letters_sent(reference) == []


def test_the_contact_log(app, store):
    reference = save(store)
    client = app.test_client()
    sign_in(client)
    page = client.get(f"/staff/drafts/{reference}").get_data(as_text=True)
    refused = client.post(f"/staff/drafts/{reference}/contacts", data={
        "happened_on": "9 March 2026", "kind": "call", "summary": "", "csrf_token": csrf(page)},
        follow_redirects=True).get_data(as_text=True)
    assert '<a href="#contact-summary">Enter a summary of the contact.</a>' in refused
    client.post(f"/staff/drafts/{reference}/contacts", data={
        "happened_on": "9 March 2026", "kind": "call", "summary": "Rang, no voicemail left as asked.",
        "csrf_token": csrf(page)})
    log = client.get(f"/staff/drafts/{reference}").get_data(as_text=True).split('id="contact-log"', 1)[1]
    assert "9 March 2026" in log and "Phone call" in log and "Rang, no voicemail left as asked." in log


def test_the_printable_view_for_the_partnership_meeting_carries_the_case_so_far(app, store):
    reference = save(store)
    work = Casework(store)
    work.acknowledge(reference, OFFICER)
    work.decide_threshold(reference, OFFICER, True, "Three reports, nothing done.")
    work.arrange_meeting(reference, OFFICER, "2026-03-09", "Metropolitan Police\nBarnet Homes")
    work.add_action(reference, OFFICER, "Noise monitoring for two weeks", "Environmental Health", "2026-03-31")
    client = app.test_client()
    sign_in(client)
    page = client.get(f"/staff/drafts/{reference}/print").get_data(as_text=True)
    for words in ("Threshold met", "9 March 2026, with Metropolitan Police, Barnet Homes",
                  "Noise monitoring for two weeks", "Environmental Health", "31 March 2026", "Open"):
        assert words in page, words
