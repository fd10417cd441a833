"""A live server with demo data and a real Chromium (Debian's, driven by Playwright)."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from community import create_app
from community.accounts.models import User
from community.accounts.services import hash_password
from community.config import TestConfig
from community.db import utcnow
from community.demo import build_demo_data
from community.extensions import db
from community.neighbourhoods.models import Membership, Neighbourhood, Role
from tests.conftest import _config_dict

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "screenshots"  # kept out of git; open them to look
WALKER_PASSWORD = "een lange zin voor de browser"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    database = folder / "browser.sqlite3"
    settings = {**_config_dict(TestConfig), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
                "UPLOAD_FOLDER": str(folder / "uploads"),
                "SERVER_NAME": None, "WTF_CSRF_ENABLED": True}
    app = create_app(settings)
    with app.app_context():
        db.create_all()
        build_demo_data(residents_per_neighbourhood=5)
        _make_walkers()
    return app


def _make_walkers() -> None:
    """People for the walker, with no saved language so the browser's language decides."""
    ruwaard = db.session.query(Neighbourhood).filter_by(slug="de-ruwaard").one()
    password_hash = hash_password(WALKER_PASSWORD)
    for who, role, is_admin in (("resident", None, False), ("coordinator", Role.COORDINATOR, False),
                                ("admin", None, True)):
        user = User(email=f"walker-{who}@example.org", display_name=f"Walker {who}", password_hash=password_hash,
                    locale=None, is_admin=is_admin, is_email_confirmed=True)
        user.memberships.append(Membership(neighbourhood_id=ruwaard.id, role=Role.RESIDENT.value, confirmed_at=utcnow()))
        if role:
            user.memberships.append(Membership(neighbourhood_id=ruwaard.id, role=role.value, confirmed_at=utcnow()))
        db.session.add(user)
    db.session.commit()


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    address = f"http://127.0.0.1:{server.server_port}"
    live_app.config["BASE_URL"] = address  # links in email lead back to this server
    yield address
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"Chromium not found at {CHROMIUM}: install it with 'apt-get install chromium'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser):
    contexts = []

    def make(*, locale: str = "nl", viewport: dict = PHONE, javascript: bool = True):
        context = browser.new_context(locale=locale, viewport=viewport, java_script_enabled=javascript,
                                      extra_http_headers={"Accept-Language": locale})
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def log_in(page, base_url: str, email: str, password: str = WALKER_PASSWORD) -> None:
    page.goto(f"{base_url}/account/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "/account/login" not in page.url, f"login failed for {email}"


def wait_for_announcement(page) -> str:
    """Wait until the live region says something. (A polled string predicate would be run with
    eval inside the page, which the Content-Security-Policy rightly refuses.)"""
    from playwright.sync_api import expect

    expect(page.locator("#live")).not_to_be_empty()
    return page.locator("#live").inner_text()


def screenshot(page, name: str) -> Path:
    """A full-page screenshot to look at. Chromium now and then answers a capture on a busy machine
    with "Unable to capture screenshot"; a picture is worth a second try, not a failed test."""
    from playwright.sync_api import Error

    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    for attempt in range(3):
        try:
            page.screenshot(path=str(path), full_page=True)
            return path
        except Error as error:
            if "Unable to capture screenshot" not in str(error) or attempt == 2:
                raise
            page.wait_for_timeout(500)
    return path


@pytest.fixture(scope="session")
def upcoming_occurrence(live_app):
    """A coming date with a sign-up and a waitlist, for the pages that show one."""
    from sqlalchemy import select

    from community.agenda.models import Activity, Occurrence
    from community.db import utcnow

    with live_app.app_context():
        occurrence = db.session.scalar(
            select(Occurrence).join(Activity).where(Activity.title == "Computerhulp", Occurrence.starts_at > utcnow())
            .order_by(Occurrence.starts_at).limit(1))
        db.session.expunge(occurrence)
        return occurrence


@pytest.fixture(scope="session")
def demo_initiatives(live_app):
    """One demo initiative per state: {"published": id, "done": id, "submitted": id, ...}."""
    from sqlalchemy import select

    from community.initiatives.models import Initiative

    with live_app.app_context():
        rows = db.session.execute(select(Initiative.state, Initiative.id).order_by(Initiative.id)).all()
    found: dict[str, int] = {}
    for state, initiative_id in rows:
        found.setdefault(state, initiative_id)
    return found


@pytest.fixture(scope="session")
def demo_tasks(live_app):
    """Demo tasks: a weekly shift, a resident's request with an offer, one with dates done."""
    from sqlalchemy import select

    from community.volunteering.models import Task

    titles = {"shift": "Bardienst in De Haard", "request": "Wie helpt mij met mijn nieuwe telefoon?",
              "done": "Koffieronde bij ouderen"}
    with live_app.app_context():
        return {name: db.session.scalar(select(Task.id).where(Task.title == title)) for name, title in titles.items()}


@pytest.fixture(scope="session")
def demo_photos(live_app):
    """Demo pages with a photo: a coming date of the coffee morning (its series), and the clean-up day."""
    from sqlalchemy import select

    from community.agenda.models import Activity, Occurrence
    from community.db import utcnow
    from community.volunteering.models import Task

    with live_app.app_context():
        occurrence_id, activity_id = db.session.execute(
            select(Occurrence.id, Occurrence.activity_id).join(Activity)
            .where(Activity.title == "Koffie-ochtend", Activity.photo_id.is_not(None), Occurrence.starts_at > utcnow())
            .order_by(Occurrence.starts_at).limit(1)).one()
        task_id = db.session.scalar(select(Task.id).where(Task.title == "Opruimdag Ruwaardpark",
                                                          Task.photo_id.is_not(None)))
    return {"occurrence": occurrence_id, "series": activity_id, "task": task_id}


@pytest.fixture(scope="session")
def demo_pots(live_app):
    """The demo's pots by name: {"Lief & leed Kastanjelaan": id, …}."""
    from sqlalchemy import select

    from community.pot.models import Pot

    with live_app.app_context():
        return dict(db.session.execute(select(Pot.name, Pot.id)).all())
