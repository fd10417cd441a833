"""Three street pots with a year of real-looking books: the municipality's grant, a street party's
collection, a shop's voucher, flowers for newcomers, a plant for someone ill, a baby present,
condolence flowers, a gangmaker paid back, a cash count that was a few coins out, and a payout
that waits for a second person. Booked through the services, so the books balance as in real life."""
from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import select

from community.accounts.models import User
from community.extensions import db
from community.neighbourhoods.models import Membership, Neighbourhood, Role
from community.pot import cash
from community.pot import services as pots
from community.pot.models import Occasion, Pot, Source
from community.recurrence import local_today

POTS = [  # neighbourhood, name, streets, gangmakers (emails), IBAN, account holder
    ("de-ruwaard", "Lief & leed Kastanjelaan", "Kastanjelaan en Beukenhof",
     ["henk@example.org", "de-ruwaard.6@example.org"], "NL91ABNA0417164300", "Stichting Buurtkracht Kastanjelaan"),
    ("de-ruwaard", "Lief & leed Ruwaardsingel", "Ruwaardsingel 1–80",
     ["de-ruwaard.7@example.org"], "", ""),
    ("selwerd", "Lief & leed Zonnelaan", "Zonnelaan en Eikenlaan",
     ["fatma@example.org", "selwerd.3@example.org"], "NL20INGB0001234567", "Bewonersvereniging Zonnelaan"),
]

# days ago, what happened: the same story in every pot, a little different in size.
GIFTS = [  # days ago, source, how, cents, giver's name (shown only when they agreed)
    (330, Source.GRANT, "transfer", 15000, "Gemeente", True),
    (250, Source.COLLECTION, "cash", 8640, "", False),      # the street party's collection tin
    (249, Source.NEIGHBOUR, "cash", 2000, "Fam. Jansen", True),
    (200, Source.VOUCHER, "voucher", 2500, "Bloemenhuis Oss", True),
    (60, Source.NEIGHBOUR, "cash", 500, "", False),
]
PAYOUTS = [  # days ago, occasion, paid from, cents, what, for whom (private)
    (300, Occasion.WELCOME, "tin", 1395, "Bos tulpen en een welkomstkaart", "De nieuwe buren op nr. 14"),
    (280, Occasion.GET_WELL, "bank", 1850, "Plant en beterschapskaart", "Mevrouw op nr. 3, na haar operatie"),
    (190, Occasion.BIRTH, "vouchers", 2250, "Rompertje en knuffel", "Baby van de familie op nr. 21"),
    (120, Occasion.MOURNING, "bank", 2400, "Rouwboeket", "Familie op nr. 9"),
    (90, Occasion.WELCOME, "pocket", 1250, "Bloemen en een kaart", "Nieuwe bewoner op nr. 30"),
    (40, Occasion.ACTIVITY, "tin", 1600, "Limonade en koek voor het straatfeest", ""),
]
WAITING = (Occasion.ANNIVERSARY, "bank", 4500, "Taart en bloemen voor het 50-jarig huwelijk", "Echtpaar op nr. 7")


def _key() -> str:
    return uuid.uuid4().hex


def _day(days_ago: int) -> date:
    return local_today() - timedelta(days=days_ago)


def _user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def _coordinator(neighbourhood: Neighbourhood) -> User:
    return db.session.scalar(select(User).join(Membership, Membership.user_id == User.id).where(
        Membership.neighbourhood_id == neighbourhood.id, Membership.role == Role.COORDINATOR.value).limit(1))


def build_pots_demo() -> None:
    for slug, name, streets, emails, iban, holder in POTS:
        neighbourhood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == slug))
        gangmakers = [user for email in emails if (user := _user(email)) is not None]
        if neighbourhood is None or not gangmakers or db.session.scalar(select(Pot.id).where(Pot.name == name)):
            continue
        pot = pots.open_pot(neighbourhood, name=name, streets=streets, gangmaker_ids=[g.id for g in gangmakers],
                            threshold_cents=2500, iban=iban, account_holder=holder, by=_coordinator(neighbourhood))
        _a_year_of_books(pot, gangmakers, share=1.0 if len(gangmakers) > 1 else 0.6)


def _a_year_of_books(pot: Pot, gangmakers: list[User], share: float) -> None:
    keeper, second = gangmakers[0], gangmakers[-1]
    for days_ago, source, how, cents, giver, named in GIFTS:
        pots.record_gift(pot, submission=_key(), source=source, method=how, amount_cents=round(cents * share),
                         occurred_on=_day(days_ago), giver_name=giver, may_show_name=named, by=keeper)
    for days_ago, occasion, paid_from, cents, what, recipient in PAYOUTS:
        payout = pots.ask_payout(pot, submission=_key(), occasion=occasion, amount_cents=round(cents * share),
                                 occurred_on=_day(days_ago), paid_from=paid_from, what=what, recipient=recipient,
                                 no_receipt_reason="Bon van de bloemist kwijt" if paid_from != "vouchers" else "Betaald met de tegoedbon",
                                 receipt_file=None, by=keeper)
        if payout.state == "waiting":
            pots.approve_payout(payout, by=second if second.id != keeper.id else _coordinator_of(pot))
        if paid_from == "pocket":
            pots.reimburse(pot, submission=_key(), gangmaker_id=keeper.id, amount_cents=payout.amount_cents,
                           paid_from="bank", occurred_on=_day(days_ago - 5), by=second)
    count = cash.count_cash(pot, submission=_key(), counted_cents=max(cash.tin_balance(pot.id, keeper.id) - 35, 0),
                            note="Twee muntjes kwijt na het straatfeest", by=keeper)
    if count.correction_id and second.id != keeper.id:
        cash.acknowledge_count(count, by=second)
    occasion, paid_from, cents, what, recipient = WAITING
    pots.ask_payout(pot, submission=_key(), occasion=occasion, amount_cents=round(cents * share),
                    occurred_on=_day(3), paid_from=paid_from, what=what, recipient=recipient,
                    no_receipt_reason="Nog niet gekocht: eerst goedkeuring", receipt_file=None, by=keeper)
    pots.nominate(pot, text="De buren op nr. 16 zijn net verhuisd, ze kennen nog niemand.", by=second)


def _coordinator_of(pot: Pot) -> User:
    return _coordinator(db.session.get(Neighbourhood, pot.neighbourhood_id))
