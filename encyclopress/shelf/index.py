"""The shelf index: every publication of an out/ folder in SQLite, kept up to date incrementally.

A library's out/ holds 100,000 publications: reading every `<slug>.dc.xml` on every run
would take minutes. The index keeps each publication's entry, and the listing of out/
(names and inode numbers, which the build's rename-into-place changes: shelf.scan) it last
saw, so a run re-reads only the records of publications with a file written, added or
removed since, and forgets the publications whose record is gone. An FTS5
table holds the titles in every script, the summaries and the subjects for the search
endpoint of `encyclopress serve`. A collection's articles (its record's dc:relation) are
kept in order, so an entry is read with its relatives: a collection's articles that out/
holds, an article's collections.

It lives in the user's cache folder, named by out/ (like the build cache), so out/ holds
only what is published. Deleting it is always safe: the next run rebuilds it from the
records in out/; a damaged one is detected, removed and rebuilt with a warning.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import re
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from encyclopress.core.cachedir import cache_home
from encyclopress.core.diagnostics import Diagnostic
from encyclopress.core.filekinds import KINDS, PublishedFile
from encyclopress.core.i18n import language_of
from encyclopress.shelf.shelf import (
    DC_SUFFIX,
    Entry,
    Related,
    files_of,
    publications_of,
    read_entry,
    scan,
)

SCHEMA_VERSION = 8  # bumped whenever the tables or the entries kept in them change: an older index is rebuilt
SCHEMA = """
CREATE TABLE publication (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a publication read again is a new version
    slug TEXT NOT NULL UNIQUE,
    identifier TEXT NOT NULL,
    updated TEXT NOT NULL,
    language TEXT NOT NULL,   -- of its title and text
    publisher TEXT NOT NULL,
    entry TEXT NOT NULL       -- the Entry as JSON
);
CREATE TABLE language (id INTEGER NOT NULL, language TEXT NOT NULL);  -- every language of the text
CREATE TABLE subject (id INTEGER NOT NULL, subject TEXT NOT NULL);
CREATE TABLE part (id INTEGER NOT NULL, position INTEGER NOT NULL, identifier TEXT NOT NULL);  -- a collection's
CREATE INDEX language_of ON language (id);
CREATE INDEX subject_of ON subject (id);
CREATE INDEX subjects ON subject (subject);
CREATE INDEX part_of ON part (id);
CREATE INDEX parts ON part (identifier);
CREATE INDEX by_identifier ON publication (identifier);
CREATE INDEX by_date ON publication (updated DESC, slug);
CREATE INDEX by_language ON publication (language);
CREATE INDEX by_publisher ON publication (publisher);
CREATE TABLE page (name TEXT PRIMARY KEY, digest TEXT NOT NULL, stamp TEXT NOT NULL);
CREATE TABLE listing (data BLOB NOT NULL);  -- out/'s names and inodes when last read (marshal)
CREATE TABLE dirty (slug TEXT NOT NULL, reshaped INTEGER NOT NULL);  -- read or removed since the pages were planned
CREATE TABLE planned (data TEXT NOT NULL);  -- what the pages' digests were made under (pages.py), JSON
CREATE VIRTUAL TABLE search USING fts5 (titles, summary, subjects, tokenize = 'unicode61 remove_diacritics 2');
"""
# Chinese and Japanese are written without spaces: each of their characters is indexed as a
# word of its own, and a query's run of them becomes a phrase, so any part of a title is found.
CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])")
WORD = re.compile(r"\w+")


def index_file(out_dir: Path) -> Path:
    """Where the index of `out_dir` lives: the user's cache folder, beside the build cache."""
    name = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:24]
    return cache_home() / "shelf" / f"{name}.sqlite"


@dataclass(frozen=True, slots=True)
class Change:
    """What a refresh did: publications (re)read and forgotten."""

    read: int
    removed: int


