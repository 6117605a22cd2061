"""import_paths against a real SQLite file: seeds, encodings, bad files, batches."""

from __future__ import annotations

import codecs
import os
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.core.library.ingest import ImportReport, import_paths
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article
from desktop_app.core.text.normalize import normalize
from tests.core.test_ingest_decode import SENTENCE, to_cp1258
from tests.core.test_ingest_metadata import SEED_META

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"


def articles(db: Database) -> list[Article]:
    with db.session() as session:
        return list(session.scalars(select(Article).order_by(Article.id)))


def article_count(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Article))


def reasons(report: ImportReport) -> dict[str, str]:
    return {path.name: reason for path, reason in report.failed}


def test_seeds_import_with_their_metadata(db: Database, seed_files: list[Path]) -> None:
    report = import_paths(db, seed_files)
    assert (len(report.imported), report.duplicates, report.failed) == (5, [], [])
    stored = {Path(a.source_path).name: a for a in articles(db)}
    for path in seed_files:
        article = stored[path.name]
        expected = SEED_META[path.name]
        assert (article.title, article.kicker, article.source, article.author) == (
            expected.title, expected.kicker, expected.source, expected.author
        )
        assert (article.published, article.url) == (expected.published, expected.url)
        original = path.read_bytes().decode("utf-8")
        assert article.original_text == original
        assert article.text == normalize(original)
        assert article.source_path == str(path)
    assert dict(report.imported) == {Path(a.source_path): a.id for a in articles(db)}


def test_reimport_makes_no_duplicate(db: Database, seeds_copy: Path) -> None:
    first = import_paths(db, [seeds_copy])
    second = import_paths(db, [seeds_copy])
    assert len(first.imported) == 5
    assert (second.imported, len(second.duplicates), second.failed) == ([], 5, [])
    assert article_count(db) == 5
    assert second.summary() == "Imported 0 articles; 5 already in the library."


