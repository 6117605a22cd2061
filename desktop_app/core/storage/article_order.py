"""What keeps the library list cheap at a million articles (schema v9): stored sort keys
for titles and sources, and highlight counts kept per article by triggers.

Titles and sources sort ignoring case and diacritics, which SQLite cannot compute; the
folded keys are stored beside them (set on insert by the column defaults, on an ORM
update by a mapper event) so an index serves the sort. The counts are a table of their
own, updated by triggers in the same statement as the highlight: every writer (an
operation, an undo, an import, a cascade from a deleted article) keeps them right, and
the list never groups all highlights (36 ms at 500,000 after every highlight change).

`article_log` records, by trigger, each article added, removed or given new list metadata,
so that a window learns what another process changed by reading the log since it last
looked (operations/remote.py), not a fingerprint of every article's metadata (0.26 s at
100,000 articles, at start and after each commit).
"""

from __future__ import annotations

from typing import Any

from desktop_app.core.text.normalize import fold


def title_key(title: str | None) -> str:
    return fold(title or "")


def source_key(source: str | None) -> str | None:
    """None for no source: those sort last (`source_key IS NULL` leads the index)."""
    return fold(source) if source and source.strip() else None


def title_key_default(context: Any) -> str:
    return title_key(context.get_current_parameters().get("title"))


def source_key_default(context: Any) -> str | None:
    return source_key(context.get_current_parameters().get("source"))


# The triggers as create_all makes them; migrations.py keeps its own frozen copy (v9).
# A count row exists only while the article has highlights (n > 0).
HIGHLIGHT_COUNT_TRIGGERS = (
    """CREATE TRIGGER tr_highlight_counts_insert AFTER INSERT ON highlights BEGIN
	INSERT INTO highlight_counts (article_id, n) VALUES (NEW.article_id, 1)
		ON CONFLICT (article_id) DO UPDATE SET n = n + 1;
END""",
    """CREATE TRIGGER tr_highlight_counts_delete AFTER DELETE ON highlights BEGIN
	UPDATE highlight_counts SET n = n - 1 WHERE article_id = OLD.article_id;
	DELETE FROM highlight_counts WHERE article_id = OLD.article_id AND n <= 0;
END""",
    """CREATE TRIGGER tr_highlight_counts_move AFTER UPDATE OF article_id ON highlights
WHEN NEW.article_id IS NOT OLD.article_id BEGIN
	UPDATE highlight_counts SET n = n - 1 WHERE article_id = OLD.article_id;
	DELETE FROM highlight_counts WHERE article_id = OLD.article_id AND n <= 0;
	INSERT INTO highlight_counts (article_id, n) VALUES (NEW.article_id, 1)
		ON CONFLICT (article_id) DO UPDATE SET n = n + 1;
END""",
)

LOG_KEPT = 200_000  # log entries kept: a window two seconds behind never needs more
ARTICLE_LOG_TRIGGERS = (
    """CREATE TRIGGER tr_article_log_added AFTER INSERT ON articles BEGIN
	INSERT INTO article_log (article_id, kind) VALUES (NEW.id, 'a');
END""",
    """CREATE TRIGGER tr_article_log_removed AFTER DELETE ON articles BEGIN
	INSERT INTO article_log (article_id, kind) VALUES (OLD.id, 'r');
END""",
    """CREATE TRIGGER tr_article_log_metadata AFTER UPDATE OF title, kicker, source, author, url, published
ON articles BEGIN
	INSERT INTO article_log (article_id, kind) VALUES (NEW.id, 'm');
END""",
    f"""CREATE TRIGGER tr_article_log_prune AFTER INSERT ON article_log BEGIN
	DELETE FROM article_log WHERE seq <= NEW.seq - {LOG_KEPT};
END""",
)
