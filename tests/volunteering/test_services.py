"""The rules of volunteering, without HTTP."""
from __future__ import annotations

from datetime import time, timedelta

import pytest
from sqlalchemy import func, select

from community import recurrence
from community.bookings.models import Booking
from community.db import utcnow
from community.extensions import db
from community.volunteering import matchmaking
from community.volunteering import counts as volunteering_counts
from community.volunteering import services as volunteering
from community.volunteering.models import Invitation, Shift, Status
from tests.volunteering.conftest import next_weekday


def shifts_of(task) -> list[Shift]:
    return list(db.session.scalars(select(Shift).where(Shift.task_id == task.id).order_by(Shift.starts_at)))


def test_a_weekly_shift_has_eight_weeks_of_dates_in_amsterdam_time(make_neighbourhood, make_task):
    task = make_task(make_neighbourhood(), pattern="weekly", start=time(13, 30), minutes=210)
    dates = shifts_of(task)
    assert 8 <= len(dates) <= 9
    assert {recurrence.to_local(shift.starts_at).strftime("%a %H:%M") for shift in dates} == {"Tue 13:30"}
    assert all(shift.ends_at - shift.starts_at == timedelta(minutes=210) for shift in dates)
    assert task.day_part == 1 * 3 + 1  # Tuesday afternoon in the talent grid


def test_a_date_in_the_past_or_a_wrong_first_date_is_refused(make_neighbourhood, make_task):
    neighbourhood = make_neighbourhood()
    with pytest.raises(volunteering.VolunteeringError) as error:
        make_task(neighbourhood, first_date=recurrence.local_today() - timedelta(days=1))
    assert error.value.field_name == "first_date"
    with pytest.raises(volunteering.VolunteeringError):
        make_task(neighbourhood, pattern="monthly_last", first_date=next_weekday(4).replace(day=1))


def test_places_then_waitlist_then_the_first_waiting_moves_up_with_an_email(make_neighbourhood, make_task, make_user,
                                                                               outbox):
    neighbourhood = make_neighbourhood()
    shift = shifts_of(make_task(neighbourhood, people=2))[0]
    first, second, third = (make_user(neighbourhood=neighbourhood) for _ in range(3))
    statuses = [volunteering.volunteer_for_shift(shift.id, person.id).status for person in (first, second, third)]
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    assert volunteering.volunteer_for_shift(shift.id, first.id).status == "confirmed"  # a double tap changes nothing
    volunteering.withdraw(shift.id, first.id)
    db.session.expire_all()
    assert db.session.get(Shift, shift.id).confirmed_count == 2
    assert volunteering.my_sign_ups_for(third.id, [shift.id])[shift.id].status == "confirmed"
    assert [message.to for message in outbox] == [[third.email]]
    assert "Er is plek voor je" in outbox[0].subject


def test_every_time_signs_up_for_coming_and_new_dates(make_neighbourhood, make_task, make_user):
    neighbourhood = make_neighbourhood()
    task = make_task(neighbourhood, pattern="weekly")
    person = make_user(neighbourhood=neighbourhood)
    assert volunteering.join_every_time(task, person.id) == len(shifts_of(task))
    task.materialised_until = None
    created = volunteering.materialise(task, until=recurrence.local_today() + timedelta(days=120))
    db.session.commit()
    assert created > 0
    mine = volunteering.my_sign_ups_for(person.id, [shift.id for shift in shifts_of(task)])
    assert len(mine) == len(shifts_of(task))
    volunteering.leave_every_time(task, person.id)
    assert volunteering.my_sign_ups_for(person.id, [shift.id for shift in shifts_of(task)]) == {}
    assert not volunteering.is_standing(task.id, person.id)


