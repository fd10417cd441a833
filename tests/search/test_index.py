"""The index follows every kind of change, in the transaction of the change, on both databases."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, select, text

from community.accounts import services as accounts
from community.agenda import services as agenda
from community.extensions import db
from community.initiatives import services as initiatives
from community.moderation import services as moderation
from community.neighbourhoods.models import Neighbourhood
from community.search import engines
from community.search.indexing import rebuild
from community.search.models import SearchDocument
from community.talents import services as talents
from community.volunteering import services as volunteering
from tests.conftest import on_postgres
from tests.search.conftest import activity_details, document_of, published_initiative, task_details


@pytest.fixture
def town(make_town):
    return make_town()


def index_is_whole() -> None:
    """The engine's own index agrees with the documents (FTS5 checks itself; every vector is written)."""
    if on_postgres():
        missing = db.session.scalar(text(f"SELECT count(*) FROM search_document WHERE {engines.VECTOR_COLUMN} IS NULL"))
        assert missing == 0
    else:
        db.session.execute(text(f"INSERT INTO {engines.FTS_TABLE}({engines.FTS_TABLE}) VALUES ('integrity-check')"))
    db.session.rollback()


def test_an_activity_is_written_changed_paused_and_deleted(town):
    document = document_of("activity_id", town.activity.id)
    assert (document.title, document.kind, document.audience) == ("Koffie-ochtend", "activity", "public")
    assert "Koffie-ochtend" in document.keywords and "Coffee morning" in document.keywords  # the kind, in every language
    agenda.update_activity(town.activity, activity_details(title="Taalcafé", description="Nederlands oefenen.",
                                                           kind="language_cafe"))
    document = document_of("activity_id", town.activity.id)
    assert (document.title, document.body, document.subkind) == ("Taalcafé", "Nederlands oefenen.", "language_cafe")
    assert "Koffie" not in document.keywords
    agenda.set_paused(town.activity, True)
    assert document_of("activity_id", town.activity.id) is None
    agenda.set_paused(town.activity, False)
    assert document_of("activity_id", town.activity.id).title == "Taalcafé"
    db.session.delete(town.activity)
    db.session.commit()
    assert document_of("activity_id", town.activity.id) is None
    index_is_whole()


def test_an_initiative_is_found_only_while_the_neighbourhood_sees_it(town, make_user):
    proposer = make_user(neighbourhood=town.neighbourhood)
    draft = initiatives.start_draft(town.neighbourhood, proposer, initiatives.Proposal("Bankjes", "Zitten.", "Zagen."))
    assert document_of("initiative_id", draft.id) is None
    initiatives.edit_proposal(draft, initiatives.Proposal("Bankjes in het park", "Zitten.", "Zagen."))
    initiatives.add_need(draft, "hands", "Sjouwers", 2, None)
    initiatives.transition(draft, "submit", proposer)
    assert document_of("initiative_id", draft.id) is None
    initiatives.transition(draft, "publish", town.coordinator)
    assert document_of("initiative_id", draft.id).title == "Bankjes in het park"
    need = initiatives.add_need(draft, "things", "Planken van eikenhout", None, None)
    assert "eikenhout" in document_of("initiative_id", draft.id).body
    db.session.delete(need)  # the service keeps a published initiative's needs; the index follows any deletion
    db.session.commit()
    assert "eikenhout" not in document_of("initiative_id", draft.id).body
    moderation.decide("initiative", draft.id, hide=True, actor_id=town.coordinator.id, reason="Klopt niet")
    assert document_of("initiative_id", draft.id) is None
    moderation.decide("initiative", draft.id, hide=False, actor_id=town.coordinator.id, reason="Toch goed")
    assert document_of("initiative_id", draft.id) is not None
    initiatives.transition(draft, "finish", proposer, "Drie bankjes staan er")
    document = document_of("initiative_id", draft.id)
    assert (document.subkind, "Drie bankjes" in document.body) == ("done", True)
    index_is_whole()


def test_a_declined_or_stopped_initiative_is_not_found(town, make_user):
    proposer = make_user(neighbourhood=town.neighbourhood)
    declined = initiatives.start_draft(town.neighbourhood, proposer, initiatives.Proposal("Schuur", "Bouwen.", "Veel."))
    initiatives.add_need(declined, "hands", "Bouwers", 2, None)
    initiatives.transition(declined, "submit", proposer)
    initiatives.transition(declined, "decline", town.coordinator, "Past hier niet")
    assert document_of("initiative_id", declined.id) is None
    stopped = published_initiative(town.neighbourhood, proposer, town.coordinator, title="Kas")
    initiatives.transition(stopped, "stop", proposer, "Geen tijd meer")
    assert document_of("initiative_id", stopped.id) is None


def test_reports_that_hide_an_initiative_take_it_out_of_the_index(town, make_user):
    from datetime import timedelta

    from community.db import utcnow

    for _ in range(3):
        reporter = make_user(neighbourhood=town.neighbourhood)
        reporter.created_at = utcnow() - timedelta(days=30)
        db.session.commit()
        moderation.report("initiative", town.initiative.id, reporter.id, "Niet aardig")
    db.session.refresh(town.initiative)
    assert town.initiative.is_hidden
    assert document_of("initiative_id", town.initiative.id) is None


