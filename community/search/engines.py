"""The database's own full-text search, one interface over two dialects.

SQLite: an FTS5 table over search_document's title, body and keywords (external content: the
words are stored once, in search_document), kept in step by three triggers on that table, so no
write to search_document can leave it behind. `unicode61 remove_diacritics 2` folds case and
accents; the prefix indexes make "koff*" cheap; bm25 ranks (a title counts most).

PostgreSQL: a tsvector column on search_document with a GIN index. The 'simple' configuration:
the texts are in Dutch, Turkish, Arabic, Polish, Ukrainian and English, often mixed in one
neighbourhood; a Dutch stemmer would mangle the others and names, and a prefix (`:*`) finds most
of what stemming would ("wandel" finds "wandelen"). PostgreSQL folds no accents by itself (that
needs the unaccent extension, which is not IMMUTABLE for a generated column), so the indexer writes
the vector from the same folded words the query is made of (community.search.text.words); ts_rank
ranks with the title as weight A, labels B, the rest C.

Both objects exist on one engine only: they are made by the migration and by create_all (through
the table's after_create event), and community.db.include_name/include_object keep autogenerate
from comparing them. A batch migration that rebuilds search_document on SQLite must make the
triggers again (install()).
"""
from __future__ import annotations

from sqlalchemy import Table, bindparam, func, literal_column, text

from community.db import ENGINE_OWN_NAMES

FTS_TABLE = "search_document_fts"
VECTOR_COLUMN = "search_vector"
VECTOR_INDEX = "ix_search_document_search_vector"
# FTS5's shadow tables (search_document_fts_data, _idx, _docsize, _config) count as the table's own.
ENGINE_OWN_NAMES.update({FTS_TABLE, VECTOR_COLUMN, VECTOR_INDEX})


class SQLiteEngine:
    name = "sqlite"
    # title, body, keywords: a word in the title weighs five times one in the body.
    WEIGHTS = (10.0, 2.0, 4.0)

    def install(self, connection) -> None:
        for statement in (
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body, keywords, content='search_document', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
            f"CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON search_document BEGIN "
            f"INSERT INTO {FTS_TABLE}(rowid, title, body, keywords) VALUES (new.id, new.title, new.body, new.keywords); END",
            f"CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON search_document BEGIN "
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body, keywords) "
            "VALUES ('delete', old.id, old.title, old.body, old.keywords); END",
            f"CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE ON search_document BEGIN "
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body, keywords) "
            "VALUES ('delete', old.id, old.title, old.body, old.keywords); "
            f"INSERT INTO {FTS_TABLE}(rowid, title, body, keywords) VALUES (new.id, new.title, new.body, new.keywords); END",
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",  # rows that were there before
        ):
            connection.exec_driver_sql(statement)

    def uninstall(self, connection) -> None:
        for trigger in ("insert", "delete", "update"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{trigger}")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")

    def write_vectors(self, session, rows: list[dict]) -> None:
        """The triggers did it."""

    def match(self, documents: Table, terms: list[str]):
        """(the FROM clause, the condition, a rank where lower is better) for these folded words."""
        fts = literal_column(FTS_TABLE)
        # Each word as an FTS5 string with a prefix star: "koff"*. The words hold letters and
        # digits only (text.query_terms), so nothing in them is FTS5 syntax.
        expression = " ".join(f'"{term}"*' for term in terms)
        source = documents.join(text(FTS_TABLE), literal_column(f"{FTS_TABLE}.rowid") == documents.c.id)
        condition = text(f"{FTS_TABLE} MATCH :fts_query").bindparams(fts_query=expression)
        return source, condition, func.bm25(fts, *self.WEIGHTS)


class PostgresEngine:
    name = "postgresql"
    VECTOR = ("setweight(to_tsvector('simple', :title), 'A') || setweight(to_tsvector('simple', :keywords), 'B') "
              "|| setweight(to_tsvector('simple', :body), 'C')")

    def install(self, connection) -> None:
        connection.exec_driver_sql(f"ALTER TABLE search_document ADD COLUMN {VECTOR_COLUMN} tsvector")
        connection.exec_driver_sql(f"CREATE INDEX {VECTOR_INDEX} ON search_document USING gin ({VECTOR_COLUMN})")

    def uninstall(self, connection) -> None:
        """Dropping the table drops its column and index."""

    def write_vectors(self, session, rows: list[dict]) -> None:
        """Each written document's vector (rows: the values just upserted), from its words as the query
        makes them: folded, letters and digits (PostgreSQL's parser would otherwise read "<b>" as a tag
        and an address as one token, where SQLite's tokenizer and the query see words)."""
        from community.search.text import words

        by_source: dict[str, list[dict]] = {}
        for row in rows:
            source = next(name for name in SOURCE_COLUMNS if row.get(name) is not None)
            by_source.setdefault(source, []).append({
                "source_id": row[source], "title": words(row["title"]), "body": words(row["body"]),
                "keywords": words(row["keywords"])})
        for source, values in by_source.items():
            session.execute(text(f"UPDATE search_document SET {VECTOR_COLUMN} = {self.VECTOR} "
                                 f"WHERE {source} = :source_id"), values)

    def match(self, documents: Table, terms: list[str]):
        # 'koff':* & 'ocht':* — letters and digits only inside the quotes (text.query_terms).
        expression = " & ".join(f"'{term}':*" for term in terms)
        query = func.to_tsquery(literal_column("'simple'::regconfig"), bindparam("ts_query", expression))
        vector = literal_column(f"search_document.{VECTOR_COLUMN}")
        return documents, vector.op("@@")(query), -func.ts_rank(vector, query)


SOURCE_COLUMNS = ("activity_id", "initiative_id", "task_id", "talent_profile_id", "asset_id")
_ENGINES = {"sqlite": SQLiteEngine(), "postgresql": PostgresEngine()}


def for_dialect(name: str):
    try:
        return _ENGINES[name]
    except KeyError:
        raise RuntimeError(f"search has no engine for {name!r}: use SQLite or PostgreSQL") from None