def test_a_request_is_an_offer_until_the_asker_says_yes_and_only_then_the_place_shows(
        make_neighbourhood, make_task, make_user, outbox):
    neighbourhood = make_neighbourhood()
    asker = make_user(neighbourhood=neighbourhood, name="Truus")
    request = make_task(neighbourhood, request=True, people=1, posted_by=asker, private_place="Lindelaan 7")
    shift = shifts_of(request)[0]
    helper, other = make_user(neighbourhood=neighbourhood, name="Sem"), make_user(neighbourhood=neighbourhood)
    offer = volunteering.volunteer_for_shift(shift.id, helper.id)
    assert outbox[-1].to == [asker.email] and "Sem" in outbox[-1].body and "Lindelaan" not in outbox[-1].body
    second_offer = volunteering.volunteer_for_shift(shift.id, other.id)
    assert offer.status == second_offer.status == "offered"
    assert db.session.get(Shift, shift.id).confirmed_count == 0
    assert not volunteering.is_accepted_helper(request.id, helper.id)
    with pytest.raises(volunteering.VolunteeringError):
        volunteering.volunteer_for_shift(shift.id, asker.id)  # not your own request

    volunteering.answer_offer(shift, offer.id, accept=True)
    assert volunteering.is_accepted_helper(request.id, helper.id)
    assert outbox[-1].to == [helper.email] and "Lindelaan 7" in outbox[-1].body
    with pytest.raises(volunteering.VolunteeringError):  # one helper was asked for
        volunteering.answer_offer(shift, second_offer.id, accept=True)
    volunteering.answer_offer(shift, second_offer.id, accept=False)
    assert "Lindelaan 7" not in outbox[-1].body and outbox[-1].to == [other.email]
    with pytest.raises(volunteering.VolunteeringError):
        volunteering.answer_offer(shift, offer.id, accept=False)  # answered already

    volunteering.withdraw(shift.id, helper.id)  # the helper cannot come after all: the asker hears it
    assert outbox[-1].to == [asker.email]
    assert db.session.get(Shift, shift.id).confirmed_count == 0


def test_a_place_of_a_coordinator_task_is_never_kept_private(make_neighbourhood, make_task):
    task = make_task(make_neighbourhood(), private_place="Achterom")
    assert task.private_place == ""


def test_cancelling_a_date_or_closing_a_task_tells_who_signed_up(make_neighbourhood, make_task, make_user, outbox):
    neighbourhood = make_neighbourhood()
    task = make_task(neighbourhood, pattern="weekly")
    first, second = shifts_of(task)[:2]
    person = make_user(neighbourhood=neighbourhood)
    volunteering.join_every_time(task, person.id)
    assert volunteering.cancel_shift(first, "De Haard is dicht") == 1
    assert "De Haard is dicht" in outbox[-1].body
    with pytest.raises(volunteering.VolunteeringError):
        volunteering.cancel_shift(first, "nog eens")
    with pytest.raises(volunteering.VolunteeringError):
        volunteering.volunteer_for_shift(first.id, make_user(neighbourhood=neighbourhood).id)
    told = volunteering.close_task(task, "Het is gelukt")
    assert told == len(shifts_of(task)) - 1 and len(outbox) == told + 1
    assert all(shift.is_cancelled for shift in shifts_of(task))
    assert volunteering.extend_all_tasks() == 0  # a closed task gets no new dates


def test_editing_keeps_the_dates_and_never_drops_below_who_has_a_place(make_neighbourhood, make_task, make_user):
    neighbourhood = make_neighbourhood()
    task = make_task(neighbourhood, people=3, skills=["cooking"])
    shift = shifts_of(task)[0]
    for _ in range(2):
        volunteering.volunteer_for_shift(shift.id, make_user(neighbourhood=neighbourhood).id)
    volunteering.update_task(task, volunteering.TaskDetails(
        "Kookploeg", "Koken voor veertig", ["cooking", "nonsense"], 1, "Keuken", task.first_date, task.start_time,
        task.duration_minutes))
    db.session.expire_all()
    assert task.title == "Kookploeg" and task.skill_codes == ["cooking"]
    assert db.session.get(Shift, shift.id).capacity == 2 and len(shifts_of(task)) == 1


