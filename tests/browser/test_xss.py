"""User text is escaped everywhere: payloads in every field of an initiative never run."""
from __future__ import annotations

from sqlalchemy import select

from community.accounts.models import User
from community.extensions import db
from community.initiatives import services as initiatives
from community.neighbourhoods.models import Neighbourhood
from tests.browser.conftest import log_in

PAYLOADS = ['<script>window.__xss = 1</script>', '<img src=x onerror="window.__xss = 2">',
            '"><svg onload="window.__xss = 3">', "javascript:window.__xss=4"]


def test_payloads_in_every_field_do_not_run(live_app, live_server, new_context):
    payload = " ".join(PAYLOADS)
    with live_app.test_request_context():
        neighbourhood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "de-ruwaard"))
        proposer = db.session.scalar(select(User).where(User.email == "walker-resident@example.org"))
        coordinator = db.session.scalar(select(User).where(User.email == "walker-coordinator@example.org"))
        proposer.display_name = payload[:60]
        initiative = initiatives.start_draft(neighbourhood, proposer, initiatives.Proposal(payload[:120], payload, payload))
        initiatives.add_need(initiative, "hands", payload[:200], 2, None)
        initiatives.transition(initiative, "submit", proposer)
        initiatives.transition(initiative, "publish", coordinator)
        initiatives.join(initiative, coordinator.id, initiative.needs[0].id, payload[:300])
        initiatives.post(initiative, proposer, payload, is_update=True)
        initiatives.post(initiative, coordinator, payload, is_update=False)
        initiative_id = initiative.id
        proposer.display_name = "Walker resident"
        db.session.commit()

    page = new_context().new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, live_server, "walker-resident@example.org")
    for url in (f"/de-ruwaard/initiatives/{initiative_id}", "/de-ruwaard/initiatives/", "/de-ruwaard/initiatives/?sort=supported"):
        page.goto(live_server + url)
        assert page.evaluate("window.__xss") is None, url
        assert "<script>window.__xss" not in page.content().split("<main")[1].replace("&lt;script&gt;", "")
    assert dialogs == []


def test_map_tooltips_and_attribution_show_text_not_html(live_app, live_server, new_context):
    """With map tiles configured, Leaflet draws tooltips and the attribution: they get text only.
    (Selwerd: De Ruwaard has a plan of its own, which comes before tiles.)"""
    from community.talents.models import Asset

    with live_app.app_context():
        neighbourhood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "selwerd"))
        db.session.add(Asset(neighbourhood_id=neighbourhood.id, kind="place", name=PAYLOADS[1][:120],
                             latitude=51.765, longitude=5.53))
        db.session.commit()
    live_app.config.update(MAP_TILE_URL=live_server + "/static/tiles/{z}/{x}/{y}.png",
                           MAP_TILE_ATTRIBUTION='<img src=x onerror="window.__xss = 5"> Kaart')
    try:
        page = new_context(viewport={"width": 1280, "height": 800}).new_page()
        page.goto(live_server + "/selwerd/talents/map")
        page.wait_for_selector(".leaflet-interactive")
        markers = page.locator("path.leaflet-interactive")
        texts = []
        for index in range(markers.count()):
            box = markers.nth(index).bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.wait_for_timeout(100)
            texts += page.locator(".leaflet-tooltip").all_inner_texts()
        assert any("<img" in text for text in texts), texts
        assert "onerror" in page.locator(".leaflet-control-attribution").inner_text()
        page.wait_for_timeout(200)
        assert page.evaluate("window.__xss") is None
    finally:
        live_app.config.update(MAP_TILE_URL="", MAP_TILE_ATTRIBUTION="")
