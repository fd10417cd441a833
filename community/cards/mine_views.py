"""A neighbour's own cards: volunteering for one, changing it when asked, and "Mijn plaatjes", where every
consent can be taken back in one tap."""
from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import get_locale, gettext as _
from flask_login import current_user, login_required

from community.cards import PREFIX, bp
from community.cards import editions as edition_services
from community.cards import making
from community.cards.editions import CardsError
from community.cards.forms import CardForm
from community.cards.models import Card, Scope
from community.errors import NotFound
from community.extensions import db
from community.images import services as images
from community.neighbourhoods.pages import neighbourhood_view
from community.permissions import require
from community.web import answer_in_place, form_page, notify, see_other

WHO = {"self": (False, False), "child": (True, False), "pet": (False, True)}  # is_child, is_pet


def _locale() -> str:
    return str(get_locale())


def _prepare(form: CardForm, edition) -> None:
    form.category_id.choices = [(page.id, page.title_in(_locale())) for page in edition_services.album_pages(edition)]


def _details(form: CardForm) -> making.CardDetails:
    is_child, is_pet = WHO.get(form.who.data or "self", (False, False))
    return making.CardDetails(category_id=form.category_id.data, display_name=form.display_name.data or "",
                              line=form.line.data or "", age=form.age.data, is_pet=is_pet, is_child=is_child,
                              proposed_category=form.proposed_category.data or "")


def _photo(form: CardForm, neighbourhood_id: int):
    """The chosen photo, stored privately (served only while the card may be shown); None if none."""
    data = form.photo.data
    if not (data and getattr(data, "filename", "")):
        return None
    try:
        return images.save_uploaded_image(data, owner_id=current_user.id, neighbourhood_id=neighbourhood_id,
                                          private=True)
    except images.ImageError as error:
        form.photo.errors = [*form.photo.errors, error.message]
        return None


def _refused(form: CardForm, error: CardsError) -> None:
    db.session.rollback()
    target = getattr(form, error.field_name or "display_name", None) or form.display_name
    target.errors = [*target.errors, error.message]


@bp.route(f"{PREFIX}/reeks/<int:edition_id>/meedoen", methods=["GET", "POST"])
@login_required
@neighbourhood_view()
def volunteer(neighbourhood, edition_id: int):
    edition = edition_services.edition_in(neighbourhood.id, edition_id)
    require(current_user, "make_card", edition)
    form = CardForm()
    _prepare(form, edition)
    if form.validate_on_submit():
        photo = _photo(form, neighbourhood.id)
        if not form.photo.errors:
            try:
                making.volunteer_card(edition, _details(form), maker=current_user, scopes=form.scopes.data or [],
                                      locale=_locale(), photo=photo, is_guardian=bool(form.is_guardian.data))
            except CardsError as error:
                _refused(form, error)
            else:
                notify(_("Dank je wel! De buurtregisseur kijkt naar je plaatje. Je ziet het bij Mijn plaatjes."))
                return see_other("cards.mine")
    return form_page("cards/card_form.html", form, neighbourhood=neighbourhood, edition=edition,
                     scope_texts=making.scope_texts(_locale()), card=None)


def _own_card(card_id: int, action: str) -> Card:
    card = db.session.get(Card, card_id)
    if card is None:
        raise NotFound()
    require(current_user, action, card)
    return card


@bp.route("/account/plaatjes/<int:card_id>/aanpassen", methods=["GET", "POST"])
@login_required
def change(card_id: int):
    card = _own_card(card_id, "change_card")
    form = CardForm(obj=card, who="child" if card.is_child else "pet" if card.is_pet else "self")
    _prepare(form, card.edition)
    del form.scopes, form.is_guardian  # consents are given and taken back on Mijn plaatjes
    if form.validate_on_submit():
        photo = _photo(form, card.neighbourhood_id)
        if not form.photo.errors:
            try:
                making.change_card(card, _details(form), photo=photo)
            except CardsError as error:
                _refused(form, error)
            else:
                notify(_("Je plaatje is weer naar de buurtregisseur gestuurd."))
                return see_other("cards.mine")
    return form_page("cards/card_form.html", form, neighbourhood=_neighbourhood(card), card=card,
                     edition=card.edition, scope_texts={})


def _neighbourhood(card: Card):
    from community.neighbourhoods.models import Neighbourhood

    return db.session.get(Neighbourhood, card.neighbourhood_id)


@bp.route("/account/plaatjes")
@login_required
def mine():
    return render_template("cards/mine.html", cards=making.cards_made_by(current_user.id), scopes=list(Scope))


def _consents_answer(card: Card, message: str):
    return answer_in_place("cards/_my_card.html", message, url_for("cards.mine"), card=card, scopes=list(Scope))


@bp.route("/account/plaatjes/<int:card_id>/toestemming/<any(print, album, kiosk, card_of_the_day):scope>/intrekken",
          methods=["POST"])
@login_required
def revoke(card_id: int, scope: str):
    card = _own_card(card_id, "own_card")
    making.revoke_consent(card, scope, by=current_user)
    return _consents_answer(card, _("Ingetrokken: %(where)s.", where=Scope(scope).label))


@bp.route("/account/plaatjes/<int:card_id>/toestemming/<any(print, album, kiosk, card_of_the_day):scope>/geven",
          methods=["POST"])
@login_required
def grant(card_id: int, scope: str):
    card = _own_card(card_id, "own_card")
    try:
        making.grant_consent(card, scope, by=current_user, locale=_locale())
    except CardsError as error:
        notify(error.message, "error")
        return redirect(url_for("cards.mine"), code=303)
    return _consents_answer(card, _("Toestemming gegeven: %(where)s.", where=Scope(scope).label))


@bp.route("/account/plaatjes/<int:card_id>/intrekken", methods=["POST"])
@login_required
def withdraw(card_id: int):
    card = _own_card(card_id, "own_card")
    making.withdraw_card(card, by=current_user)
    return _consents_answer(card, _("Je plaatje is uit de reeks gehaald. Het staat nergens meer online."))