def test_all_encodings_store_the_same_nfc_text(db: Database, tmp_path: Path) -> None:
    crlf = SENTENCE.replace("\n", "\r\n")
    variants = {
        "utf8.txt": SENTENCE.encode("utf-8"),
        "utf8-bom.txt": codecs.BOM_UTF8 + SENTENCE.encode("utf-8"),
        "utf16le.txt": codecs.BOM_UTF16_LE + crlf.encode("utf-16-le"),
        "utf16be.txt": codecs.BOM_UTF16_BE + crlf.encode("utf-16-be"),
        "cp1258.txt": to_cp1258(SENTENCE),
        "nfd.txt": unicodedata.normalize("NFD", SENTENCE).encode("utf-8"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
    report = import_paths(db, [tmp_path / name for name in variants])
    assert report.failed == []
    assert [p.name for p, _ in report.imported] == ["utf8.txt"]
    assert [p.name for p in report.duplicates] == list(variants)[1:]
    (article,) = articles(db)
    assert article.text == SENTENCE


@pytest.mark.parametrize("name", ["utf16le.txt", "cp1258.txt", "nfd.txt"])
def test_each_encoding_alone_keeps_its_decoded_original(
    db: Database, tmp_path: Path, name: str
) -> None:
    data = {
        "utf16le.txt": codecs.BOM_UTF16_LE + SENTENCE.replace("\n", "\r\n").encode("utf-16-le"),
        "cp1258.txt": to_cp1258(SENTENCE),
        "nfd.txt": unicodedata.normalize("NFD", SENTENCE).encode("utf-8"),
    }[name]
    (tmp_path / name).write_bytes(data)
    report = import_paths(db, [tmp_path / name])
    assert len(report.imported) == 1
    (article,) = articles(db)
    assert article.text == SENTENCE
    assert normalize(article.original_text) == SENTENCE
    if name == "nfd.txt":
        assert article.original_text == unicodedata.normalize("NFD", SENTENCE)


def test_vietnamese_file_name_with_spaces(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "Bài viết về công tác tổ chức.txt"
    path.write_text("Tiêu đề bài viết\n\nNội dung bài viết.\n", encoding="utf-8")
    report = import_paths(db, [path])
    assert report.failed == []
    (article,) = articles(db)
    assert (article.title, article.source_path) == ("Tiêu đề bài viết", str(path))


def test_bad_files_fail_with_reasons(db: Database, tmp_path: Path) -> None:
    (tmp_path / "picture.png").write_bytes(PNG_HEADER)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n\u200b\n", encoding="utf-8")
    (tmp_path / "invalid.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d")
    (tmp_path / "folder.txt").mkdir()
    paths = [tmp_path / n for n in ["picture.png", "empty.txt", "blank.txt", "invalid.txt", "folder.txt"]]
    paths.append(tmp_path / "missing.txt")
    report = import_paths(db, paths)
    failed = reasons(report)
    assert "binary" in failed["picture.png"]
    assert "empty" in failed["empty.txt"]
    assert "no text" in failed["blank.txt"]
    assert "encoding is not recognised" in failed["invalid.txt"]
    assert "no article files" in failed["folder.txt"]
    assert "not found" in failed["missing.txt"]
    assert report.imported == [] and article_count(db) == 0
    assert report.summary() == "Imported 0 articles; 6 failed."


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Tiêu đề\n\nNội dung.\n", encoding="utf-8")
    path.chmod(0)
    try:
        report = import_paths(db, [path])
    finally:
        path.chmod(0o644)
    assert "Permission denied" in reasons(report)["secret.txt"]


def test_oversized_file_is_refused_without_reading_it(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: all NULs, binary if it were read
    report = import_paths(db, [path])
    assert reasons(report)["huge.txt"] == (
        "The file is 51.0 MB; articles larger than 50 MB are not imported."
    )


def test_special_files_are_refused(db: Database, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever
    report = import_paths(db, [fifo])
    assert "not a regular file" in reasons(report)["pipe.txt"]


def test_a_bad_file_does_not_stop_the_batch(
    db: Database, seeds_copy: Path, tmp_path: Path
) -> None:
    (seeds_copy / "002_broken.txt").write_bytes(PNG_HEADER)
    report = import_paths(db, [seeds_copy])
    assert len(report.imported) == 5
    assert [(p.name, "binary" in r) for p, r in report.failed] == [("002_broken.txt", True)]
    assert article_count(db) == 5
    assert report.summary() == "Imported 5 articles; 1 failed."


def test_folders_are_recursive_and_take_only_txt_and_md(db: Database, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "2023" / "10").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "a.txt").write_text("Bài một ở đây\n\nNội dung một.\n", encoding="utf-8")
    (root / "2023" / "10" / "b.MD").write_text("# Bài hai ở đây\n\nNội dung hai.\n", encoding="utf-8")
    (root / "2023" / "notes.csv").write_text("Bài ba\n\nNội dung ba.\n", encoding="utf-8")
    (root / "2023" / "photo.png").write_bytes(PNG_HEADER)
    (root / ".cache" / "hidden.txt").write_text("Ẩn đi nhé\n\nNội dung ẩn.\n", encoding="utf-8")
    report = import_paths(db, [root])
    assert sorted(p.name for p, _ in report.imported) == ["a.txt", "b.MD"]
    assert report.failed == []
    assert sorted(a.title for a in articles(db)) == ["Bài hai ở đây", "Bài một ở đây"]


def test_an_explicit_file_of_any_extension_is_tried(db: Database, tmp_path: Path) -> None:
    notes = tmp_path / "notes.csv"
    notes.write_text("Bài ba ở đây\n\nNội dung ba.\n", encoding="utf-8")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    report = import_paths(db, [notes, photo])
    assert [p.name for p, _ in report.imported] == ["notes.csv"]
    assert "binary" in reasons(report)["photo.jpg"]


def test_the_same_file_named_twice_is_imported_once(db: Database, seed_files: list[Path]) -> None:
    report = import_paths(db, [seed_files[0], seed_files[0].parent, str(seed_files[0])])
    assert (len(report.imported), report.duplicates) == (5, [])


def test_untitled_text_takes_its_first_sentence_not_the_file_name(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "ghi chép hội nghị.txt"
    path.write_text("Đây là một đoạn văn dài. " * 20, encoding="utf-8")
    import_paths(db, [path])
    assert articles(db)[0].title == "Đây là một đoạn văn dài."


def test_progress_and_cancel(db: Database, seed_files: list[Path]) -> None:
    calls: list[tuple[int, int]] = []
    report = import_paths(
        db,
        seed_files,
        progress=lambda done, total: calls.append((done, total)),
        should_cancel=lambda: len(calls) > 2,
    )
    assert calls == [(0, 5), (1, 5), (2, 5)]
    assert report.cancelled
    assert [p for p, _ in report.imported] == seed_files[:2]
    assert article_count(db) == 2
    assert report.summary() == "Imported 2 articles (cancelled)."


def test_progress_reaches_the_total(db: Database, seed_files: list[Path]) -> None:
    calls: list[tuple[int, int]] = []
    report = import_paths(db, seed_files, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(n, 5) for n in range(6)]
    assert not report.cancelled


@pytest.mark.sqlite_only("the failure is injected with a SQLite trigger (RAISE(ABORT))")
def test_a_database_failure_fails_each_file_and_stores_nothing(
    db: Database, seed_files: list[Path]
) -> None:
    read_only = Database.open(db.path, read_only=True)
    try:
        report = import_paths(read_only, seed_files)
    finally:
        read_only.close()
    assert report.imported == []
    assert len(report.failed) == 5
    assert all("read-only" in reason for _, reason in report.failed)
    assert article_count(db) == 0
    # The same files import normally once the database is writable.
    assert len(import_paths(db, seed_files).imported) == 5


def test_web_leftovers_are_hidden_at_import_and_the_text_keeps_them(db: Database, seed_files: list[Path]) -> None:
    import json

    from desktop_app.core.library.ingest.boilerplate import find_boilerplate

    import_paths(db, seed_files)
    with db.session() as s:
        rows = s.execute(select(Article.text, Article.hidden_spans, Article.source_path)).all()
    by_file = {Path(p).name: (text, [tuple(x) for x in json.loads(h)]) for text, h, p in rows}
    text, hidden = next(v for k, v in by_file.items() if k.startswith("004"))
    hidden_text = [text[s:e] for s, e in hidden]
    assert "Lượt xem: 1.420" in hidden_text and " In trang" in hidden_text
    assert "Lượt xem: 1.420" in text  # hidden, not deleted
    for text, hidden in by_file.values():
        assert hidden == [(s, e) for s, e, _ in find_boilerplate(text)]


def test_folders_take_web_pages_and_word_files(db: Database, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.htm").write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Hội nghị cán bộ</title></head>"
        "<body><article><h1>Hội nghị cán bộ</h1><p>Sáng nay, Ban Tổ chức Trung ương tổ chức hội nghị "
        "tổng kết công tác cán bộ năm 2023 tại Hà Nội với nhiều đại biểu tham dự.</p>"
        "<p>Hội nghị đã thảo luận nhiều nội dung quan trọng về đào tạo, bồi dưỡng cán bộ.</p>"
        "</article></body></html>", encoding="utf-8")
    (root / "b.txt").write_text("Bài văn bản\n\nNội dung.\n", encoding="utf-8")
    report = import_paths(db, [root])
    assert sorted(p.name for p, _ in report.imported) == ["a.htm", "b.txt"], report.failed
    with db.session() as s:
        page = s.scalar(select(Article).where(Article.title == "Hội nghị cán bộ"))
        assert page is not None and "Ban Tổ chức Trung ương" in page.text
        assert "<article>" in page.original_text and "<" not in page.text


def test_a_batch_imports_new_files_and_updates_a_changed_one(db: Database, seeds_copy: Path) -> None:
    from desktop_app.core.annotate.highlights import AnnotationService

    files = sorted(seeds_copy.glob("*.txt"))
    first = import_paths(db, files[:3])
    changed = files[1]
    article_id = dict(first.imported)[changed]
    text = changed.read_text(encoding="utf-8")
    quote = text.split("\n")[0][:20]  # in the title line, which the edit keeps
    h = AnnotationService(db).create_highlight(article_id, 0, len(quote))
    changed.write_text(text + "\nĐoạn bổ sung sau khi đăng.\n", encoding="utf-8")

    report = import_paths(db, files)

    assert [p for p, _ in report.imported] == files[3:]
    assert [(p, a) for p, a, _ in report.updated] == [(changed, article_id)]
    assert report.updated[0][2].kept == (h.id,)
    assert report.duplicates == [files[0], files[2]]
    assert article_count(db) == 5
    assert report.summary() == ("Imported 2 articles; 1 updated (0 highlights need re-attaching); "
                                "2 already in the library.")


def test_a_changed_file_reached_through_a_symlink_updates_its_article(db: Database, tmp_path: Path) -> None:
    real = tmp_path / "real" / "bai.txt"
    real.parent.mkdir()
    real.write_text("Ban Tổ chức Trung ương họp về công tác cán bộ.", encoding="utf-8")
    link = tmp_path / "link"
    link.symlink_to(real.parent, target_is_directory=True)
    ((_, article_id),) = import_paths(db, [link / "bai.txt"]).imported
    real.write_text("Hôm qua, Ban Tổ chức Trung ương họp về công tác cán bộ.", encoding="utf-8")
    report = import_paths(db, [real])
    assert [(p, a) for p, a, _ in report.updated] == [(real, article_id)]
    assert report.imported == [] and article_count(db) == 1
