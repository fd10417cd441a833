"""What volunteering adds to shared pages (tiles), and matching reasons put into words."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _, lazy_gettext as _l, ngettext

from community.recurrence import PATTERNS, pattern_of
from community.neighbourhoods.services import Part, register_coordinator_part, register_part
from community.talents.models import DAYS, PARTS, SKILLS
from community.volunteering.models import ORIGIN_LABELS, Origin
from community.pictograms import TILES


def tasks_part(neighbourhood) -> Part:
    return Part(title=str(_l("Vrijwilligers gezocht")), text=str(_l("Help een buur of het Huis van de Wijk")),
                icon=TILES["volunteering"], tone="sky", url=url_for("volunteering.index", slug=neighbourhood.slug))


def post_task_part(neighbourhood) -> Part:
    return Part(title=str(_l("Taken en diensten")), text=str(_l("Zet een taak of vaste dienst uit")),
                icon=TILES["ask_for_help"], tone="sky", url=url_for("volunteering.new", slug=neighbourhood.slug))


def register_volunteering_parts() -> None:
    register_part(tasks_part)
    register_coordinator_part(post_task_part)


def origin_label(origin: str) -> str:
    return str(ORIGIN_LABELS[Origin(origin)])


def repeat_label(rule: str) -> str:
    """'Elke week', 'Om de week', …: how a shift recurs, in words."""
    return str(PATTERNS[pattern_of(rule)])


def slot_label(day_part: int) -> str:
    """'dinsdag (middag)': the cell of the week grid a task falls in, in the reader's language."""
    return _("%(day)s (%(part)s)", day=DAYS[day_part // 3], part=PARTS[day_part % 3])


def reason_texts(fit, *, about_me: bool) -> list[str]:
    """A fit's reasons in words: to the volunteer ('je kunt: koken') or about them ('kan: koken')."""
    texts = []
    for reason in fit.reasons:
        if reason.kind == "skill":
            talent = SKILLS[reason.value]
            texts.append(_("je kunt: %(talent)s", talent=talent) if about_me else _("kan: %(talent)s", talent=talent))
        elif reason.kind == "free":
            when = slot_label(reason.value)
            texts.append(_("je hebt tijd op %(when)s", when=when) if about_me else _("heeft tijd op %(when)s", when=when))
        elif reason.kind == "anyone":
            texts.append(_("iedereen kan dit"))
        elif reason.kind == "places":
            texts.append(ngettext("nog %(num)d plaats", "nog %(num)d plaatsen", reason.value))
        elif reason.kind == "full":
            texts.append(_("vol, wachtlijst"))
        elif reason.kind == "arranged":
            texts.append(_("geregeld: er komt iemand helpen"))
    return texts
