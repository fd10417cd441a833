"""One row per thing that can be found: its words, who may find it, and what it belongs to.

Only what a page shows to its audience is written here: never an email address, a request's
private place or who asked, a talent profile's needs, a draft or a hidden initiative. Each
document refers to the row it describes with a foreign key that deletes it along, so a document
never outlives its source, however that source is deleted (a cascade, a script).

The database's own full-text index stands beside this table (community/search/engines.py):
an FTS5 table kept by triggers on SQLite, a tsvector column with a GIN index on PostgreSQL.
"""
from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db
from community.search import engines

TITLE_MAX = 200
BODY_MAX = 12000       # an initiative's three texts and its needs together
KEYWORDS_MAX = 2000    # translated labels: an activity's kind, a profile's talents, in every language
CODES_MAX = 400


class Kind:
    """The four groups a search answers in, in the order the page shows them."""

    ACTIVITY = "activity"
    INITIATIVE = "initiative"
    TASK = "task"
    TALENT = "talent"      # people's talents (profiles) and what the neighbourhood has (assets)
    ALL = (ACTIVITY, INITIATIVE, TASK, TALENT)


class Audience:
    """Who may find a document. Profiles use the visibility their owner chose (talents.Visibility)."""

    PUBLIC = "public"
    NEIGHBOURHOOD = "neighbourhood"
    COORDINATORS = "coordinators"


class SearchDocument(db.Model):
    __tablename__ = "search_document"
    __table_args__ = (Index("ix_search_document_neighbourhood_kind", "neighbourhood_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    audience: Mapped[str] = mapped_column(String(20), default=Audience.PUBLIC)
    # Exactly one source; each is unique, so a document is written again with an upsert.
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), unique=True)
    initiative_id: Mapped[int | None] = mapped_column(ForeignKey("initiative.id", ondelete="CASCADE"), unique=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), unique=True)
    talent_profile_id: Mapped[int | None] = mapped_column(ForeignKey("talent_profile.id", ondelete="CASCADE"),
                                                          unique=True)
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("asset.id", ondelete="CASCADE"), unique=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body: Mapped[str] = mapped_column(String(BODY_MAX), default="")
    keywords: Mapped[str] = mapped_column(String(KEYWORDS_MAX), default="")
    # What the page needs to show a result without reading the source: an activity's kind, an
    # initiative's state, a task's origin, an asset's kind; and a task's or profile's talents.
    subkind: Mapped[str] = mapped_column(String(20), default="")
    codes: Mapped[str] = mapped_column(String(CODES_MAX), default="")


@event.listens_for(SearchDocument.__table__, "after_create")
def _install_full_text_index(_table, connection, **_kw) -> None:
    """create_all (tests, a new database) makes the engine's index too, as the migration does."""
    engines.for_dialect(connection.dialect.name).install(connection)


@event.listens_for(SearchDocument.__table__, "before_drop")
def _remove_full_text_index(_table, connection, **_kw) -> None:
    engines.for_dialect(connection.dialect.name).uninstall(connection)
