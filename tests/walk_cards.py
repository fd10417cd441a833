"""The route walk's Buurtplaatjes: per neighbourhood an edition with two album pages, a swap afternoon, and
cards in every state, made by the neighbourhood's member. What may not be shown is a marker: the name and
photo address of a card whose consent was revoked or that was declined are for its maker only (and a
coordinator's reason also for the coordinators, whose audit log shows it)."""
from __future__ import annotations

from tests.walk_world import COORDINATORS, EVERYONE, NOBODY, RESIDENTS

ALL_USES = ["print", "album", "kiosk", "card_of_the_day"]


def add_cards(built, label: str, neighbourhood, coordinator, maker) -> None:
    from werkzeug.datastructures import FileStorage

    from community.cards import editions, making, reviewing
    from community.images import services as images
    from tests.walk_world import tiny_png

    edition = editions.start_edition(neighbourhood, editions.EditionDetails(f"Plaatjes {label}", 40), by=coordinator)
    first = editions.add_category(edition, editions.CategoryDetails(f"Mensen die zingen {label}"))
    editions.add_category(edition, editions.CategoryDetails(f"Mensen die dansen {label}"))
    from community.agenda.models import Activity
    from community.extensions import db

    activity = db.session.query(Activity).filter_by(neighbourhood_id=neighbourhood.id).first()
    event = editions.link_activity(edition, activity.id, "swap_afternoon")

    def card(name: str, uses: list[str], then: str = "publish", reason: str = ""):
        photo = images.save_uploaded_image(FileStorage(stream=tiny_png(), filename="foto.png"), owner_id=maker.id,
                                           neighbourhood_id=neighbourhood.id, private=True)
        made = making.volunteer_card(edition, making.CardDetails(first.id, name, "Zingt onder de douche"),
                                     maker=maker, scopes=uses, locale="nl", photo=photo)
        if then in ("publish", "revoke", "withdraw"):
            reviewing.decide(made, "publish", coordinator)
        if then == "revoke":
            for use in uses:
                making.revoke_consent(made, use, by=maker)
        elif then == "withdraw":
            making.withdraw_card(made, by=maker)
        elif then in ("decline", "request_changes"):
            reviewing.decide(made, then, coordinator, reason)
        return made

    keepers = frozenset({"member"}) | COORDINATORS     # its maker; coordinators while it is in the edition
    maker_only = frozenset({"member"})
    for_the_maker = {"decline": maker_only | COORDINATORS, "request_changes": maker_only | COORDINATORS}
    made = {
        "public": (card(f"Fatma {label}", ALL_USES), EVERYONE),
        "print only": (card(built.marker("print card name", label, keepers), ["print"]), keepers),
        "submitted": (card(built.marker("waiting card name", label, keepers), ALL_USES, "wait"), keepers),
        "revoked": (card(built.marker("revoked card name", label, maker_only), ALL_USES,
                         "revoke"), maker_only),
        "withdrawn": (card(built.marker("withdrawn card name", label, maker_only), ALL_USES, "withdraw"),
                      maker_only),
        "declined": (card(built.marker("declined card name", label, maker_only), ALL_USES, "decline",
                          built.marker("reason a card was declined", label, for_the_maker["decline"])), maker_only),
        "changes requested": (card(built.marker("changing card name", label, keepers), ALL_USES,
                                   "request_changes",
                                   built.marker("change asked of a card", label, for_the_maker["request_changes"])),
                              keepers),
    }
    slug = neighbourhood.slug
    built.thing(f"cards edition {label}", label, "edition_id",
                {"slug": slug, "edition_id": edition.id, "event_id": event.id}, makers=RESIDENTS | {"admin"})
    built.thing(f"album page {label}", label, "category_id",
                {"slug": slug, "category_id": first.id, "direction": "down"})
    for state, (item, viewers) in made.items():
        out = state in ("declined", "withdrawn", "revoked")  # every consent revoked: withdrawn
        public_photo = state == "public"
        # Its photo is as private as its name (the public card's is public).
        photo_viewers = EVERYONE if public_photo else (maker_only if state in ("revoked", "declined", "withdrawn")
                                                       else keepers)
        # (Its photo's address is not a marker: a refused request echoes its own URL back, in the login link.
        # tests/cards/test_no_trace.py looks for it in every page instead.)
        built.thing(f"{state} card {label}", label, "card_id",
                    {"slug": slug, "card_id": item.id, "key": item.photo.key, "size": "small", "scope": "album"},
                    viewers=viewers, photo_viewers=photo_viewers, owners=maker_only,
                    changers=maker_only if state == "changes requested" else NOBODY,
                    reviewers=NOBODY if out else COORDINATORS)
        built.thing(f"code of the {state} card {label}", label, "card_code", {"slug": slug, "card_code": item.code},
                    viewers=viewers)
    built.thing(f"short link of a card {label}", label, "short", {"short": f"c{made['public'][0].id}"},
                endpoints={"kiosk.short_link", "kiosk.short_link_qr"})

