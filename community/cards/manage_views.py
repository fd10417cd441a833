"""The coordinator's side: editions, album pages, the story evening and swap afternoons, and the review of
cards (publish, ask for a change, decline), each decision in the audit log."""
from __future__ import annotations

from flask import render_template, request
from flask_babel import get_locale, gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from community.cards import PREFIX, bp
from community.cards import editions as edition_services
from community.cards import reviewing
from community.cards.editions import CardsError
from community.cards.forms import CategoryForm, EditionForm, EventForm, ReasonForm
from community.cards.making import card_in
from community.cards.models import Scope
from community.db import utcnow
from community.extensions import db
from community.i18n import LANGUAGES
from community.neighbourhoods.pages import neighbourhood_view
from community.permissions import require
from community.web import form_page, isolate, notify, see_other


def _field_error(form, error: CardsError, default: str) -> None:
    db.session.rollback()
    field = getattr(form, error.field_name or default, None) or getattr(form, default)
    field.errors = [*field.errors, error.message]


def _edition_details(form: EditionForm) -> edition_services.EditionDetails:
    return edition_services.EditionDetails(form.name.data or "", form.card_count.data or 0, form.starts_on.data,
                                           form.ends_on.data)


@bp.route(f"{PREFIX}/beheer", methods=["GET", "POST"])
@login_required
@neighbourhood_view("manage_cards")
def manage(neighbourhood):
    form = EditionForm()
    del form.state
    if form.validate_on_submit():
        try:
            edition = edition_services.start_edition(neighbourhood, _edition_details(form), by=current_user)
        except CardsError as error:
            _field_error(form, error, "name")
        else:
            notify(_("De reeks %(name)s is begonnen. Maak nu de bladzijden van het album.", name=isolate(edition.name)))
            return see_other("cards.manage_edition", slug=neighbourhood.slug, edition_id=edition.id)
    return form_page("cards/manage.html", form, neighbourhood=neighbourhood,
                     editions=edition_services.editions_of(neighbourhood.id))


def _edition_context(neighbourhood, edition) -> dict:
    from community.agenda.models import Activity

    activities = db.session.scalars(select(Activity).where(Activity.neighbourhood_id == neighbourhood.id)
                                    .order_by(Activity.title).limit(200)).all()
    event_form = EventForm(formdata=None)
    event_form.activity_id.choices = [(a.id, a.title) for a in activities]
    return {"neighbourhood": neighbourhood, "edition": edition, "category_form": CategoryForm(formdata=None),
            "event_form": event_form, "events": edition_services.linked_activities(edition, utcnow()),
            "counts": reviewing.counts_by_state(edition), "languages": LANGUAGES}


@bp.route(f"{PREFIX}/reeks/<int:edition_id>/beheer", methods=["GET", "POST"])
@login_required
@neighbourhood_view("manage_cards")
def manage_edition(neighbourhood, edition_id: int):
    edition = edition_services.edition_in(neighbourhood.id, edition_id)
    form = EditionForm(obj=edition)
    if form.validate_on_submit():
        try:
            edition_services.update_edition(edition, _edition_details(form), form.state.data or edition.state)
        except CardsError as error:
            _field_error(form, error, "name")
        else:
            notify(_("Opgeslagen."))
            return see_other("cards.manage_edition", slug=neighbourhood.slug, edition_id=edition.id)
    return form_page("cards/manage_edition.html", form, **_edition_context(neighbourhood, edition))


def _category_details(form: CategoryForm) -> edition_services.CategoryDetails:
    translations = {code: getattr(form, f"title_{code}").data or "" for code in LANGUAGES}
    return edition_services.CategoryDetails(form.title.data or "", form.locale.data or "nl", form.story.data or "",
                                            translations)


@bp.route(f"{PREFIX}/reeks/<int:edition_id>/bladzijden", methods=["POST"])
@login_required
@neighbourhood_view("manage_cards")
def add_category(neighbourhood, edition_id: int):
    edition = edition_services.edition_in(neighbourhood.id, edition_id)
    form = CategoryForm()
    if form.validate_on_submit():
        try:
            edition_services.add_category(edition, _category_details(form))
        except CardsError as error:
            _field_error(form, error, "title")
        else:
            notify(_("De bladzijde staat in het album."))
            return see_other("cards.manage_edition", slug=neighbourhood.slug, edition_id=edition.id)
    context = _edition_context(neighbourhood, edition) | {"category_form": form}
    return form_page("cards/manage_edition.html", EditionForm(obj=edition, formdata=None), **context)


