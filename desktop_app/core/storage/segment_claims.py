"""The server-only table of segmentation claims (nlp/claims.py), made with plain DDL: it
is not in Base.metadata, so a SQLite library, publish, backup and the table hashes know
nothing of it. Made by `install_claims_table` from ServerDatabase._prepare_schema (a
writable client, in the schema's advisory-lock transaction) and by `create_schema`.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

CLAIMS_DDL = (
    "CREATE TABLE IF NOT EXISTS segment_claims ("
    " kind TEXT NOT NULL,"
    " article_id INTEGER NOT NULL,"
    " client_id TEXT NOT NULL,"
    " expires_at TIMESTAMPTZ NOT NULL,"
    " PRIMARY KEY (kind, article_id))",
    "CREATE INDEX IF NOT EXISTS ix_segment_claims_client_id ON segment_claims (client_id)",
)


def install_claims_table(conn: Connection) -> None:
    """Make the claims table if it is missing, in the caller's transaction. Nothing when it
    exists (even `CREATE INDEX IF NOT EXISTS` wants the table's owner, and the coders are
    different roles). Whoever makes it lets every role that can connect use it: a claim
    holds nothing private, and connecting is what docs/postgresql-setup.sql restricts."""
    if conn.exec_driver_sql("SELECT to_regclass('segment_claims')").scalar() is not None:
        return
    for sql in CLAIMS_DDL:
        conn.exec_driver_sql(sql)
    conn.exec_driver_sql("GRANT SELECT, INSERT, UPDATE, DELETE ON segment_claims TO PUBLIC")
