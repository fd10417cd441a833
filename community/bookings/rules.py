"""What a feature tells the engine about its own slots: whether they can be booked now, how a
planned date becomes its row, and which email goes out when something happens."""
from __future__ import annotations

from datetime import timedelta

from community.bookings.models import Booking, Series, Slot


class BookingRules:
    """A feature subclasses this and registers it (`register_rules`) under its series' and slots'
    polymorphic identity. The defaults are the plain case: anyone may book an open, coming date;
    a freed place goes to the first who waits; nothing is mailed."""

    #: how far ahead dates are kept ready (cron moves the horizon daily)
    horizon = timedelta(days=366)

    def is_open(self, slot: Slot) -> bool:
        """May people book this date now?"""
        return not slot.is_cancelled and slot.starts_at > _now()

    # The feature's own rule errors (its DomainError subclass, with its own words).
    def closed_error(self, slot: Slot) -> Exception:
        """This date cannot be booked (any more)."""
        raise NotImplementedError

    def already_answered_error(self) -> Exception:
        raise NotImplementedError

    def no_places_error(self) -> Exception:
        raise NotImplementedError

    def already_cancelled_error(self) -> Exception:
        raise NotImplementedError

    def refuse_booking(self, slot: Slot, user_id: int) -> None:
        """Raise the feature's error when this person may not book this date (their own request)."""

    def books_as_offer(self, slot: Slot) -> bool:
        """An offer of help the asker answers, instead of a place taken at once."""
        return False

    def refuse_every_time(self, series: Series) -> None:
        """Raise the feature's error when the series cannot be booked every time."""

    def plans_dates(self, series: Series) -> bool:
        """Should new dates be made for this series (a closed task makes none)?"""
        return True

    def new_slot(self, series: Series) -> Slot:
        """An empty slot of the feature's own kind for `series` (the engine fills in the date)."""
        raise NotImplementedError

    def changed(self, neighbourhood_id: int) -> None:
        """Mark the feature's cached pages stale (community.versions)."""

    # What happened, for the email the feature sends (in the caller's transaction, before its commit).
    def booked(self, booking: Booking) -> None:
        """Someone booked (or offered help)."""

    def promoted(self, booking: Booking) -> None:
        """A freed place went to this person, who was waiting."""

    def place_given_back(self, booking: Booking) -> bool:
        """A confirmed booking was cancelled. Return True to let the first who waits have the place
        (the default), False when the feature handles it (a request's asker is told instead)."""
        return True

    def answered(self, booking: Booking, accepted: bool) -> None:
        """The asker said yes or no to an offer."""

    def slot_cancelled(self, booking: Booking, reason: str) -> None:
        """The date this person booked is cancelled."""

    def reminder(self, booking: Booking) -> bool:
        """The day before: queue a reminder and return True, or return False (no reminders)."""
        return False


_RULES: dict[str, BookingRules] = {}


def register_rules(feature: str, rules: BookingRules) -> None:
    _RULES[feature] = rules


def rules_for(item: Series | Slot) -> BookingRules:
    return _RULES[item.feature]


def all_rules() -> dict[str, BookingRules]:
    return dict(_RULES)


def _now():
    from community.db import utcnow

    return utcnow()
