"""What tellen en vertellen adds to the neighbourhood's pages: a tile for everyone, one for the
coordinators (stories waiting, the annual report), and how the audit log names a story."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _, lazy_gettext as _l, ngettext

from community.initiatives.home import AUDIT_LABELS
from community.moderation import services as moderation
from community.neighbourhoods.services import Part, Section, register_coordinator_part, register_part, register_section
from community.stories import services as stories


def numbers_part(neighbourhood) -> Part:
    return Part(title=_("Tellen en vertellen"), text=_("Wat de buurt samen deed, in cijfers en verhalen"),
                icon="messages-square", tone="sun", url=url_for("numbers.page", slug=neighbourhood.slug))


def coordinator_stories_part(neighbourhood) -> Part:
    waiting = len(stories.waiting_stories(neighbourhood.id))
    return Part(title=_("Verhalen en jaarverslag"),
                text=ngettext("%(num)d verhaal wacht op jou", "%(num)d verhalen wachten op jou", waiting)
                if waiting else _("Het jaar voor partners, met verhalen van buren"),
                icon="file-text", tone="sun", url=url_for("stories.review", slug=neighbourhood.slug))


def wellbeing_section(neighbourhood) -> Section | None:
    """'Hoe was het?' on the home page, for the latest activity someone came to (skipping: not tapping)."""
    from flask_login import current_user

    from community.stories.wellbeing import FACES, question_for

    if not current_user.is_authenticated:
        return None
    occurrence = question_for(neighbourhood.id, current_user.id)
    if occurrence is None:
        return None
    from community.neighbourhoods.forms import ConfirmForm

    return Section("stories/_how_was_it.html", {"occurrence": occurrence, "faces": FACES, "form": ConfirmForm()})


def register_story_parts() -> None:
    register_part(numbers_part)
    register_section(wellbeing_section)
    register_coordinator_part(coordinator_stories_part)
    AUDIT_LABELS.setdefault("story_withdrawn", _l("Door de schrijver weggehaald"))
    moderation.register_audit_subject("story", moderation.AuditSubject(
        load_many=stories.load_stories, describe=lambda story: story.title, kind=_l("Verhaal"),
        url=lambda story, slug: url_for("stories.story", slug=slug, story_id=story.id)))
