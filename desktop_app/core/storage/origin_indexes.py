"""Schema v13: the indexes an import looks its files up in (ingest/origins.py), so that its
start reads the rows of the files it imports, not every article of the library.

Frozen like every step in migrations.py; models.py creates the same statements for a new
library, on SQLite and PostgreSQL alike (every function here is deterministic on SQLite
and immutable on PostgreSQL, and both spell them the same).

- `source_path`: a file's earlier versions (a resumed import, a re-import).
- The stored path's file NAME: the same file reached another way (a symlink) is looked for
  among the stored paths of the same name. rtrim() strips the trailing run of characters
  that are not separators ('/' or '\\', for Windows paths), leaving the directory; what
  follows it is the name. (The backslash is a plain literal: neither SQLite nor PostgreSQL
  with standard_conforming_strings, its default, escapes in '...'.)
- The web address as the import compares it, stripped like Python's str.strip(): stored
  addresses are not always stripped (edited by hand, merged from other tools), so the
  expression is indexed, with every character str.isspace() accepts.
A query must spell the expression exactly as indexed, or SQLite scans the table.
"""

from __future__ import annotations

import sqlite3

# Every character str.strip() removes (tests/core/test_import_origins.py checks the set).
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
              "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
URL_KEY = f"trim(url, '{WHITESPACE}')"
SOURCE_NAME = ("substr(source_path, length(rtrim(source_path,"
               " replace(replace(source_path, '/', ''), '\\', ''))) + 1)")

V13_ORIGIN_INDEXES: tuple[str, ...] = (
    "CREATE INDEX ix_articles_source_path ON articles (source_path) WHERE source_path IS NOT NULL",
    f"CREATE INDEX ix_articles_source_name ON articles (({SOURCE_NAME})) WHERE source_path IS NOT NULL",
    f"CREATE INDEX ix_articles_url_key ON articles (({URL_KEY})) WHERE url IS NOT NULL",
)


def v13_origin_indexes(conn: sqlite3.Connection) -> None:
    for sql in V13_ORIGIN_INDEXES:
        conn.execute(sql)
