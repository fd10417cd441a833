from __future__ import annotations

import pytest
from werkzeug.exceptions import abort


@pytest.fixture
def failing_app(app):
    app.config["PROPAGATE_TEST_ERRORS"] = False

    @app.route("/test-error/<int:code>")
    def raise_error(code: int):
        if code == 500:
            raise RuntimeError("boom")
        abort(code)

    return app


@pytest.mark.parametrize("code,title", [(400, "Er ging iets mis met het verzoek"), (403, "Dit mag je niet doen"),
                                        (404, "Pagina niet gevonden"), (405, "Dat kan zo niet"),
                                        (413, "Bestand te groot"), (429, "Even rustig aan"),
                                        (500, "Er ging iets mis bij ons")])
def test_error_pages_full_and_fragment(failing_app, code, title):
    client = failing_app.test_client()
    page = client.get(f"/test-error/{code}")
    assert page.status_code == code
    assert "<html" in page.text and title in page.text
    fragment = client.get(f"/test-error/{code}", headers={"HX-Request": "true"})
    assert fragment.status_code == code
    assert "<html" not in fragment.text and title in fragment.text
    assert fragment.headers["HX-Retarget"] == "#messages"


def test_error_pages_are_translated(failing_app):
    page = failing_app.test_client().get("/test-error/404", headers={"Accept-Language": "ar"})
    assert "Pagina niet gevonden" not in page.text and 'dir="rtl"' in page.text


def test_unexpected_error_does_not_leak_details(failing_app):
    page = failing_app.test_client().get("/test-error/500")
    assert "boom" not in page.text and "Traceback" not in page.text


def test_wrong_method_on_a_real_route(client):
    response = client.put("/account/login")
    assert response.status_code == 405 and "Allow" in response.headers


def test_a_busy_database_answers_503_with_a_resend_of_what_was_typed(app, client, login_as, make_user, monkeypatch):
    """Another writer holds SQLite's lock longer than the busy timeout: a friendly page, never a 500."""
    import sqlite3
    import sys

    from tests.conftest import on_postgres

    if on_postgres():
        pytest.skip("SQLite's write lock")
    monkeypatch.setattr(sys.modules["community.db"], "SQLITE_BUSY_TIMEOUT_MS", 50)
    from community.extensions import db

    db.engine.dispose()  # new connections with the short timeout
    user = make_user()
    login_as(user)
    holder = sqlite3.connect(db.engine.url.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        page = client.post("/account/profile", data={"display_name": "Fatima <de buurvrouw>", "locale": "ar"})
        fragment = client.post("/account/profile", data={"display_name": "Fatima", "locale": "ar"},
                               headers={"HX-Request": "true"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert page.status_code == 503 and page.headers["Retry-After"] == "2"
    assert "Het is even heel druk" in page.text
    assert 'value="Fatima &lt;de buurvrouw&gt;"' in page.text  # sent again with one tap, as typed (and escaped)
    assert 'action="/account/profile"' in page.text and 'name="csrf_token"' in page.text
    assert fragment.status_code == 503 and "<html" not in fragment.text and fragment.headers["HX-Retarget"] == "#messages"


def test_deadlocks_and_lock_timeouts_count_as_busy():
    from sqlalchemy.exc import OperationalError

    from community.db import is_busy_error

    class FakePostgresError(Exception):
        def __init__(self, sqlstate):
            self.sqlstate = sqlstate

    assert is_busy_error(OperationalError("UPDATE …", {}, FakePostgresError("40P01")))
    assert is_busy_error(OperationalError("UPDATE …", {}, FakePostgresError("55P03")))
    assert not is_busy_error(OperationalError("UPDATE …", {}, FakePostgresError("23505")))
    assert not is_busy_error(RuntimeError("database is locked"))


def test_the_error_page_renders_after_a_failed_statement(failing_app, login_as, make_user):
    """On PostgreSQL a failed statement poisons the transaction; the 500 page rolls back first and
    can still read who is logged in and their language."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from community.extensions import db

    @failing_app.route("/test-error/after-sql")
    def fail_after_sql():
        try:
            db.session.execute(text("SELECT * FROM no_such_table"))
        except DBAPIError:
            pass  # swallowed: the transaction is now unusable on PostgreSQL
        raise RuntimeError("boom")

    logged_in = login_as(make_user(locale="en"))
    page = logged_in.get("/test-error/after-sql")
    assert page.status_code == 500 and "<html" in page.text and 'lang="en"' in page.text
