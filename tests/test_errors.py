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
