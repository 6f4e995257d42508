"""The work queue as an officer uses it on Tuesday 10 March 2026 (the test app's today): the most urgent
first, days left to each target, what is due today or overdue, My cases, the filters, sorting by any
column, officers by name, and closed cases showing whether each target was met."""
import re
from datetime import date, datetime

import pytest

from bot.drafts import DraftStore
from bot.drafts.accounts import StaffAccounts
from bot.drafts.review import Review
from bot.rules.application import application_from_dict
from bot.rules.eligibility import decide
from bot.rules.policy import load_policy
from tests.web.conftest import draft_record, sign_in


def received(store, day: date, conversation: str, **changes) -> str:
    """An application that arrived at 10am on `day`."""
    record = draft_record(conversation, **changes)
    decision = decide(application_from_dict(record), load_policy(), day)
    dated = DraftStore(store.url, now=lambda: datetime(day.year, day.month, day.day, 10))
    return dated.save(record, decision).reference


def change(store, reference: str, day: date, *statuses: str, by="officer@barnet.gov.uk", role="manager"):
    review = Review(DraftStore(store.url, now=lambda: datetime(day.year, day.month, day.day, 11)))
    for status in statuses:
        review.change_status(reference, status, by, role, "as agreed")


@pytest.fixture()
def cases(app, store):
    """Five applications (response due 3 working days after arrival, resolution 24):
    late: arrived Mon 2 March, response was due Thu 5 March: 3 working days overdue;
    today: arrived Thu 5 March, due Tue 10 March (today);
    fresh: arrived Mon 9 March, due Thu 12 March, 2 working days left, nothing at risk;
    done: arrived 2 February, acknowledged 3 Feb, closed 20 Feb: both targets met;
    slow: arrived 2 January, acknowledged 9 January (due 7th), closed 20 February (due 5 February): both missed."""
    refs = {
        "late": received(store, date(2026, 3, 2), "late:a", applicant={"name": "Ann Late"}),
        "today": received(store, date(2026, 3, 5), "today:a", applicant={"name": "Ben Today"}),
        "fresh": received(store, date(2026, 3, 9), "fresh:a", applicant={"name": "Cal Fresh"},
                          asb={"vulnerability": "no"}),
        "done": received(store, date(2026, 2, 2), "done:a", applicant={"name": "Dee Done"}),
        "slow": received(store, date(2026, 1, 2), "slow:a", applicant={"name": "Eve Slow"}),
    }
    change(store, refs["done"], date(2026, 2, 3), "acknowledged", "threshold_met")
    change(store, refs["done"], date(2026, 2, 20), "closed")
    change(store, refs["slow"], date(2026, 1, 9), "acknowledged", "threshold_met")
    change(store, refs["slow"], date(2026, 2, 20), "closed")
    return refs


def rows(html: str):
    """The queue's rows as (reference, the row's text squeezed)."""
    body = html.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    found = []
    for row in re.findall(r"<tr.*?</tr>", body, re.S):
        reference = re.search(r">(CT-\d{4}-\d+)<", row).group(1)
        found.append((reference, " ".join(re.sub(r"<[^>]+>", " ", row).split())))
    return found


def order(client, query=""):
    return [ref for ref, _ in rows(client.get("/staff/" + query).get_data(as_text=True))]


def test_the_most_urgent_come_first_with_the_working_days_left(app, cases):
    client = app.test_client()
    sign_in(client)
    listed = rows(client.get("/staff/").get_data(as_text=True))
    assert [ref for ref, _ in listed] == [cases[k] for k in ("late", "today", "fresh", "done", "slow")]
    text = dict(listed)
    assert "5 March 2026 Overdue by 3 working days" in text[cases["late"]]
    assert "10 March 2026 Due today" in text[cases["today"]]
    assert "12 March 2026 2 working days left" in text[cases["fresh"]]
    # closed: each target met or missed, no dates still running
    assert text[cases["done"]].count("Met") == 2 and "left" not in text[cases["done"]]
    assert text[cases["slow"]].count("Missed") == 2 and "Overdue" not in text[cases["slow"]]


def test_filters_overdue_due_this_week_and_at_risk(app, cases):
    client = app.test_client()
    sign_in(client)
    assert order(client, "?overdue=yes") == [cases["late"]]
    # today is Tuesday: due by Sunday, not already overdue
    assert order(client, "?due_this_week=yes") == [cases["today"], cases["fresh"]]
    assert cases["fresh"] not in order(client, "?at_risk=yes")
    assert cases["late"] in order(client, "?at_risk=yes")


def test_my_cases_and_officers_by_name_never_by_email(app, store, cases):
    Review(store).assign(cases["fresh"], "officer@barnet.gov.uk", "manager@barnet.gov.uk")
    Review(store).assign(cases["late"], "manager@barnet.gov.uk", "manager@barnet.gov.uk")
    client = app.test_client()
    sign_in(client)
    page = client.get("/staff/?mine=yes").get_data(as_text=True)
    assert "<h1" in page and "My cases" in page.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert [ref for ref, _ in rows(page)] == [cases["fresh"]]
    everything = client.get("/staff/").get_data(as_text=True)
    assert "Olu Officer" in dict(rows(everything))[cases["fresh"]]
    assert "officer@barnet.gov.uk" not in everything.split("<tbody", 1)[1]
    draft = client.get(f"/staff/drafts/{cases['fresh']}").get_data(as_text=True)
    assert "Olu Officer" in draft and "(officer@barnet.gov.uk)" not in draft


