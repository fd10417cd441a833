"""The built-in figures: the agenda, volunteering, initiatives, talents and the lief-en-leedpot.
Each counter is one GROUP BY query over the period edges (see figures.py). A date counts once it
has ended; someone marked absent is not counted; what is hidden or cancelled is left out."""
from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import aliased

from community import recurrence
from community.agenda.models import Occurrence
from community.bookings.models import Booking, Presence, Status
from community.extensions import db
from community.initiatives.models import Initiative, State
from community.numbers.figures import period_of, day_period_of, register_figure
from community.pot.models import OCCASION_LABELS, Occasion, PayoutState, Pot, PotPayout, PotTransaction
from community.talents.models import TalentProfile, Visibility
from community.volunteering.models import Origin, Shift, Task

_came = (Booking.status == Status.CONFIRMED.value,
         or_(Booking.presence.is_(None), Booking.presence != Presence.ABSENT.value))


def _rows(query, keys: Sequence[str]) -> dict[tuple[str, int, int], int]:
    """(neighbourhood, period, value…) rows as {(key, neighbourhood, period): value}."""
    found = {}
    for neighbourhood_id, period, *values in db.session.execute(query):
        for key, value in zip(keys, values):
            found[(key, neighbourhood_id, int(period))] = int(value or 0)
    return found


def _held(ids, edges, now):
    return (Occurrence.neighbourhood_id.in_(ids), Occurrence.starts_at >= edges[0], Occurrence.starts_at < edges[-1],
            Occurrence.ends_at <= now, Occurrence.is_cancelled.is_(False))


def count_activities(ids, edges, now):
    """Dates held (not cancelled, ended) and the visits to them (sign-ups that came)."""
    period = period_of(Occurrence.starts_at, edges).label("period")
    query = (select(Occurrence.neighbourhood_id, period, func.count(func.distinct(Occurrence.id)), func.count(Booking.id))
             .select_from(Occurrence).outerjoin(Booking, and_(Booking.slot_id == Occurrence.id, *_came))
             .where(*_held(ids, edges, now)).group_by(Occurrence.neighbourhood_id, period))
    return _rows(query, ("activities", "visits"))


def count_participants(ids, edges, now):
    """Different people who came to an activity."""
    period = period_of(Occurrence.starts_at, edges).label("period")
    query = (select(Occurrence.neighbourhood_id, period, func.count(func.distinct(Booking.user_id)))
             .select_from(Booking).join(Occurrence, Occurrence.id == Booking.slot_id)
             .where(*_held(ids, edges, now), *_came).group_by(Occurrence.neighbourhood_id, period))
    return _rows(query, ("participants",))


def count_volunteering(ids, edges, now):
    """Different volunteers and the minutes they gave on dates that ended, and the neighbours' own
    requests for help that got a helper."""
    period = period_of(Shift.starts_at, edges).label("period")
    answered = func.count(func.distinct(case((Task.origin == Origin.REQUEST.value, Task.id))))
    query = (select(Shift.neighbourhood_id, period, func.count(func.distinct(Booking.user_id)),
                    func.coalesce(func.sum(Task.duration_minutes), 0), answered)
             .select_from(Booking).join(Shift, Shift.id == Booking.slot_id).join(Task, Task.id == Shift.task_id)
             .where(Shift.neighbourhood_id.in_(ids), Shift.starts_at >= edges[0], Shift.starts_at < edges[-1],
                    Shift.ends_at <= now, Shift.is_cancelled.is_(False), *_came)
             .group_by(Shift.neighbourhood_id, period))
    return _rows(query, ("volunteers", "volunteer_minutes", "help_answered"))


def count_initiatives(ids, edges, now):
    """Proposed (sent to the buurtregisseur), published and done, by the month each happened; hidden
    initiatives are left out."""
    found = {}
    visible = (Initiative.neighbourhood_id.in_(ids), Initiative.is_hidden.is_(False))
    public = Initiative.state.in_((State.PUBLISHED.value, State.DONE.value, State.STOPPED.value))
    for key, column, extra in (("initiatives_proposed", Initiative.submitted_at, ()),
                               ("initiatives_published", Initiative.published_at, (public,)),
                               ("initiatives_done", Initiative.finished_at, (Initiative.state == State.DONE.value,))):
        period = period_of(column, edges).label("period")
        found.update(_rows(select(Initiative.neighbourhood_id, period, func.count(Initiative.id))
                           .where(*visible, *extra, column >= edges[0], column < edges[-1])
                           .group_by(Initiative.neighbourhood_id, period), (key,)))
    return found


