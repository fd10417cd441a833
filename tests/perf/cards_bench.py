"""What a print run and the card gate cost: an edition of 200 cards with photos, on a temporary SQLite file.

    .venv/bin/python -m tests.perf.cards_bench

Prints the time of visible_cards for each use, of the print sheets page's data, and of the PDF (with its
size) for one album page and for the whole edition. It prints figures; it asserts nothing."""
from __future__ import annotations

import io
import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image
from werkzeug.datastructures import FileStorage

CARDS = 200


def _timed(function, repeat: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, result


def main() -> None:
    from community import create_app
    from community.accounts.models import User
    from community.cards import editions, making, printing, reviewing
    from community.cards.models import Scope
    from community.cards.visibility import visible_cards
    from community.config import TestConfig
    from community.extensions import db
    from community.images import services as images
    from community.images.services import image_path
    from community.neighbourhoods.models import Membership, Neighbourhood

    with tempfile.TemporaryDirectory() as folder:
        settings = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
        app = create_app(settings | {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
                                     "UPLOAD_FOLDER": str(Path(folder) / "uploads")})
        with app.app_context(), app.test_request_context():
            db.create_all()
            place = Neighbourhood(name="Bank", slug="bank", city="Oss")
            db.session.add(place)
            db.session.flush()
            person = User(email="b@example.org", display_name="B", password_hash="x", is_email_confirmed=True)
            person.memberships.append(Membership(neighbourhood_id=place.id, role="coordinator"))
            db.session.add(person)
            db.session.commit()
            edition = editions.start_edition(place, editions.EditionDetails("Bank", CARDS), by=person)
            pages = [editions.add_category(edition, editions.CategoryDetails(f"Mensen die {n}")) for n in range(8)]
            started = time.perf_counter()
            for number in range(CARDS):
                buffer = io.BytesIO()
                Image.new("RGB", (360, 480), (number % 255, 120, 80)).save(buffer, "PNG")
                buffer.seek(0)
                photo = images.save_uploaded_image(FileStorage(buffer, filename="f.png"), owner_id=person.id,
                                                   neighbourhood_id=place.id, private=True)
                card = making.volunteer_card(edition, making.CardDetails(pages[number % 8].id, f"Buur {number}", "Zingt"),
                                             maker=person, scopes=["print", "album", "kiosk"], locale="nl", photo=photo)
                reviewing.decide(card, "publish", person)
            print(f"made {CARDS} cards with photos in {time.perf_counter() - started:.1f} s")
            for scope in Scope:
                ms, found = _timed(lambda: visible_cards(db.session, edition, scope))
                print(f"visible_cards({scope.value}): {len(found)} cards, median {ms:.1f} ms")
            for label, page_id in (("one album page", pages[0].id), ("whole edition", None)):
                cards = printing.cards_to_print(edition, page_id)
                sheets = printing.sheets_of(cards)
                ms, pdf = _timed(lambda: printing.pdf_of(
                    edition, sheets, category_title=lambda c: c.category.title, code_url=lambda c: f"https://x/{c.code}",
                    photo_path=lambda c: image_path(c.photo, "small")), repeat=3)
                print(f"PDF, {label}: {len(cards)} cards on {len(sheets)} sheets ({2 * len(sheets)} pages), "
                      f"{len(pdf) / 1024:.0f} KiB, median {ms:.0f} ms")
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