def test_a_disabled_account_is_named_as_such_and_cannot_be_given_cases(app, store, cases):
    Review(store).assign(cases["late"], "manager@barnet.gov.uk", "manager@barnet.gov.uk")
    StaffAccounts(store).add("gone@barnet.gov.uk", "Gus Gone", "officer", "correct horse battery staple")
    Review(store).assign(cases["today"], "gone@barnet.gov.uk", "manager@barnet.gov.uk")
    StaffAccounts(store).disable("gone@barnet.gov.uk")
    client = app.test_client()
    sign_in(client)
    page = client.get("/staff/").get_data(as_text=True)
    assert "Gus Gone (account disabled)" in dict(rows(page))[cases["today"]]
    officers = page.split('id="officer"', 1)[1].split("</select>", 1)[0]
    assert "Mina Manager" in officers and "Gus Gone" not in officers
    draft = client.get(f"/staff/drafts/{cases['late']}").get_data(as_text=True)
    assign_list = draft.split('name="officer"', 1)[1].split("</select>", 1)[0]
    assert "Gus Gone" not in assign_list


def test_sorting_by_a_column_either_way(app, cases):
    client = app.test_client()
    sign_in(client)
    names = ["late", "today", "fresh", "done", "slow"]   # Ann, Ben, Cal, Dee, Eve
    assert order(client, "?sort=applicant") == [cases[k] for k in names]
    assert order(client, "?sort=applicant&order=descending") == [cases[k] for k in reversed(names)]
    assert order(client, "?sort=received") == [cases[k] for k in ("slow", "done", "late", "today", "fresh")]
    page = client.get("/staff/?sort=applicant").get_data(as_text=True)
    assert re.search(r'aria-sort="ascending">\s*<a[^>]*>Applicant', page)
    # an unknown column is the default order, not an error
    assert order(client, "?sort=nonsense") == [cases[k] for k in ("late", "today", "fresh", "done", "slow")]


def test_the_csv_is_in_words_with_todays_date_in_its_name(app, cases):
    client = app.test_client()
    sign_in(client)
    response = client.get("/staff/queue.csv?overdue=yes")
    assert "community-trigger-queue-2026-03-10.csv" in response.headers["Content-Disposition"]
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0].startswith("Reference,Received,Applicant,Affected,Route,Assistant's decision,Status,Officer")
    assert len(lines) == 2 and cases["late"] in lines[1]
    for words in ("2 March 2026", "Individual", "3 reports", "Not enough reports", "Received", "Not assigned",
                  "Overdue by 3 working days"):
        assert words in lines[1], words
    for code in ("three_reports", "not_enough", "received,", "individual,"):
        assert code not in lines[1]


def test_a_refused_step_links_the_summary_to_its_field_shows_it_there_and_keeps_what_was_typed(app, store):
    from bot.drafts.casework import Actor, Casework
    from tests.web.conftest import csrf
    reference = received(store, date(2026, 3, 9), "err:a")
    Casework(store).acknowledge(reference, Actor("officer@barnet.gov.uk", "officer"))
    client = app.test_client()
    sign_in(client)
    page = client.get(f"/staff/drafts/{reference}").get_data(as_text=True)
    assert "<title>Error:" not in page
    response = client.post(f"/staff/drafts/{reference}/threshold",
                           data={"reason": "Three reports, nothing done", "csrf_token": csrf(page)},
                           follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "<title>Error: " in page
    assert '<a href="#threshold-met">Select whether the threshold for a case review is met.</a>' in page
    assert 'id="threshold-met-error"' in page and "threshold-met-error" in page.split('<fieldset', 2)[1][:200]
    assert ">Three reports, nothing done</textarea>" in page       # nothing typed is lost
    assert store.get(reference)["status"] == "acknowledged"
    # the next page, with nothing wrong, is not marked as an error and the form is empty again
    again = client.get(f"/staff/drafts/{reference}").get_data(as_text=True)
    assert "<title>Error:" not in again and "Three reports, nothing done" not in again


def test_possibly_the_same_case_is_shown_and_the_officer_decides(app, store):
    from tests.web.conftest import csrf
    first = received(store, date(2026, 3, 2), "dup1:a", applicant={"name": "Ann Late", "phone": "07700 900555"},
                     victim={"name": "Ann Late"})
    again = received(store, date(2026, 3, 6), "dup2:a", applicant={"name": "A Late", "phone": "+44 7700 900555"},
                     victim={"name": "A Late"})
    client = app.test_client()
    sign_in(client)
    queue = dict(rows(client.get("/staff/").get_data(as_text=True)))
    assert "Possible duplicate" in queue[first] and "Possible duplicate" in queue[again]
    page = client.get(f"/staff/drafts/{first}").get_data(as_text=True)
    assert "1 other application may be the same case" in page and "the same phone number" in page
    refused = client.post(f"/staff/drafts/{first}/same-case",
                          data={"other": again, "kind": "merged", "reason": "", "csrf_token": csrf(page)},
                          follow_redirects=True).get_data(as_text=True)
    assert f'<a href="#same-{again}">Say why, for whoever reads the case next.</a>' in refused
    done = client.post(f"/staff/drafts/{first}/same-case",
                       data={"other": again, "kind": "merged", "reason": "She applied twice by mistake",
                             "csrf_token": csrf(page)}, follow_redirects=True).get_data(as_text=True)
    assert f"{again} is merged into this application and closed." in done
    assert store.get(again)["status"] == "closed"
    queue = dict(rows(client.get("/staff/").get_data(as_text=True)))
    assert "Possible duplicate" not in queue[first]
    merged = client.get(f"/staff/drafts/{again}").get_data(as_text=True)
    assert f"Merged into {first}: She applied twice by mistake" in merged
