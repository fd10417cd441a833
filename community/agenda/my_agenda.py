"""'Mijn agenda': a person's coming dates, with a series they come to every time folded into one
card (its rhythm, its next date, all its dates to skip one) instead of a card per date."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import format_date, gettext as _
from sqlalchemy import select

from community import recurrence
from community.agenda import services as agenda
from community.bookings.models import Booking, StandingBooking
from community.extensions import db

_WEEKDAY_DATE = "EEE d MMM"
_WEEKDAY_DATE_YEAR = "EEE d MMM y"


def short_date(moment, today=None) -> str:
    """'vr 4 dec', or 'vr 4 dec 2027' when it is not this year."""
    today = today or recurrence.local_today()
    local = recurrence.to_local(moment)
    return format_date(local.date(), _WEEKDAY_DATE if local.year == today.year else _WEEKDAY_DATE_YEAR)


def rhythm(activity) -> str:
    """'Elke vrijdag', 'Om de week op dinsdag', 'Elke laatste vrijdag van de maand'."""
    day = format_date(activity.first_date, "EEEE")
    pattern = recurrence.pattern_of(activity.rrule)
    phrases = {
        "weekly": lambda: _("Elke %(weekday)s", weekday=day),
        "biweekly": lambda: _("Om de week op %(weekday)s", weekday=day),
        "monthly_1": lambda: _("Elke eerste %(weekday)s van de maand", weekday=day),
        "monthly_2": lambda: _("Elke tweede %(weekday)s van de maand", weekday=day),
        "monthly_3": lambda: _("Elke derde %(weekday)s van de maand", weekday=day),
        "monthly_4": lambda: _("Elke vierde %(weekday)s van de maand", weekday=day),
        "monthly_last": lambda: _("Elke laatste %(weekday)s van de maand", weekday=day),
    }
    return phrases[pattern]() if pattern in phrases else ""


@dataclass
class SeriesCard:
    """A series someone comes to every time: its dates, the next one first."""

    activity: object
    sign_ups: list[Booking] = field(default_factory=list)

    @property
    def next(self) -> Booking:
        return self.sign_ups[0]

    @property
    def rhythm(self) -> str:
        return rhythm(self.activity)


@dataclass
class MyAgenda:
    items: list = field(default_factory=list)  # Booking (one date) or SeriesCard, by next date

    @property
    def is_empty(self) -> bool:
        return not self.items


def my_agenda(user_id: int) -> MyAgenda:
    standing = set(db.session.scalars(select(StandingBooking.series_id).where(StandingBooking.user_id == user_id)))
    items, cards = [], {}
    for sign_up in agenda.my_coming_sign_ups(user_id):
        activity_id = sign_up.slot.activity_id
        if activity_id not in standing:
            items.append(sign_up)
            continue
        if activity_id not in cards:
            cards[activity_id] = SeriesCard(sign_up.slot.activity)
            items.append(cards[activity_id])
        cards[activity_id].sign_ups.append(sign_up)
    return MyAgenda(items)
