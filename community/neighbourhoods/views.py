from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.neighbourhoods import bp
from community.pictograms import TILES
from community.neighbourhoods import services as neighbourhoods
from community.db import utcnow
from community.errors import DomainError
from community.neighbourhoods import hours
from community.neighbourhoods.forms import DAY_CODES, ConfirmForm, HouseForm, RoomForm
from community.neighbourhoods.opening_text import opening_summary
from community.neighbourhoods.pages import neighbourhood_view
from community.pagecache import cached_page
from community.permissions import can
from community.versions import AGENDA, CARDS, INITIATIVES, NUMBERS, TALENTS, VOLUNTEERING
from community.web import announce, form_page, invalid_form, isolate, notify, see_other

# The home page has a tile or a section of every feature.
HOME_READS = (AGENDA, INITIATIVES, VOLUNTEERING, TALENTS, CARDS, NUMBERS)


@bp.route("/")
@cached_page(*HOME_READS, fresh_for=timedelta(minutes=5))  # "open now", "now in the house", "how was it?"
@neighbourhood_view()
def home(neighbourhood):
    return render_template(
        "neighbourhoods/home.html", neighbourhood=neighbourhood,
        parts=neighbourhoods.parts_for(neighbourhood), sections=neighbourhoods.sections_for(neighbourhood),
        opening=opening_summary(hours.week_of(neighbourhood.house), getattr(neighbourhood.house, "opening_note", ""),
                                utcnow()),
        may_join=can(current_user, "join_neighbourhood", neighbourhood),
        may_coordinate=can(current_user, "view_coordinator_area", neighbourhood))


@bp.route("/join", methods=["POST"])
@login_required
@neighbourhood_view("join_neighbourhood")
def join(neighbourhood):
    neighbourhoods.join_neighbourhood(current_user, neighbourhood)
    message = _("Welkom in %(name)s!", name=isolate(neighbourhood.name))
    if request.htmx:
        return announce(render_template("neighbourhoods/_join.html", neighbourhood=neighbourhood, joined=True), message)
    notify(message)
    return see_other("neighbourhoods.home", slug=neighbourhood.slug)


@bp.route("/coordinator/")
@login_required
@neighbourhood_view("view_coordinator_area")
def coordinator_area(neighbourhood):
    return render_template(
        "neighbourhoods/coordinator.html",
        neighbourhood=neighbourhood,
        role_holders=neighbourhoods.role_holders(neighbourhood),
        resident_count=neighbourhoods.resident_count(neighbourhood),
        can_assign=can(current_user, "assign_roles", neighbourhood),
        parts=neighbourhoods.coordinator_parts_for(neighbourhood),
        members_waiting=neighbourhoods.members_waiting_count(neighbourhood),
        tiles=SimpleNamespace(**TILES),
    )


@bp.route("/coordinator/members")
@login_required
@neighbourhood_view("view_members")
def members(neighbourhood):
    return render_template("neighbourhoods/members.html", neighbourhood=neighbourhood,
                           waiting=neighbourhoods.members_waiting(neighbourhood), confirm_form=ConfirmForm())


@bp.route("/coordinator/members/<int:membership_id>/confirm", methods=["POST"])
@login_required
@neighbourhood_view("confirm_member")
def confirm_member(neighbourhood, membership_id: int):
    membership = neighbourhoods.resident_membership_or_404(neighbourhood, membership_id)
    if not ConfirmForm().validate_on_submit():
        return see_other("neighbourhoods.members", slug=neighbourhood.slug)
    neighbourhoods.confirm_member(membership, by=current_user)
    message = _("%(name)s is bevestigd als bewoner van %(neighbourhood)s.", name=isolate(membership.user.display_name),
                neighbourhood=isolate(neighbourhood.name))
    if request.htmx:
        return announce(render_template("neighbourhoods/_member.html", neighbourhood=neighbourhood,
                                        membership=membership, confirm_form=ConfirmForm()), message)
    notify(message)
    return see_other("neighbourhoods.members", slug=neighbourhood.slug)


