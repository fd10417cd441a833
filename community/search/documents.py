"""What a document says about each kind of thing, and who may find it.

Each source reads its rows with explicit columns (a rebuild reads thousands without loading
objects) and returns a document only for what a page shows to somebody:

- an activity that is not paused (an ended one has no next date: the search leaves it out);
- an initiative that is published or done and not hidden (what the initiatives list shows);
- a task that is not closed (never who asked, never a request's private place);
- a talent profile that is not hidden, of a person whose account is not deleted, with at least
  one talent (the talent pages list people by talent): their name, own words and wishes, for
  whom they chose (never their needs);
- an asset (things to borrow, places, organisations: public).

Labels stored as keys (an activity's kind, talents, needs, a task's origin, an asset's kind) are
written in all six languages: "koken", "cooking", "yemek" and "طبخ" all find the cook, whatever
the reader's language. A translation that changes reaches the index with `flask search rebuild`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask_babel import force_locale
from sqlalchemy import select

from community.accounts.models import User
from community.agenda.models import KIND_LABELS, Activity
from community.i18n import LANGUAGES
from community.initiatives.models import NEED_LABELS, Initiative, Need, State
from community.search.models import BODY_MAX, KEYWORDS_MAX, TITLE_MAX, Audience, Kind
from community.talents.models import ASSET_LABELS, SKILLS, Asset, TalentProfile, Visibility
from community.volunteering.models import ORIGIN_LABELS, Task

FINDABLE_STATES = (State.PUBLISHED.value, State.DONE.value)
VOCABULARIES = {"activity": KIND_LABELS, "need": NEED_LABELS, "skill": SKILLS, "origin": ORIGIN_LABELS,
                "asset": ASSET_LABELS}
_in_every_language: dict[tuple[str, str], list[str]] = {}


def labels_everywhere(vocabulary: str, code: str) -> list[str]:
    """A label in each language (each text once), kept for the life of the process."""
    key = (vocabulary, code)
    if key not in _in_every_language:
        label = VOCABULARIES[vocabulary].get(code)
        texts: list[str] = []
        for language in LANGUAGES if label is not None else ():
            with force_locale(language):
                translated = str(label)
            for text in (translated, _without_arabic_article(translated)):
                if text and text not in texts:
                    texts.append(text)
        _in_every_language[key] = texts
    return _in_every_language[key]


def _without_arabic_article(label: str) -> str:
    """'الطبخ' also as 'طبخ': an Arabic reader searching for cooking types the word without the
    article the label has (the words are prefixes, so the article would hide it)."""
    words = label.split()
    bare = [word[2:] if word.startswith("ال") and len(word) > 3 else word for word in words]
    return " ".join(bare) if bare != words else ""


def keywords(*pairs: tuple[str, Iterable[str]]) -> str:
    """The labels of these codes in every language, one line each, within the column's length."""
    lines = [" · ".join(labels_everywhere(vocabulary, code)) for vocabulary, codes in pairs for code in codes]
    text = "\n".join(line for line in lines if line)
    return text if len(text) <= KEYWORDS_MAX else text[:KEYWORDS_MAX].rsplit(" ", 1)[0]


def document(kind: str, neighbourhood_id: int, source: str, source_id: int, title: str, body: Iterable[str] = (),
             keywords_text: str = "", subkind: str = "", codes: Iterable[str] = (),
             audience: str = Audience.PUBLIC) -> dict:
    text = "\n\n".join(part.strip() for part in body if part and part.strip())
    return {"kind": kind, "neighbourhood_id": neighbourhood_id, "audience": audience, source: source_id,
            "title": title[:TITLE_MAX], "body": text[:BODY_MAX], "keywords": keywords_text, "subkind": subkind or "",
            "codes": ",".join(codes)}


def _codes(text: str, known) -> list[str]:
    return [code for code in (text or "").split(",") if code in known]


def _only(query, column, ids: list[int] | None):
    return query if ids is None else query.where(column.in_(ids))


