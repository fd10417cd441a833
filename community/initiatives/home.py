"""What initiatives add around the app: a home-page tile, coordinator tiles, template labels."""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l, ngettext

from community.initiatives import lists as initiative_lists
from community.initiatives.moderation_targets import register_moderation_targets
from community.initiatives.models import NEED_LABELS, STATE_LABELS, NeedKind, State
from community.neighbourhoods.services import Part, register_coordinator_part, register_part
from community.pictograms import TILES

AUDIT_LABELS = {
    "publish": _l("Gepubliceerd"),
    "request_changes": _l("Aanpassing gevraagd"),
    "decline": _l("Afgewezen"),
    "hidden": _l("Verborgen"),
    "restored": _l("Teruggezet"),
    "auto_hidden": _l("Verborgen na meldingen"),
    "member_confirmed": _l("Bewoner bevestigd"),
}


def state_label(state: str) -> str:
    try:
        return str(STATE_LABELS[State(state)])
    except ValueError:
        return state


def need_label(kind: str) -> str:
    try:
        return str(NEED_LABELS[NeedKind(kind)])
    except ValueError:
        return kind


def audit_label(action: str) -> str:
    return str(AUDIT_LABELS.get(action, action))


def initiatives_part(neighbourhood) -> Part:
    return Part(title=str(_l("Initiatieven")), text=str(_l("Ideeën van buren: steun ze of doe mee")),
                icon=TILES["initiatives"], tone="rose", url=url_for("initiatives.index", slug=neighbourhood.slug))


def review_part(neighbourhood) -> Part:
    waiting = initiative_lists.queue_count(neighbourhood.id)
    return Part(title=str(_l("Initiatieven beoordelen")),
                text=ngettext("%(num)d wacht op jou", "%(num)d wachten op jou", waiting) if waiting else str(_l("Er wacht niets")),
                icon=TILES["review"], url=url_for("initiatives.review", slug=neighbourhood.slug))


def reports_part(neighbourhood) -> Part:
    from community.moderation.services import open_report_total

    open_reports = open_report_total(neighbourhood.id)
    return Part(title=str(_l("Meldingen en logboek")),
                text=(ngettext("%(num)d open melding", "%(num)d open meldingen", open_reports) if open_reports
                      else str(_l("Geen open meldingen"))),
                icon=TILES["reports"], url=url_for("moderation.reports", slug=neighbourhood.slug))


def register_initiative_parts() -> None:
    register_part(initiatives_part)
    register_coordinator_part(review_part)
    register_coordinator_part(reports_part)
    register_moderation_targets()
