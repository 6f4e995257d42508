"""The statistics page's published figures (s.104): a period to choose, defaulting to the last financial
year, as a page, as CSV and as a printable summary; a wrong date is said plainly and linked."""
from datetime import date

from tests.web.conftest import sign_in
from tests.web.test_staff_queue import change, received


def test_the_figures_for_the_last_financial_year_by_default_and_for_any_period(app, store):
    # the app's today is 10 March 2026: the last complete financial year is April 2024 to March 2025
    old = received(store, date(2025, 3, 3), "old:a")
    change(store, old, date(2025, 3, 4), "acknowledged", "threshold_not_met")
    received(store, date(2026, 3, 2), "new:a")
    client = app.test_client()
    sign_in(client)
    page = client.get("/staff/statistics").get_data(as_text=True)
    table = page.split('id="published-figures"', 1)[1].split("</table>", 1)[0]
    assert "1 April 2024 to 31 March 2025" in table
    assert "Applications for an ASB case review</th>" in table
    assert table.count(">1</td>") == 2          # one application, one threshold not met
    assert "1 of 1 (100.0%)" in table             # answered the next working day
    this_year = client.get("/staff/statistics?from=1+April+2025&to=31/03/2026").get_data(as_text=True)
    table = this_year.split('id="published-figures"', 1)[1].split("</table>", 1)[0]
    assert "1 April 2025 to 31 March 2026" in table and "0 of 1 (0.0%)" in table   # due 5 March, unanswered
    csv = client.get("/staff/statistics.csv?from=2025-04-01&to=2026-03-31")
    assert "community-trigger-figures-2025-04-01-to-2026-03-31.csv" in csv.headers["Content-Disposition"]
    assert "1 April 2025 to 31 March 2026,Applications for an ASB case review,1" in csv.get_data(as_text=True)
    printable = client.get("/staff/statistics/print?from=2025-04-01&to=2026-03-31").get_data(as_text=True)
    assert "section 104" in printable and "Applications for an ASB case review" in printable
    assert "officer" not in printable.lower().split("<main", 1)[1]   # the printable page has no staff menu


def test_a_wrong_date_is_named_linked_and_put_in_the_title(app, store):
    client = app.test_client()
    sign_in(client)
    page = client.get("/staff/statistics?from=2025-02-30&to=2025-03-31").get_data(as_text=True)
    assert "<title>Error: Statistics" in page
    assert '<a href="#period-from">Enter a date with the year, like 1 April 2026.</a>' in page
    assert 'id="period-from-error"' in page and 'value="2025-02-30"' in page
    backwards = client.get("/staff/statistics?from=2025-03-31&to=2025-03-01").get_data(as_text=True)
    assert "The end of the period must be on or after its start." in backwards