@bp.route("/coordinator/house", methods=["GET", "POST"])
@login_required
@neighbourhood_view("edit_neighbourhood")
def edit_house(neighbourhood):
    form = HouseForm(data=_house_form_data(neighbourhood))
    if form.validate_on_submit():
        try:
            neighbourhoods.update_house(neighbourhood, house_details_from(form), form.periods(),
                                        form.opening_note.data or "")
        except hours.OpeningHoursError as error:
            form.show_problems(error.problems)
        except DomainError as error:
            form.opening_note.errors.append(error.message)
        else:
            notify(_("De gegevens van het Huis van de Wijk zijn opgeslagen."))
            return see_other("neighbourhoods.coordinator_area", slug=neighbourhood.slug)
    return form_page("neighbourhoods/house_form.html", form, neighbourhood=neighbourhood, day_codes=DAY_CODES,
                     day_names=[hours.day_name(weekday) for weekday in range(hours.DAYS_IN_WEEK)])


@bp.route("/coordinator/rooms", methods=["GET", "POST"])
@login_required
@neighbourhood_view("manage_rooms")
def rooms(neighbourhood):
    form = RoomForm()
    if not form.validate_on_submit():
        return form_page("neighbourhoods/rooms.html", form, neighbourhood=neighbourhood, delete_form=ConfirmForm())
    if neighbourhood.house is None:
        form.name.errors.append(_("Vul eerst de gegevens van het Huis van de Wijk in."))
        return invalid_form("neighbourhoods/rooms.html", neighbourhood=neighbourhood, form=form, delete_form=ConfirmForm())
    try:
        neighbourhoods.add_room(neighbourhood.house, *_room_values(form))
    except neighbourhoods.NeighbourhoodError as error:
        form.name.errors.append(error.message)
        return invalid_form("neighbourhoods/rooms.html", neighbourhood=neighbourhood, form=form, delete_form=ConfirmForm())
    notify(_("Ruimte %(name)s is toegevoegd.", name=isolate(form.name.data)))
    return see_other("neighbourhoods.rooms", slug=neighbourhood.slug)


@bp.route("/coordinator/rooms/<int:room_id>", methods=["GET", "POST"])
@login_required
@neighbourhood_view("manage_rooms")
def edit_room(neighbourhood, room_id: int):
    room = neighbourhoods.room_in_neighbourhood_or_404(neighbourhood, room_id)
    form = RoomForm(obj=room)
    if form.validate_on_submit():
        try:
            neighbourhoods.update_room(room, *_room_values(form))
        except neighbourhoods.NeighbourhoodError as error:
            form.name.errors.append(error.message)
        else:
            notify(_("Ruimte %(name)s is opgeslagen.", name=isolate(room.name)))
            return see_other("neighbourhoods.rooms", slug=neighbourhood.slug)
    return form_page("neighbourhoods/room_form.html", form, neighbourhood=neighbourhood, room=room)


@bp.route("/coordinator/rooms/<int:room_id>/delete", methods=["POST"])
@login_required
@neighbourhood_view("manage_rooms")
def delete_room(neighbourhood, room_id: int):
    room = neighbourhoods.room_in_neighbourhood_or_404(neighbourhood, room_id)
    if ConfirmForm().validate_on_submit():
        name = room.name
        neighbourhoods.remove_room(room)
        notify(_("Ruimte %(name)s is verwijderd.", name=isolate(name)))
    return see_other("neighbourhoods.rooms", slug=neighbourhood.slug)


def _room_values(form: RoomForm) -> tuple:
    return form.name.data, form.capacity.data, form.is_wheelchair_accessible.data, form.has_hearing_loop.data


def _house_form_data(neighbourhood) -> dict:
    house = neighbourhood.house
    if house is None:
        return {"house_city": neighbourhood.city}
    data = {"house_name": house.name, "street_address": house.street_address, "postcode": house.postcode,
            "house_city": house.city, "phone": house.phone, "opening_note": house.opening_note}
    for weekday, code in enumerate(DAY_CODES):
        day = [period for period in hours.week_of(house) if period.weekday == weekday]
        data[f"{code}_closed"] = not day
        for number, period in enumerate(day, start=1):
            data[f"{code}_opens_{number}"], data[f"{code}_closes_{number}"] = period.opens, period.closes
    return data


def house_details_from(form) -> neighbourhoods.HouseDetails:
    return neighbourhoods.HouseDetails(
        name=form.house_name.data, street_address=form.street_address.data,
        postcode=form.postcode.data.strip().upper(), city=form.house_city.data, phone=form.phone.data or "",
    )