def count_talents(ids, edges, now):
    """Neighbours who offered talents (a profile with at least one, not hidden), by when they made it."""
    period = period_of(TalentProfile.created_at, edges).label("period")
    query = (select(TalentProfile.neighbourhood_id, period, func.count(TalentProfile.id))
             .where(TalentProfile.neighbourhood_id.in_(ids), TalentProfile.visibility != Visibility.HIDDEN.value,
                    TalentProfile.skills != "", TalentProfile.created_at >= edges[0], TalentProfile.created_at < edges[-1])
             .group_by(TalentProfile.neighbourhood_id, period))
    return _rows(query, ("talents_offered",))


def count_pot_gifts(ids, edges, now):
    """Gifts from the street pots per kind: how many and how much, never for whom. A payout that was
    reversed does not count."""
    days = [recurrence.to_local(edge).date() for edge in edges]
    period = day_period_of(PotPayout.occurred_on, days).label("period")
    reversal = aliased(PotTransaction)
    query = (select(Pot.neighbourhood_id, period, PotPayout.occasion, func.count(PotPayout.id),
                    func.coalesce(func.sum(PotPayout.amount_cents), 0))
             .select_from(PotPayout).join(Pot, Pot.id == PotPayout.pot_id)
             .where(Pot.neighbourhood_id.in_(ids), PotPayout.state == PayoutState.BOOKED.value,
                    PotPayout.occurred_on >= days[0], PotPayout.occurred_on < days[-1],
                    ~select(reversal.id).where(reversal.reverses_id == PotPayout.transaction_id).exists())
             .group_by(Pot.neighbourhood_id, period, PotPayout.occasion))
    found: dict[tuple[str, int, int], int] = {}
    for neighbourhood_id, number, occasion, gifts, cents in db.session.execute(query):
        for key, value in ((f"pot_gifts_{occasion}", gifts), (f"pot_cents_{occasion}", cents),
                           ("pot_gifts", gifts), ("pot_cents", cents)):
            place = (key, neighbourhood_id, int(number))
            found[place] = found.get(place, 0) + int(value)
    return found


def _register() -> None:
    register_figure("activities", _l("Activiteiten gehouden"), count_activities, section="agenda", personal=False)
    register_figure("visits", _l("Bezoeken (aanmeldingen die kwamen)"), count_activities, section="agenda")
    register_figure("participants", _l("Verschillende deelnemers"), count_participants, section="agenda",
                    distinct=True)
    register_figure("volunteers", _l("Vrijwilligers"), count_volunteering, section="volunteering", distinct=True)
    register_figure("volunteer_minutes", _l("Uren vrijwilligerswerk"), count_volunteering, section="volunteering",
                    unit="minutes", suppress_with="volunteers")
    register_figure("help_answered", _l("Hulpvragen van buren beantwoord"), count_volunteering,
                    section="volunteering", distinct=True)
    register_figure("initiatives_proposed", _l("Initiatieven voorgesteld"), count_initiatives, section="initiatives")
    register_figure("initiatives_published", _l("Initiatieven gepubliceerd"), count_initiatives,
                    section="initiatives", personal=False)
    register_figure("initiatives_done", _l("Initiatieven gelukt"), count_initiatives, section="initiatives",
                    personal=False)
    register_figure("talents_offered", _l("Buren die een talent aanbieden"), count_talents, section="talents")
    register_figure("pot_gifts", _l("Attenties uit de lief-en-leedpot"), count_pot_gifts, section="pot")
    register_figure("pot_cents", _l("Uitgegeven aan attenties"), count_pot_gifts, section="pot", unit="cents",
                    suppress_with="pot_gifts", charted=False)
    for occasion in Occasion:
        register_figure(f"pot_gifts_{occasion.value}", OCCASION_LABELS[occasion], count_pot_gifts, section="pot",
                        charted=False)
        register_figure(f"pot_cents_{occasion.value}", OCCASION_LABELS[occasion], count_pot_gifts, section="pot",
                        unit="cents", suppress_with=f"pot_gifts_{occasion.value}", charted=False)


_register()


def count_wellbeing(ids, edges, now):
    """'Hoe was het?': how many answered, and the sum of their faces (1 to 3), by when they answered."""
    from community.stories.models import WellbeingAnswer

    period = period_of(WellbeingAnswer.created_at, edges).label("period")
    query = (select(WellbeingAnswer.neighbourhood_id, period, func.count(WellbeingAnswer.id),
                    func.coalesce(func.sum(WellbeingAnswer.score), 0))
             .where(WellbeingAnswer.neighbourhood_id.in_(ids), WellbeingAnswer.created_at >= edges[0],
                    WellbeingAnswer.created_at < edges[-1])
             .group_by(WellbeingAnswer.neighbourhood_id, period))
    return _rows(query, ("wellbeing_answers", "wellbeing"))


register_figure("wellbeing_answers", _l("Antwoorden op 'hoe was het?'"), count_wellbeing, section="agenda",
                charted=False)
register_figure("wellbeing", _l("Hoe was het? Gemiddeld, van 1 (niet fijn) tot 3 (fijn)"), count_wellbeing,
                section="agenda", unit="average", suppress_with="wellbeing_answers")
