"""Schema v14: a row version on what two coders may edit at once (issue 17, point 4).

`row_version INTEGER NOT NULL DEFAULT 1` on highlights, tags, article_memos and
attribute_values. Every edit of such a row says which version it was made on (the one
the user saw) and bumps it: `UPDATE ... WHERE id = :id AND row_version = :seen`. No row
updated means another coder changed it meanwhile: the edit is refused with the other
version (annotate/row_versions.ConflictError), never written over it silently. The ORM
does the WHERE and the bump itself (`version_id_col` in models.py).

Frozen like every step in migrations.py; the server step (server_migrations.py) runs the
same statements. ALTER TABLE appends the column, so it is the last column of each model.
"""

from __future__ import annotations

import sqlite3

VERSIONED_TABLES = ("highlights", "tags", "article_memos", "attribute_values")

V14_ROW_VERSIONS: tuple[str, ...] = tuple(
    f"ALTER TABLE {table} ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1" for table in VERSIONED_TABLES)


def v14_row_versions(conn: sqlite3.Connection) -> None:
    for sql in V14_ROW_VERSIONS:
        conn.execute(sql)
