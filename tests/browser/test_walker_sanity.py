"""The walker itself must be able to fail: a page with known faults gives violations."""
from __future__ import annotations

from tests.browser.test_accessibility import check_page


def test_the_walker_reports_a_known_violation(live_server, new_context):
    page = new_context().new_page()
    page.goto(live_server + "/account/login")
    page.evaluate("""() => {
        document.querySelector('label[for=email]').remove();
        const wide = document.createElement('div'); wide.textContent = 'x';
        wide.setAttribute('class', 'card'); document.querySelector('main').append(wide);
        wide.animate([{inlineSize: '2000px'}, {inlineSize: '2000px'}], {duration: 100000, fill: 'forwards'});
        wide.style.setProperty('inline-size', '2000px');
    }""")
    problems = "\n".join(check_page(page, "broken login"))
    assert "label" in problems
    assert "scrolls sideways" in problems
