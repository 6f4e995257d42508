"""Managers change a colleague's role and let a colleague who is waiting after wrong passwords sign in
again, from the Accounts page; each is in the audit log. The last manager cannot be made an officer."""
from bot.drafts.accounts import StaffAccounts
from bot.drafts.review import Review
from tests.web.conftest import csrf, sign_in


def manager(app):
    client = app.test_client()
    sign_in(client, "manager@barnet.gov.uk")
    return client


def account_id(store, email):
    return next(a.id for a in StaffAccounts(store).list() if a.email == email)


def test_a_manager_makes_an_officer_a_manager_and_back(app, store):
    client = manager(app)
    page = client.get("/staff/accounts").get_data(as_text=True)
    officer = account_id(store, "officer@barnet.gov.uk")
    response = client.post(f"/staff/accounts/{officer}/role", data={"role": "manager", "csrf_token": csrf(page)},
                           follow_redirects=True)
    assert "Olu Officer is now a manager." in response.get_data(as_text=True)
    promoted = app.test_client()
    sign_in(promoted)
    assert promoted.get("/staff/audit").status_code == 200          # managers' pages open at once
    client.post(f"/staff/accounts/{officer}/role", data={"role": "officer", "csrf_token": csrf(page)})
    assert promoted.get("/staff/audit").status_code == 403
    actions = [(e["action"], e["detail"]) for e in Review(store).audit(limit=50)]
    assert ("role changed", "officer@barnet.gov.uk: officer -> manager") in actions


def test_the_only_manager_stays_one_and_officers_cannot_change_roles(app, store):
    StaffAccounts(store).add("second@barnet.gov.uk", "Sol Second", "officer", "correct horse battery staple")
    client = manager(app)
    page = client.get("/staff/accounts").get_data(as_text=True)
    assert 'id="role-' + str(account_id(store, "manager@barnet.gov.uk")) + '"' not in page   # not your own
    # as the only manager, made an officer by another manager who then leaves: refused
    StaffAccounts(store).set_role("second@barnet.gov.uk", "manager", by="test")
    StaffAccounts(store).disable("second@barnet.gov.uk", by="test")
    other = app.test_client()
    sign_in(other)
    refused = other.post(f"/staff/accounts/{account_id(store, 'manager@barnet.gov.uk')}/role",
                         data={"role": "officer", "csrf_token": csrf(other.get("/staff/").get_data(as_text=True))})
    assert refused.status_code == 403
    try:
        StaffAccounts(store).set_role("manager@barnet.gov.uk", "officer", by="test")
        raise AssertionError("the last manager was made an officer")
    except ValueError as problem:
        assert "only manager" in str(problem)


def test_a_manager_lets_someone_waiting_after_wrong_passwords_sign_in_now(app, store):
    locked_out = app.test_client()
    for _ in range(5):
        sign_in(locked_out, "officer@barnet.gov.uk", "wrong password here", address="198.51.100.7")
    held = sign_in(locked_out, address="198.51.100.7")
    assert held.status_code == 401 and "Wait" in held.get_data(as_text=True)
    client = manager(app)
    page = client.get("/staff/accounts").get_data(as_text=True)
    row = page.split(f'id="account-{account_id(store, "officer@barnet.gov.uk")}"', 1)[1].split("</tr>", 1)[0]
    assert "Waiting after wrong passwords" in row
    response = client.post(f"/staff/accounts/{account_id(store, 'officer@barnet.gov.uk')}/unlock",
                           data={"csrf_token": csrf(page)}, follow_redirects=True)
    assert "Olu Officer can sign in again now." in response.get_data(as_text=True)
    assert sign_in(locked_out, address="198.51.100.7").status_code == 302
    assert any(e["action"] == "sign-in wait ended" for e in Review(store).audit(limit=50))