def test_a_task_is_written_changed_and_closed_without_who_asked_or_where_exactly(town):
    request = document_of("task_id", town.request.id)
    assert "Lindelaan" not in request.title + request.body + request.keywords
    assert town.member.display_name not in request.title + request.body + request.keywords
    assert "Noord" in request.body and request.subkind == "request"
    volunteering.update_task(town.task, task_details(title="Tapdienst", description="Bier tappen.", skills=("music",)))
    document = document_of("task_id", town.task.id)
    assert (document.title, document.codes) == ("Tapdienst", "music")
    assert "Muziek maken" in document.keywords and "Koken" not in document.keywords
    volunteering.close_task(town.task, "Niet meer nodig")
    assert document_of("task_id", town.task.id) is None
    index_is_whole()


def test_a_talent_profile_follows_its_owners_choices(town):
    document = document_of("talent_profile_id", town.profile.id)
    assert (document.title, document.audience) == (town.cook.display_name, "neighbourhood")
    assert "Surinaams" in document.body and "papieren" not in document.body  # needs are the owner's own
    assert document_of("talent_profile_id", town.hidden_profile.id) is None
    assert document_of("talent_profile_id", town.coordinators_profile.id).audience == "coordinators"

    def save(visibility, skills=("cooking",)):
        talents.save_profile(town.cook, town.neighbourhood, talents.ProfileAnswers(
            list(skills), "Ik kook Turks", "", "", [], visibility))

    save("coordinators")
    assert document_of("talent_profile_id", town.profile.id).audience == "coordinators"
    save("hidden")
    assert document_of("talent_profile_id", town.profile.id) is None
    save("neighbourhood", skills=())
    assert document_of("talent_profile_id", town.profile.id) is None  # no talent page lists them
    save("neighbourhood")
    assert "Turks" in document_of("talent_profile_id", town.profile.id).body
    accounts.update_profile(town.cook, "Henk de Kok", "nl")
    assert document_of("talent_profile_id", town.profile.id).title == "Henk de Kok"
    town.cook.is_deleted = True
    db.session.commit()
    assert document_of("talent_profile_id", town.profile.id) is None
    index_is_whole()


def test_an_asset_is_written_and_removed(town):
    assert document_of("asset_id", town.asset.id).title == "Bakfiets"
    talents.remove_asset(town.neighbourhood, town.asset.id)
    assert document_of("asset_id", town.asset.id) is None


def test_a_change_that_rolls_back_leaves_the_index_as_it_was(town):
    town.activity.title = "Iets anders"
    db.session.flush()
    db.session.rollback()
    assert document_of("activity_id", town.activity.id).title == "Koffie-ochtend"
    town.activity.is_paused = True
    db.session.commit()
    assert document_of("activity_id", town.activity.id) is None


def test_deleting_what_a_document_describes_deletes_it_however_that_happens(town):
    """Cascades in the database (an account, a neighbourhood) never leave a document behind."""
    profile_id = town.profile.id
    db.session.execute(text('DELETE FROM "user" WHERE id = :id'), {"id": town.cook.id})
    db.session.commit()
    assert document_of("talent_profile_id", profile_id) is None
    index_is_whole()
    db.session.execute(delete(Neighbourhood).where(Neighbourhood.id == town.neighbourhood.id))
    db.session.commit()
    assert db.session.scalar(select(SearchDocument.id)) is None
    index_is_whole()


def _documents() -> list[tuple]:
    db.session.expire_all()
    columns = [column for column in SearchDocument.__table__.columns if column.name != "id"]
    return sorted(tuple(row) for row in db.session.execute(select(*columns)))


def test_a_rebuild_writes_what_the_changes_wrote(town, make_town, make_user):
    make_town("Selwerd", word="Selwerd")
    agenda.update_activity(town.activity, activity_details(title="Taalcafé", kind="language_cafe"))
    volunteering.close_task(town.task, "Klaar")
    accounts.update_profile(town.cook, "Henk de Kok", "nl")
    followed = _documents()
    assert len(followed) == 13
    assert rebuild(db.session) == 13
    db.session.commit()
    assert _documents() == followed
    index_is_whole()


def test_the_rebuild_command_fills_an_empty_index(app, town):
    db.session.execute(delete(SearchDocument))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["search", "rebuild"])
    assert result.exit_code == 0 and "7 documents" in result.output
    assert document_of("activity_id", town.activity.id).title == "Koffie-ochtend"
    index_is_whole()


def test_no_bulk_statement_changes_what_a_document_shows_behind_the_sessions_back():
    """The hook sees what the session flushes; an UPDATE or DELETE statement on a watched table
    passes it by. The ones there are change nothing a document shows (an initiative's support count);
    a new one must refresh the documents it changes (community.search.indexing.refresh)."""
    import re
    from pathlib import Path

    from community.search.indexing import WATCHED

    package = Path(__file__).resolve().parents[2] / "community"
    watched = "|".join(model.__name__ for model, *_rest in WATCHED)
    found = sorted(f"{path.relative_to(package)}: {match.group()}" for path in package.rglob("*.py")
                   for match in re.finditer(rf"\b(update|delete)\(({watched})\)[^\n]*", path.read_text()))
    assert found == ["initiatives/services.py: update(Initiative).where(Initiative.id == initiative.id)",
                     "privacy/erasure.py: update(Initiative).where(Initiative.id.in_(supported))"]  # support counts
