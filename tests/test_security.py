from __future__ import annotations

import pytest

from community import create_app
from community.config import InsecureConfiguration


def test_every_page_has_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "object-src 'none'" in csp and "base-uri 'none'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "HX-Request" in response.headers["Vary"]
    assert "Strict-Transport-Security" not in response.headers  # only in production


def test_pages_have_no_inline_scripts_or_styles(client):
    html = client.get("/account/signup").text
    assert "<script>" not in html and " style=" not in html and "<style" not in html
    assert 'src="/static/js/htmx-2.0.11.min.js?v=' in html  # vendored, never a CDN
    assert "https://" not in html.split("<body")[0]


def test_htmx_is_configured_for_a_strict_policy(client):
    html = client.get("/").text
    assert '"allowEval":false' in html and '"includeIndicatorStyles":false' in html and '"selfRequestsOnly":true' in html


def test_static_files_are_cached_for_a_year_by_content_hash(client):
    html = client.get("/").text
    import re

    url = re.search(r'href="(/static/css/app\.css\?v=[0-9a-f]+)"', html).group(1)
    with client.get(url) as response:
        assert response.status_code == 200
        assert "max-age=31536000" in response.headers["Cache-Control"] and "immutable" in response.headers["Cache-Control"]
        assert response.headers.get("ETag")


def test_session_cookie_flags(client, make_user, make_neighbourhood):
    from tests.conftest import PASSWORD

    user = make_user(neighbourhood=make_neighbourhood())
    response = client.post("/account/login", data={"email": user.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_refuses_a_default_secret_key(monkeypatch):
    monkeypatch.setenv("BUURTKRACHT_ENV", "production")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///:memory:")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(InsecureConfiguration):
        create_app({"SECRET_KEY": "dev-only-not-secret"})
    with pytest.raises(InsecureConfiguration):
        create_app({"SECRET_KEY": "short"})


def test_production_starts_with_the_base_url_from_its_environment(monkeypatch):
    """Settings are read from the environment when the module loads: a BASE_URL given there is the
    site's own and must not be taken for the development default."""
    from community import config

    monkeypatch.setenv("BUURTKRACHT_ENV", "production")
    monkeypatch.setattr(config.Config, "BASE_URL", "https://buurt.example")  # as read from BASE_URL at import
    settings = {"SECRET_KEY": "s" * 40, "SQLALCHEMY_DATABASE_URI": "sqlite:///:memory:", "RATELIMIT_MEMORY_OK": True}
    assert create_app(settings).config["BASE_URL"] == "https://buurt.example"
    monkeypatch.setattr(config.Config, "BASE_URL", config.DEFAULT_BASE_URL)
    with pytest.raises(InsecureConfiguration):
        create_app(settings)


def test_production_sets_secure_cookies_and_hsts(monkeypatch):
    monkeypatch.setenv("BUURTKRACHT_ENV", "production")
    app = create_app({"SECRET_KEY": "x" * 40, "SQLALCHEMY_DATABASE_URI": "sqlite:///:memory:",
                      "BASE_URL": "https://buurt.example", "RATELIMIT_MEMORY_OK": True})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    with app.app_context():
        from community.extensions import db

        db.create_all()
        response = app.test_client().get("/robots.txt", base_url="https://buurt.example")
    assert "max-age" in response.headers["Strict-Transport-Security"]


def test_oversized_upload_gets_a_friendly_413(client):
    response = client.post("/account/login", data={"email": "a@example.org", "password": "x" * (11 * 1024 * 1024)})
    assert response.status_code == 413 and "Bestand te groot" in response.text


def test_no_get_changes_state(client, login_as, make_user):
    login_as(make_user())
    assert client.get("/account/logout").status_code == 405
    assert client.get("/account/profile").status_code == 200  # still logged in