def activities(session, ids: list[int] | None) -> dict[int, dict]:
    rows = session.execute(_only(select(Activity.id, Activity.neighbourhood_id, Activity.title, Activity.description,
                                        Activity.kind).where(Activity.is_paused.is_(False)), Activity.id, ids))
    return {row.id: document(Kind.ACTIVITY, row.neighbourhood_id, "activity_id", row.id, row.title, [row.description],
                             keywords(("activity", [row.kind])), row.kind) for row in rows}


def initiatives(session, ids: list[int] | None) -> dict[int, dict]:
    rows = session.execute(_only(select(
        Initiative.id, Initiative.neighbourhood_id, Initiative.title, Initiative.want, Initiative.can_do,
        Initiative.result, Initiative.state).where(Initiative.state.in_(FINDABLE_STATES),
                                                   Initiative.is_hidden.is_(False)), Initiative.id, ids)).all()
    needs: dict[int, list] = {}
    for need in session.execute(select(Need.initiative_id, Need.kind, Need.description).where(
            Need.initiative_id.in_([row.id for row in rows])).order_by(Need.id)) if rows else ():
        needs.setdefault(need.initiative_id, []).append(need)
    found = {}
    for row in rows:
        own = needs.get(row.id, [])
        kinds = list(dict.fromkeys(need.kind for need in own if need.kind in NEED_LABELS))
        result = row.result if row.state == State.DONE.value else ""
        found[row.id] = document(Kind.INITIATIVE, row.neighbourhood_id, "initiative_id", row.id, row.title,
                                 [row.want, row.can_do, result, "\n".join(need.description for need in own)],
                                 keywords(("need", kinds)), row.state, kinds)
    return found


def tasks(session, ids: list[int] | None) -> dict[int, dict]:
    rows = session.execute(_only(select(Task.id, Task.neighbourhood_id, Task.title, Task.description, Task.place,
                                        Task.skills, Task.origin).where(Task.is_closed.is_(False)), Task.id, ids))
    found = {}
    for row in rows:
        skills = _codes(row.skills, SKILLS)
        found[row.id] = document(Kind.TASK, row.neighbourhood_id, "task_id", row.id, row.title,
                                 [row.description, row.place], keywords(("origin", [row.origin]), ("skill", skills)),
                                 row.origin, skills)
    return found


def profiles(session, ids: list[int] | None) -> dict[int, dict]:
    rows = session.execute(_only(select(
        TalentProfile.id, TalentProfile.neighbourhood_id, TalentProfile.skills, TalentProfile.own_words,
        TalentProfile.wants, TalentProfile.visibility, User.display_name).join(User, User.id == TalentProfile.user_id)
        .where(TalentProfile.visibility != Visibility.HIDDEN.value, User.is_deleted.is_(False)), TalentProfile.id, ids))
    found = {}
    for row in rows:
        skills = _codes(row.skills, SKILLS)
        if skills and row.visibility in (Audience.NEIGHBOURHOOD, Audience.COORDINATORS):
            found[row.id] = document(Kind.TALENT, row.neighbourhood_id, "talent_profile_id", row.id, row.display_name,
                                     [row.own_words, row.wants], keywords(("skill", skills)), "profile", skills,
                                     audience=row.visibility)
    return found


def assets(session, ids: list[int] | None) -> dict[int, dict]:
    rows = session.execute(_only(select(Asset.id, Asset.neighbourhood_id, Asset.kind, Asset.name, Asset.description,
                                        Asset.public_contact), Asset.id, ids))
    return {row.id: document(Kind.TALENT, row.neighbourhood_id, "asset_id", row.id, row.name,
                             [row.description, row.public_contact], keywords(("asset", [row.kind])), row.kind)
            for row in rows}


@dataclass(frozen=True)
class Source:
    column: str                                               # the document's foreign key
    documents: Callable[[object, list[int] | None], dict[int, dict]]


SOURCES = (Source("activity_id", activities), Source("initiative_id", initiatives), Source("task_id", tasks),
           Source("talent_profile_id", profiles), Source("asset_id", assets))


def profiles_of_users(session, user_ids: Iterable[int]) -> list[int]:
    return list(session.scalars(select(TalentProfile.id).where(TalentProfile.user_id.in_(list(user_ids)))))
