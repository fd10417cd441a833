"""axe-core on every page: logged out and in, Dutch and Arabic, phone and desktop."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE, log_in
from tests.browser.pages import PAGES

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
    "resultTypes": ["violations"],
}
axe = Axe()


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return "\n".join(lines)


def check_page(page, url: str) -> list[str]:
    problems = []
    results = axe.run(page, options=AXE_OPTIONS)
    if results.response["violations"]:
        problems.append(f"{url}:\n{describe(results.response['violations'])}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        culprits = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(el => { const r = el.getBoundingClientRect(); return r.right > innerWidth + 0.5 || r.left < -0.5; })
            .slice(0, 5).map(el => el.outerHTML.slice(0, 120))""")
        problems.append(f"{url}: scrolls sideways by {overflow}px: {culprits}")
    return problems


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("locale", ["nl", "ar"])
@pytest.mark.parametrize("who", list(PAGES))
def test_axe_finds_nothing(live_server, new_context, upcoming_occurrence, demo_initiatives, demo_tasks, demo_photos,
                           demo_pots, who, locale, viewport):
    page = new_context(locale=locale, viewport=viewport).new_page()
    if who != "anonymous":
        log_in(page, live_server, f"walker-{who}@example.org")
    problems = []
    for url in PAGES[who]:
        url = url.replace("AGENDA_OCCURRENCE", f"/de-ruwaard/agenda/{upcoming_occurrence.id}").replace(
            "AGENDA_SERIES", f"/de-ruwaard/agenda/series/{upcoming_occurrence.activity_id}")
        for state, initiative_id in demo_initiatives.items():
            url = url.replace(f"INITIATIVE_{state.upper()}", f"/de-ruwaard/initiatives/{initiative_id}")
        url = url.replace("INITIATIVE_ID", str(demo_initiatives["published"]))
        for name, task_id in demo_tasks.items():
            url = url.replace(f"TASK_{name.upper()}", f"/de-ruwaard/tasks/{task_id}")
        url = url.replace("PHOTO_OCCURRENCE", f"/de-ruwaard/agenda/{demo_photos['occurrence']}").replace(
            "PHOTO_SERIES", f"/de-ruwaard/agenda/series/{demo_photos['series']}").replace(
            "PHOTO_TASK", f"/de-ruwaard/tasks/{demo_photos['task']}")
        url = url.replace("POT", f"/de-ruwaard/pot/{demo_pots['Lief & leed Kastanjelaan']}")
        page.goto(live_server + url)
        assert page.locator("html").get_attribute("lang") == locale
        problems += check_page(page, url)
    assert not problems, "\n".join(problems)


def test_axe_after_opening_the_language_menu(live_server, new_context):
    page = new_context(locale="ar").new_page()
    page.goto(live_server + "/de-ruwaard/")
    page.click("details.language-switch summary")
    assert not check_page(page, "language menu open")