class ShelfIndex:
    """An open index over one out/ folder."""

    def __init__(self, out_dir: Path, warnings: list[Diagnostic], path: Path | None = None) -> None:
        self.out_dir = out_dir
        self.path = path or index_file(out_dir)
        self.warnings = warnings
        self.files: dict[str, int] = {}  # out/'s names and inodes, as the last refresh listed them
        self._dirty_upto = 0  # the last change `dirty` told of
        self.db = self._open()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ShelfIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- keeping it up to date -------------------------------------------------------

    def refresh(self) -> Change:
        """Bring the index up to date with out/; a damaged index is rebuilt from scratch once."""
        try:
            return self._refresh()
        except sqlite3.DatabaseError as error:
            self._damaged(error)
            return self._refresh()

    def _refresh(self) -> Change:
        """Read again the publications with a file added, replaced or removed since the listing
        of out/ the index last saw: two listings compared, not 100,000 publications' stamps."""
        files = scan(self.out_dir) if self.out_dir.is_dir() else {}
        self.files = files
        seen = self._seen()
        if files == seen:
            return Change(read=0, removed=0)
        touched = {name for name, _ in files.items() ^ seen.items()}  # added, removed, or replaced
        unread: list[str] = []  # files of records that could not be read: read again (and warned of) next run
        read = removed = 0
        with self.db:
            for slug in publications_of(touched, files, seen):
                before = self._shape(slug)
                self._forget(slug)
                entry = None
                if slug + DC_SUFFIX not in files:
                    removed += 1
                else:
                    read += 1
                    names = files_of(slug, files)
                    entry = read_entry(self.out_dir, slug, names, self.warnings)
                    if entry is None:
                        unread += names
                    else:
                        self._store(entry)
                reshaped = before is None or entry is None or self._shape(slug) != before
                self.db.execute("INSERT INTO dirty VALUES (?, ?)", (slug, reshaped))
            self._remember_seen({name: inode for name, inode in files.items() if name not in unread}
                                if unread else files)
        return Change(read=read, removed=removed)

    def _seen(self) -> dict[str, int]:
        row = self.db.execute("SELECT data FROM listing").fetchone()
        return marshal.loads(row[0]) if row else {}

    def _remember_seen(self, files: dict[str, int]) -> None:
        self.db.execute("DELETE FROM listing")
        self.db.execute("INSERT INTO listing VALUES (?)", (marshal.dumps(files),))

    def _forget(self, slug: str) -> None:
        row = self.db.execute("SELECT id FROM publication WHERE slug = ?", (slug,)).fetchone()
        if row:
            for table in ("language", "subject", "part", "search"):
                self.db.execute(f"DELETE FROM {table} WHERE {'rowid' if table == 'search' else 'id'} = ?", row)
            self.db.execute("DELETE FROM publication WHERE id = ?", row)

    def _shape(self, slug: str) -> tuple | None:
        """What of a publication decides which shelves it is on and what every page shares:
        while it stays the same, a publication read again changes only the pages it is on."""
        return self.db.execute(
            "SELECT identifier, language, publisher, "
            "(SELECT group_concat(language, ' ') FROM (SELECT language FROM language WHERE id = p.id ORDER BY 1)), "
            "(SELECT group_concat(subject, char(0)) FROM (SELECT subject FROM subject WHERE id = p.id ORDER BY 1)), "
            "(SELECT group_concat(identifier, ' ') FROM (SELECT identifier FROM part WHERE id = p.id ORDER BY position)) "
            "FROM publication p WHERE slug = ?", (slug,)).fetchone()

    def _store(self, entry: Entry) -> None:
        cursor = self.db.execute("INSERT INTO publication (slug, identifier, updated, language, publisher, entry) "
                                 "VALUES (?, ?, ?, ?, ?, ?)",
                                 (entry.slug, entry.identifier, entry.updated, entry.language, entry.publisher,
                                  to_json(entry)))
        row = cursor.lastrowid
        self.db.executemany("INSERT INTO part VALUES (?, ?, ?)", [(row, n, part) for n, part in enumerate(entry.parts)])
        # facets by language, not by script: kk and kk-Arab are both "Kazakh"
        languages = dict.fromkeys(language_of(tag) for tag in entry.languages)
        self.db.executemany("INSERT INTO language VALUES (?, ?)", [(row, tag) for tag in languages])
        self.db.executemany("INSERT INTO subject VALUES (?, ?)", [(row, s) for s in dict.fromkeys(entry.subjects)])
        titles = " ".join([entry.title, *(title for _, title in entry.parallel_titles)])
        self.db.execute("INSERT INTO search (rowid, titles, summary, subjects) VALUES (?, ?, ?, ?)",
                        (row, _segmented(titles), _segmented(entry.summary), _segmented(" ".join(entry.subjects))))

    # --- reading it ------------------------------------------------------------------

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM publication").fetchone()[0]

    def slugs(self, newest: int | None = None) -> list[tuple[str, int]]:
        """(slug, version) of every publication by slug, or of the `newest` ones, newest first.
        The version (its row id) changes whenever the publication is read again."""
        if newest is None:
            return list(self.db.execute("SELECT slug, id FROM publication ORDER BY slug"))
        return list(self.db.execute("SELECT slug, id FROM publication ORDER BY updated DESC, slug LIMIT ?", (newest,)))

    def distinct(self, column: str) -> list[str]:
        """Every main language or publisher of the publications, in order (read from its index)."""
        assert column in ("language", "publisher")
        return [value for (value,) in self.db.execute(f"SELECT DISTINCT {column} FROM publication ORDER BY {column}")]

    def newest(self) -> str | None:
        return self.db.execute("SELECT max(updated) FROM publication").fetchone()[0]

    def groups(self, table: str, most: int | None = None) -> dict[str, list[tuple[str, int]]]:
        """language or subject → (slug, version) of its publications, by slug: every one, or
        the `most` with the most publications."""
        assert table in ("language", "subject")
        where, keys = "", []
        if most is not None:
            keys = [key for (key,) in self.db.execute(
                f"SELECT {table} FROM {table} GROUP BY {table} ORDER BY count(*) DESC, {table} LIMIT ?", (most,))]
            where = f"WHERE t.{table} IN ({', '.join('?' * len(keys))})"
        grouped: dict[str, list[tuple[str, int]]] = {}
        rows = self.db.execute(f"SELECT t.{table}, p.slug, p.id FROM publication p JOIN {table} t USING (id) {where} "
                               f"ORDER BY p.slug", keys)  # the slug's index gives the order: no sort
        for key, slug, version in rows:
            grouped.setdefault(key, []).append((slug, version))
        return grouped

    def members(self, table: str | None, value: str = "", start: int = 0, limit: int = -1) -> list[tuple[str, int]]:
        """(slug, version) of the publications, by slug, from the `start`th: of every one
        (`table` None) or of those with the language or subject `value`."""
        source, where, values = _members_of(table, value)
        return list(self.db.execute(f"SELECT p.slug, p.id FROM {source} {where} ORDER BY p.slug LIMIT ? OFFSET ?",
                                    [*values, limit, start]))

    def around(self, table: str | None, value: str, slug: str, before: int, count: int) -> list[tuple[str, int]]:
        """`count` of `members(table, value)`, `before` of them before `slug`, in order."""
        source, where, values = _members_of(table, value)
        where = f"{where} AND p.slug" if where else "WHERE p.slug"
        earlier = list(self.db.execute(f"SELECT p.slug, p.id FROM {source} {where} < ? ORDER BY p.slug DESC LIMIT ?",
                                       [*values, slug, before]))
        later = self.db.execute(f"SELECT p.slug, p.id FROM {source} {where} >= ? ORDER BY p.slug LIMIT ?",
                                [*values, slug, count - before])
        return earlier[::-1] + list(later)

    def rank(self, table: str | None, value: str, slug: str) -> int:
        """How many of `members(table, value)` come before `slug`: where it is in that list."""
        source, where, values = _members_of(table, value)
        where = f"{where} AND p.slug < ?" if where else "WHERE p.slug < ?"
        return self.db.execute(f"SELECT count(*) FROM {source} {where}", [*values, slug]).fetchone()[0]

    def shelves_of(self, slug: str) -> list[tuple[str, str]]:
        """(table, value) of every language and subject shelf `slug` is on."""
        return list(self.db.execute(
            "SELECT 'language', language FROM language WHERE id = (SELECT id FROM publication WHERE slug = ?1) "
            "UNION ALL SELECT 'subject', subject FROM subject WHERE id = (SELECT id FROM publication WHERE slug = ?1)",
            (slug,)))

    def collections(self) -> list[tuple[str, int, str]]:
        """(slug, version, title) of every collection (a publication with parts), by slug."""
        return [(slug, version, from_json(data).title) for slug, version, data in self.db.execute(
            "SELECT slug, id, entry FROM publication WHERE id IN (SELECT id FROM part) ORDER BY slug")]

    def contents(self, version: int) -> list[tuple[str, int]]:
        """(slug, version) of the articles out/ holds of the collection `version`, in its order
        (of two publications with one identifier, the first by slug, as `entries` shows it)."""
        return list(self.db.execute(
            "SELECT a.slug, a.id FROM part t JOIN publication a ON a.id = "
            "(SELECT id FROM publication WHERE identifier = t.identifier ORDER BY slug LIMIT 1) "
            "WHERE t.id = ? ORDER BY t.position", (version,)))

    def entries(self, slugs: list[str]) -> list[Entry]:
        """The entries of `slugs`, in that order, each with its relatives (`_with_relatives`)."""
        found = {slug: from_json(data) for slug, data in self._rows_in("SELECT slug, entry FROM publication "
                                                                        "WHERE slug IN ({})", slugs)}
        return self._with_relatives([found[slug] for slug in slugs])

    def _with_relatives(self, entries: list[Entry]) -> list[Entry]:
        """Each entry with the collections that include it and, a collection, its articles out/ holds."""
        including: dict[str, list[Related]] = {}
        for identifier, data in self._rows_in("SELECT p.identifier, c.entry FROM part p JOIN publication c "
                                              "ON c.id = p.id WHERE p.identifier IN ({}) ORDER BY c.slug",
                                              [entry.identifier for entry in entries]):
            including.setdefault(identifier, []).append(_related(from_json(data)))
        named = {part for entry in entries for part in entry.parts}
        articles: dict[str, Related] = {}  # of two publications with one identifier, the first by slug
        for (data,) in self._rows_in("SELECT entry FROM publication WHERE identifier IN ({}) ORDER BY slug",
                                     sorted(named)):
            related = _related(from_json(data))
            articles.setdefault(related.identifier, related)
        return [replace(entry, collections=tuple(including.get(entry.identifier, ())),
                        contents=tuple(articles[part] for part in entry.parts if part in articles))
                if entry.parts or entry.identifier in including else entry
                for entry in entries]

    def relatives(self) -> dict[str, list[tuple[str, int]]]:
        """slug → (slug, version) of each publication it is related to (a collection to its
        articles, an article to its collections): what its entry shows of others."""
        found: dict[str, list[tuple[str, int]]] = {}
        for book, book_version, article, article_version in self.db.execute(
                "SELECT c.slug, c.id, a.slug, a.id FROM part p JOIN publication c ON c.id = p.id "
                "JOIN publication a ON a.identifier = p.identifier ORDER BY c.slug, p.position"):
            found.setdefault(book, []).append((article, article_version))
            found.setdefault(article, []).append((book, book_version))
        return found

    def _rows_in(self, query: str, values: list[str]) -> Iterator[tuple]:
        """The rows of `query`, whose `IN ({})` takes `values`, asked in chunks (SQLite's limit
        on bound parameters)."""
        for start in range(0, len(values), 500):
            chunk = values[start:start + 500]
            yield from self.db.execute(query.format(", ".join("?" * len(chunk))), chunk)

    def search(self, query: str, limit: int) -> list[str]:
        """The slugs of the publications whose titles, summary or subjects hold every word of
        `query` (a word's start is enough), best first (a title counts most), at most `limit`."""
        match = fts_query(query)
        if not match:
            return []
        rows = self.db.execute(
            "SELECT slug FROM search JOIN publication ON publication.id = search.rowid "
            "WHERE search MATCH ? ORDER BY bm25(search, 10.0, 1.0, 3.0), slug LIMIT ?", (match, limit))
        return [slug for (slug,) in rows]

    # --- the pages written from it (pages.py) ---------------------------------------

    def dirty(self) -> dict[str, bool]:
        """The publications read or removed since the pages were last planned: slug → whether
        it was added, removed or reshaped (`_shape`), as against only read again."""
        self._dirty_upto = self.db.execute("SELECT max(rowid) FROM dirty").fetchone()[0] or 0
        return {slug: bool(reshaped) for slug, reshaped in
                self.db.execute("SELECT slug, max(reshaped) FROM dirty WHERE rowid <= ? GROUP BY slug",
                                (self._dirty_upto,))}

    def planned(self) -> str | None:
        """What the written pages' digests were made under (pages.py), as it was stored."""
        row = self.db.execute("SELECT data FROM planned").fetchone()
        return row[0] if row else None

    def written_pages(self) -> dict[str, tuple[str, str]]:
        """name → (digest of what it shows, inode of the file written) of every page out/ holds."""
        return {name: (digest, stamp) for name, digest, stamp in self.db.execute("SELECT * FROM page")}

    def remember_pages(self, pages: Mapping[str, tuple[str, str]], removed: list[str], planned: str) -> None:
        """The pages written (name → digest, inode) and removed, and what they were planned
        under: every change read so far is in them, so none is dirty any more."""
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO page VALUES (?, ?, ?)",
                                [(name, digest, stamp) for name, (digest, stamp) in pages.items()])
            self.db.executemany("DELETE FROM page WHERE name = ?", [(name,) for name in removed])
            self.db.execute("DELETE FROM planned")
            self.db.execute("INSERT INTO planned VALUES (?)", (planned,))
            self.db.execute("DELETE FROM dirty WHERE rowid <= ?", (self._dirty_upto,))  # those `dirty` gave

    # --- opening, and rebuilding a damaged one --------------------------------------

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            self._damaged(error, reopen=False)
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        # check_same_thread off: the server's threads share one connection, one query at a time
        db = sqlite3.connect(self.path, check_same_thread=False)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                if version or _has_tables(db):  # another version's: start afresh, no warning needed
                    db.close()
                    _remove(self.path)
                    db = sqlite3.connect(self.path, check_same_thread=False)
                # one transaction: a statement each would wait for the disk each (16 ms against 2)
                db.executescript(f"BEGIN; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
            db.execute("PRAGMA journal_mode = WAL")  # the server reads while a rebuild writes
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _damaged(self, error: sqlite3.DatabaseError, reopen: bool = True) -> None:
        message = f"the shelf index was damaged ({error}): rebuilt from the records in {self.out_dir}"
        self.warnings.append(Diagnostic(self.path, None, message, "warning"))
        if reopen:
            self.db.close()
        _remove(self.path)
        if reopen:
            self.db = self._connect()


def _members_of(table: str | None, value: str) -> tuple[str, str, list[str]]:
    """FROM and WHERE of a shelf ordered by slug: every publication, or a language's or subject's."""
    if table is None:
        return "publication p", "", []
    assert table in ("language", "subject")
    return f"{table} t JOIN publication p USING (id)", f"WHERE t.{table} = ?", [value]


def _has_tables(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _related(entry: Entry) -> Related:
    return Related(entry.slug, entry.identifier, entry.title, entry.language, entry.edition, entry.edition_language)


def _segmented(text: str) -> str:
    return CJK.sub(r" \1 ", text)


def fts_query(query: str) -> str:
    """The user's words as an FTS5 query: each a prefix, all required; a run of CJK a phrase.
    Nothing the user types is FTS5 syntax (quotes, NEAR, column filters): only words count."""
    terms = []
    for word in WORD.findall(query):
        tokens = _segmented(word).split()
        terms.append(f'"{" ".join(tokens)}"*' if len(tokens) == 1 else f'"{" ".join(tokens)}"')
    return " AND ".join(terms)


@contextmanager
def open_index(out_dir: Path, warnings: list[Diagnostic]) -> Iterator[ShelfIndex]:
    """The index of `out_dir`, brought up to date."""
    with closing(ShelfIndex(out_dir, warnings)) as index:
        index.refresh()
        yield index


# --- entries as JSON: what the index stores ------------------------------------------

KIND_BY_SUFFIX = {kind.suffix: kind for kind in KINDS}


def to_json(entry: Entry) -> str:
    def file(f: PublishedFile) -> list[object]:
        return [f.kind.suffix, f.name, f.size]

    # a publication's relatives are the index's to find, as they are now: not kept with it
    data = {name: getattr(entry, name) for name in Entry.__slots__ if name not in ("contents", "collections")}
    data |= {"editions": [file(f) for f in entry.editions], "records": [file(f) for f in entry.records],
             "cover": file(entry.cover) if entry.cover else None}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> Entry:
    data = json.loads(text)

    def file(item: list) -> PublishedFile:
        return PublishedFile(KIND_BY_SUFFIX[item[0]], item[1], item[2])

    data |= {"editions": tuple(map(file, data["editions"])), "records": tuple(map(file, data["records"])),
             "cover": file(data["cover"]) if data["cover"] else None,
             "parallel_titles": tuple(tuple(pair) for pair in data["parallel_titles"])}
    return Entry(**{name: tuple(value) if isinstance(value, list) else value for name, value in data.items()})
