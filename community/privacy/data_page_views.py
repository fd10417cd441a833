"""Mijn gegevens: what is kept about me, what I agreed to, and taking any of it back in one tap."""
from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.cards.collecting.models import CardAlbum
from community.cards.models import Card, Scope
from community.errors import NotFound
from community.extensions import db
from community.initiatives.models import Support
from community.initiatives.services import InitiativeError
from community.permissions import can
from community.privacy import bp, consents
from community.privacy.data_page import KEPT
from community.stories.models import STATE_LABELS, Story
from community.talents.models import VISIBILITY_LABELS, TalentProfile
from community.web import answer_in_place, notify

CARD_SCOPES = "any(print, album, kiosk, card_of_the_day)"


def _own(model, object_id: int, action: str):
    """Someone else's object is not there at all for me (404, not 403)."""
    thing = db.session.get(model, object_id)
    if thing is None or not can(current_user, action, thing):
        raise NotFound()
    return thing


def _consent_context() -> dict:
    return {"consents": consents.my_consents(current_user.id), "visibility_labels": VISIBILITY_LABELS,
            "story_state_labels": STATE_LABELS}


def _consents_answer(message: str):
    return answer_in_place("privacy/_consents.html", message, url_for("privacy.data_page"), **_consent_context())


@bp.route("/")
@login_required
def data_page():
    return render_template("privacy/data_page.html", kept=KEPT, **_consent_context())


@bp.route("/toestemming/talenten/<int:profile_id>/intrekken", methods=["POST"])
@login_required
def revoke_talent_visibility(profile_id: int):
    consents.revoke_talent_visibility(_own(TalentProfile, profile_id, "hide_talent_profile"))
    return _consents_answer(_("Je talentenprofiel is nu alleen voor jou zichtbaar."))


@bp.route(f"/toestemming/plaatjes/<int:card_id>/<{CARD_SCOPES}:scope>/intrekken", methods=["POST"])
@login_required
def revoke_card_scope(card_id: int, scope: str):
    consents.revoke_card_scope(_own(Card, card_id, "own_card"), scope, by=current_user)
    return _consents_answer(_("Ingetrokken: %(where)s.", where=Scope(scope).label))


@bp.route("/toestemming/albums/<int:album_id>/intrekken", methods=["POST"])
@login_required
def revoke_swapping(album_id: int):
    consents.revoke_swapping(_own(CardAlbum, album_id, "keep_album"))
    return _consents_answer(_("Je album staat niet meer op ruilen."))


@bp.route("/toestemming/verhalen/<int:story_id>/intrekken", methods=["POST"])
@login_required
def revoke_story(story_id: int):
    consents.revoke_story(_own(Story, story_id, "withdraw_story"), by_id=current_user.id)
    return _consents_answer(_("Je verhaal is teruggenomen."))


@bp.route("/toestemming/nieuws/<int:support_id>/intrekken", methods=["POST"])
@login_required
def revoke_initiative_news(support_id: int):
    try:
        consents.revoke_initiative_news(_own(Support, support_id, "stop_initiative_news"))
    except InitiativeError as error:  # no longer open: the initiative's own rule says why
        notify(error.message, "error")
        return data_page(), 409
    return _consents_answer(_("Je krijgt geen nieuws meer van dit initiatief."))