def test_reminders_go_once_to_who_has_a_place_tomorrow(make_neighbourhood, make_task, make_user, outbox):
    neighbourhood = make_neighbourhood()
    tomorrow = recurrence.local_today() + timedelta(days=1)
    task = make_task(neighbourhood, first_date=tomorrow, people=1)
    later = make_task(neighbourhood, first_date=tomorrow + timedelta(days=1), title="Overmorgen")
    shift = shifts_of(task)[0]
    confirmed, waiting = make_user(neighbourhood=neighbourhood), make_user(neighbourhood=neighbourhood)
    volunteering.volunteer_for_shift(shift.id, confirmed.id)
    volunteering.volunteer_for_shift(shift.id, waiting.id)
    volunteering.volunteer_for_shift(shifts_of(later)[0].id, waiting.id)
    outbox.clear()
    assert volunteering.send_reminders() == 1
    assert volunteering.send_reminders() == 0  # running it twice sends nothing twice
    assert [message.to for message in outbox] == [[confirmed.email]]
    assert "Morgen" in outbox[0].subject and task.title in outbox[0].subject


def test_counts_hours_of_dates_that_were_held_without_who_was_absent(make_neighbourhood, make_task, make_user):
    neighbourhood = make_neighbourhood()
    task = make_task(neighbourhood, people=3, minutes=90)
    shift = shifts_of(task)[0]
    people = [make_user(neighbourhood=neighbourhood) for _ in range(3)]
    sign_ups = [volunteering.volunteer_for_shift(shift.id, person.id) for person in people]
    assert volunteering_counts.counts(neighbourhood.id).year.volunteers == 0  # not held yet
    # The date has been: it started two hours ago and ended half an hour ago.
    shift.starts_at, shift.ends_at = utcnow() - timedelta(hours=2), utcnow() - timedelta(minutes=30)
    db.session.commit()
    volunteering.set_absent(shift, sign_ups[2].id, True)
    counts = volunteering_counts.counts(neighbourhood.id, recurrence.to_local(shift.starts_at).date())
    assert (counts.year.volunteers, counts.year.shifts, counts.year.minutes) == (2, 1, 180)
    assert counts.year.hours == 3 and counts.month == counts.year
    assert counts.open_tasks == 0  # its only date has been


def test_tasks_for_a_volunteer_rank_by_fit_and_hide_their_own_request(make_neighbourhood, make_task, make_user,
                                                                       make_profile):
    neighbourhood = make_neighbourhood()
    cook = make_user(neighbourhood=neighbourhood)
    make_profile(cook, neighbourhood, skills=["cooking"], free=["1-1"])
    taxi = make_task(neighbourhood, title="Buurttaxi", skills=["driving"], first_date=next_weekday(0), start=time(9))
    kitchen = make_task(neighbourhood, title="Kookploeg", skills=["cooking"], first_date=next_weekday(1), start=time(14))
    make_task(neighbourhood, title="Mijn vraag", request=True, posted_by=cook)
    matches, total, used_profile = matchmaking.tasks_for(neighbourhood.id, cook.id)
    assert used_profile and total == 2
    assert [match.task.id for match in matches] == [kitchen.id, taxi.id]
    assert {reason.kind for reason in matches[0].fit.reasons} == {"skill", "free", "places"}
    anonymous, total, used_profile = matchmaking.tasks_for(neighbourhood.id, None)
    assert total == 3 and not used_profile