@bp.route(f"{PREFIX}/bladzijde/<int:category_id>/beheer", methods=["GET", "POST"])
@login_required
@neighbourhood_view("manage_cards")
def edit_category(neighbourhood, category_id: int):
    from community.cards.models import Category

    category = db.session.get(Category, category_id)
    if category is None or category.edition.neighbourhood_id != neighbourhood.id:
        from community.errors import NotFound

        raise NotFound()
    titles = {f"title_{t.locale}": t.title for t in category.translations}
    form = CategoryForm(obj=category, **titles)
    if form.validate_on_submit():
        try:
            edition_services.update_category(category, _category_details(form))
        except CardsError as error:
            _field_error(form, error, "title")
        else:
            notify(_("Opgeslagen."))
            return see_other("cards.manage_edition", slug=neighbourhood.slug, edition_id=category.edition_id)
    return form_page("cards/category_form.html", form, neighbourhood=neighbourhood, category=category,
                     edition=category.edition)


@bp.route(f"{PREFIX}/bladzijde/<int:category_id>/<any(up, down):direction>", methods=["POST"])
@login_required
@neighbourhood_view("manage_cards")
def move_category(neighbourhood, category_id: int, direction: str):
    from community.cards.models import Category

    category = db.session.get(Category, category_id)
    if category is None or category.edition.neighbourhood_id != neighbourhood.id:
        from community.errors import NotFound

        raise NotFound()
    edition_services.move_category(category, -1 if direction == "up" else 1)
    return see_other("cards.manage_edition", slug=neighbourhood.slug, edition_id=category.edition_id)


@bp.route(f"{PREFIX}/reeks/<int:edition_id>/activiteiten", methods=["POST"])
@login_required
@neighbourhood_view("manage_cards")
def link_event(neighbourhood, edition_id: int):
    edition = edition_services.edition_in(neighbourhood.id, edition_id)
    context = _edition_context(neighbourhood, edition)
    form = EventForm()
    form.activity_id.choices = context["event_form"].activity_id.choices
    if form.validate_on_submit():
        try:
            edition_services.link_activity(edition, form.activity_id.data, form.kind.data)
        except CardsError as error:
            _field_error(form, error, "activity_id")
        else:
            notify(_("De activiteit hoort nu bij de reeks."))
            return see_other("cards.manage_edition", slug=neighbourhood.slug, edition_id=edition.id)
    return form_page("cards/manage_edition.html", EditionForm(obj=edition, formdata=None),
                     **(context | {"event_form": form}))


@bp.route(f"{PREFIX}/reeks/<int:edition_id>/activiteiten/<int:event_id>/weg", methods=["POST"])
@login_required
@neighbourhood_view("manage_cards")
def unlink_event(neighbourhood, edition_id: int, event_id: int):
    edition = edition_services.edition_in(neighbourhood.id, edition_id)
    edition_services.unlink_activity(edition, event_id)
    notify(_("De activiteit hoort niet meer bij de reeks; in de agenda staat ze nog."))
    return see_other("cards.manage_edition", slug=neighbourhood.slug, edition_id=edition.id)


@bp.route(f"{PREFIX}/reeks/<int:edition_id>/plaatjes")
@login_required
@neighbourhood_view("manage_cards")
def review_list(neighbourhood, edition_id: int):
    edition = edition_services.edition_in(neighbourhood.id, edition_id)
    return render_template("cards/review_list.html", neighbourhood=neighbourhood, edition=edition,
                           cards=reviewing.cards_for_coordinator(edition), counts=reviewing.counts_by_state(edition),
                           scopes=list(Scope))


@bp.route(f"{PREFIX}/plaatje/<int:card_id>/beoordelen", methods=["GET", "POST"])
@login_required
@neighbourhood_view()
def review(neighbourhood, card_id: int):
    card = card_in(neighbourhood.id, card_id)
    require(current_user, "review_card", card)
    form = ReasonForm()
    action = request.form.get("action", "")
    if form.validate_on_submit():
        try:
            reviewing.decide(card, action, current_user, form.reason.data or "")
        except CardsError as error:
            _field_error(form, error, "reason")
        else:
            notify(_("Gedaan: %(step)s.", step=_step_label(action)))
            return see_other("cards.review_list", slug=neighbourhood.slug, edition_id=card.edition_id)
    return form_page("cards/review.html", form, neighbourhood=neighbourhood, card=card, edition=card.edition,
                     scopes=list(Scope), locale=str(get_locale()))


def _step_label(action: str) -> str:
    from community.initiatives.home import audit_label

    return audit_label(action)
