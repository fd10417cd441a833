"""Found documents as the page shows them: a link, a pictogram, labels in the reader's language,
and the words found marked (escaped first, then <mark>)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from community import pictograms
from community.agenda.models import kind_label
from community.initiatives.home import state_label
from community.search import text
from community.search.models import Kind
from community.search.services import Hit, Results, SkillHit
from community.talents.models import ASSET_LABELS, AssetKind, SKILLS
from community.volunteering.home import origin_label

HEADINGS = {
    Kind.ACTIVITY: (_l("Activiteiten"), pictograms.TILES["agenda"], "sun"),
    Kind.INITIATIVE: (_l("Initiatieven"), pictograms.TILES["initiatives"], "rose"),
    Kind.TASK: (_l("Vrijwilligers gezocht"), pictograms.TILES["volunteering"], "sky"),
    Kind.TALENT: (_l("Wat de buurt kan en heeft"), pictograms.TILES["talents"], "green"),
}


@dataclass
class Card:
    url: str
    title: Markup
    pictogram: str
    label: str = ""                 # the kind of thing, as a badge
    when: datetime | None = None    # the next date of an activity or task
    snippet: Markup = Markup("")
    talents: list[Markup] = field(default_factory=list)
    people: int | None = None       # for a talent: how many neighbours have it


@dataclass
class Section:
    kind: str
    heading: str
    pictogram: str
    tone: str
    total: int
    cards: list[Card]
    more_url: str | None = None     # all of this kind (when every kind is shown and there are more)


def sections(results: Results, neighbourhood, may_see_people: bool) -> list[Section]:
    found = []
    for group in results.groups:
        heading, pictogram, tone = HEADINGS[group.kind]
        cards = [_talent_card(skill, results.terms, neighbourhood, may_see_people) for skill in group.skills]
        cards += [_card(hit, results.terms, neighbourhood) for hit in group.hits]
        shown_everything = len(results.kinds) > 1 and group.total > len(cards)
        more_url = url_for("search.results", slug=neighbourhood.slug, q=results.query, kind=group.kind) \
            if shown_everything else None
        found.append(Section(group.kind, str(heading), pictogram, tone, group.total, cards, more_url))
    return found


def _card(hit: Hit, terms: list[str], neighbourhood) -> Card:
    slug = neighbourhood.slug
    card = Card(url="", title=text.highlight(hit.title, terms), pictogram=pictograms.FALLBACK,
                snippet=text.snippet(hit.body, terms) if hit.body else Markup(""), when=hit.next_starts_at)
    if hit.source == "activity":
        card.url = url_for("agenda.occurrence", slug=slug, occurrence_id=hit.next_slot_id)
        card.pictogram, card.label = pictograms.for_activity(hit.subkind), kind_label(hit.subkind)
        if text.fold(hit.title).startswith(text.fold(card.label)):
            card.label = ""  # "Koffie-ochtend" needs no badge saying it is a coffee morning
    elif hit.source == "initiative":
        card.url = url_for("initiatives.detail", slug=slug, initiative_id=hit.source_id)
        card.pictogram, card.label = pictograms.TILES["initiatives"], state_label(hit.subkind)
    elif hit.source == "task":
        card.url = url_for("volunteering.task", slug=slug, task_id=hit.source_id)
        card.pictogram, card.label = pictograms.for_task(hit.codes), origin_label(hit.subkind)
        card.talents = _talents(hit.codes, terms)
    elif hit.source == "profile":
        # The talent page that lists this person: the first of their talents the words name, else their first.
        known = [code for code in hit.codes if code in SKILLS] or ["_"]
        shown = next((code for code in known if text.all_terms_in([str(SKILLS.get(code, ""))], terms)), known[0])
        card.url = url_for("talents.skill", slug=slug, code=shown)
        card.pictogram = pictograms.for_talent(shown)
        card.talents = _talents(hit.codes, terms)
    else:
        card.url = url_for("talents.overview", slug=slug) + f"#assets-{hit.subkind}"
        card.pictogram = pictograms.for_asset(hit.subkind)
        card.label = str(ASSET_LABELS.get(_asset_kind(hit.subkind), ""))
    return card


def _talents(codes: list[str], terms: list[str]) -> list[Markup]:
    return [text.highlight(str(SKILLS[code]), terms) for code in codes if code in SKILLS]


def _talent_card(skill: SkillHit, terms: list[str], neighbourhood, may_see_people: bool) -> Card:
    url = url_for("talents.skill", slug=neighbourhood.slug, code=skill.code) if may_see_people \
        else url_for("talents.overview", slug=neighbourhood.slug) + "#people-heading"
    return Card(url=url, title=text.highlight(str(SKILLS[skill.code]), terms), pictogram=pictograms.for_talent(skill.code),
                people=skill.people)


def _asset_kind(value: str):
    try:
        return AssetKind(value)
    except ValueError:
        return None