def test_suggestions_skip_hidden_profiles_the_asker_and_say_who_is_in(make_neighbourhood, make_task, make_user,
                                                                       make_profile):
    neighbourhood = make_neighbourhood()
    asker = make_user(neighbourhood=neighbourhood)
    make_profile(asker, neighbourhood, skills=["it_help"])
    request = make_task(neighbourhood, request=True, skills=["it_help"], posted_by=asker)
    student, shy, busy = (make_user(neighbourhood=neighbourhood, name=name) for name in ("Student", "Stil", "Bezet"))
    make_profile(student, neighbourhood, skills=["it_help"], free=["1-1"])
    make_profile(shy, neighbourhood, skills=["it_help"], visibility="hidden")
    make_profile(busy, neighbourhood, skills=["music"], free=["0-0"])
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    make_profile(coordinator, neighbourhood, skills=["it_help"], visibility="coordinators")
    suggestions = matchmaking.suggestions(request)
    assert [s.user.display_name for s in suggestions] == ["Student", coordinator.display_name]
    assert matchmaking.invite(request, student.id, by=coordinator) is True
    assert matchmaking.invite(request, student.id, by=coordinator) is False  # once is enough
    volunteering.volunteer_for_shift(shifts_of(request)[0].id, coordinator.id)
    student_row, coordinator_row = matchmaking.suggestions(request)
    assert student_row.is_invited and not student_row.is_signed_up
    assert coordinator_row.is_signed_up
    assert db.session.scalar(select(func.count()).select_from(Invitation)) == 1


def test_an_invitation_mails_the_reasons_in_the_invitees_language(make_neighbourhood, make_task, make_user,
                                                                   make_profile, outbox):
    neighbourhood = make_neighbourhood()
    task = make_task(neighbourhood, skills=["cooking"])
    person = make_user(neighbourhood=neighbourhood, locale="en")
    make_profile(person, neighbourhood, skills=["cooking"], free=["1-1"])
    matchmaking.invite(task, person.id, by=make_user(role="coordinator", neighbourhood=neighbourhood))
    assert outbox[-1].to == [person.email]
    assert "Cooking" in outbox[-1].body
    my = volunteering.my_volunteering(person.id, neighbourhood.id)
    assert [invitation.task_id for invitation in my.invitations] == [task.id]


def test_a_task_from_an_initiative_need_is_linked_both_ways(make_neighbourhood, make_task, make_user):
    from community.initiatives import services as initiatives

    neighbourhood = make_neighbourhood()
    proposer = make_user(neighbourhood=neighbourhood)
    initiative = initiatives.start_draft(neighbourhood, proposer, initiatives.Proposal("Speeltuin", "Schilderen", "Samen"))
    need = initiatives.add_need(initiative, "hands", "Schilders", 6, None)
    task = make_task(neighbourhood, posted_by=proposer, need=need)
    assert (task.origin, task.initiative_id, task.need_id) == ("initiative", initiative.id, need.id)
    assert volunteering.tasks_by_need(initiative.id) == {need.id: [task]}


def test_a_past_date_cannot_be_signed_up_for(make_neighbourhood, make_task, make_user):
    neighbourhood = make_neighbourhood()
    shift = shifts_of(make_task(neighbourhood))[0]
    shift.starts_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    with pytest.raises(volunteering.VolunteeringError):
        volunteering.volunteer_for_shift(shift.id, make_user(neighbourhood=neighbourhood).id)
    assert db.session.scalar(select(func.count()).select_from(Booking)) == 0
    assert Status.CONFIRMED.value == "confirmed"


def test_the_database_ranks_profiles_exactly_as_the_python_rules_do(make_neighbourhood, make_task, make_user,
                                                                     make_profile):
    import random

    from community.talents.models import SKILLS
    from community.volunteering import matching

    rng = random.Random(5)
    neighbourhood = make_neighbourhood()
    codes = list(SKILLS)
    people = []
    for _ in range(60):
        person = make_user(neighbourhood=neighbourhood)
        profile = make_profile(person, neighbourhood, skills=rng.sample(codes, rng.randint(1, 3)),
                               free=[f"{rng.randrange(7)}-{rng.randrange(3)}" for _ in range(rng.randint(0, 6))])
        people.append(matching.Candidate(person.id, frozenset(profile.skill_codes), profile.availability))
    for wanted in ([], ["cooking"], ["it_help", "sport"], codes[:5]):
        task = make_task(neighbourhood, skills=wanted, title=f"Taak {len(wanted)}")
        expected = [(p.user_id, f.score) for p, f in matching.rank_people(people, task.skill_codes, task.day_part,
                                                                          limit=15)]
        got = [(s.user.id, s.fit.score) for s in matchmaking.suggestions(task, limit=15)]
        assert got == expected, wanted


def test_every_time_is_only_for_a_recurring_shift(make_neighbourhood, make_task, make_user):
    neighbourhood = make_neighbourhood()
    person = make_user(neighbourhood=neighbourhood)
    for task in (make_task(neighbourhood, pattern="once"), make_task(neighbourhood, pattern="weekly", request=True)):
        with pytest.raises(volunteering.VolunteeringError):
            volunteering.join_every_time(task, person.id)
    assert not volunteering.is_standing(task.id, person.id)


def test_places_in_line_for_many_dates_in_one_go(make_neighbourhood, make_task, make_user):
    from community.bookings.places import waitlist_positions

    neighbourhood = make_neighbourhood()
    task = make_task(neighbourhood, people=1, pattern="weekly")
    first, second = shifts_of(task)[:2]
    people = [make_user(neighbourhood=neighbourhood) for _ in range(4)]
    for person in people[:3]:
        volunteering.volunteer_for_shift(first.id, person.id)
    for person in (people[0], people[3], people[2]):
        volunteering.volunteer_for_shift(second.id, person.id)
    mine = volunteering.my_sign_ups_for(people[2].id, [first.id, second.id])
    assert waitlist_positions(mine.values()) == {first.id: 2, second.id: 2}
    assert {shift_id: volunteering.waitlist_position(sign_up) for shift_id, sign_up in mine.items()} == \
        {first.id: 2, second.id: 2}
    assert waitlist_positions(volunteering.my_sign_ups_for(people[0].id, [first.id]).values()) == {}


def test_an_answered_request_is_arranged_for_the_asker_and_no_longer_asks_for_help(
        make_neighbourhood, make_task, make_user, outbox):
    neighbourhood = make_neighbourhood()
    asker = make_user(neighbourhood=neighbourhood)
    request = make_task(neighbourhood, request=True, people=1, posted_by=asker, title="Gordijnen ophangen")
    open_task = make_task(neighbourhood, title="Bardienst")
    shift = shifts_of(request)[0]
    helper, other = make_user(neighbourhood=neighbourhood, name="Sem"), make_user(neighbourhood=neighbourhood)
    offer = volunteering.volunteer_for_shift(shift.id, helper.id)
    assert volunteering.my_volunteering(asker.id, neighbourhood.id).helpers == {}
    assert request.id in [match.task.id for match in matchmaking.tasks_for(neighbourhood.id, other.id)[0]]

    volunteering.answer_offer(shift, offer.id, accept=True)
    mine = volunteering.my_volunteering(asker.id, neighbourhood.id)
    assert mine.helpers == {request.id: ["Sem"]} and mine.offers == {}
    for user_id in (other.id, None):  # a neighbour, and someone not logged in
        matches, total, _ranked = matchmaking.tasks_for(neighbourhood.id, user_id)
        assert [match.task.id for match in matches] == [open_task.id] and total == 1


def test_the_offer_mail_puts_the_request_title_on_its_own_line(make_neighbourhood, make_task, make_user, outbox):
    neighbourhood = make_neighbourhood()
    asker = make_user(neighbourhood=neighbourhood, locale="tr")
    request = make_task(neighbourhood, request=True, posted_by=asker, title="Gordijnen ophangen")
    helper = make_user(neighbourhood=neighbourhood, name="Sem")
    offer = volunteering.volunteer_for_shift(shifts_of(request)[0].id, helper.id)
    lines = [line.strip() for line in outbox[-1].body.splitlines()]
    assert "Gordijnen ophangen" in lines  # the title is a line of its own, not inside a sentence
    assert lines[lines.index("Gordijnen ophangen") - 2].endswith(":")
    volunteering.answer_offer(shifts_of(request)[0], offer.id, accept=True)
    volunteering.withdraw(shifts_of(request)[0].id, helper.id)
    assert outbox[-1].to == [asker.email] and "Gordijnen ophangen" in [line.strip() for line in outbox[-1].body.splitlines()]
