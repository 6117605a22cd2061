"""Tagging throughput (parts of speech + named entities), and segmentation beside it.

1. In this process, on a sample of paragraphs: underthesea.ner() as shipped vs
   tagging.tag_paragraph (the same CRF models, features built in linear time, plus
   alignment); the outputs are compared.
2. Our whole path on a ~1 MB library: SegmentationWorker with tagging on -> worker
   process -> save. Words of every article come first, then tags: the time to the last
   stored segmentation is compared with direct word_tokenize on the same paragraphs
   (run before and after ours, as this VM's speed drifts), so the second pass must not
   slow segmentation (target >= 0.9x, as in segmentation_throughput.py).
3. Opening a ~1 MB article in the reader with the word view off (must cost what it did
   before) and on (loading POS and entities, colouring the words near the view), and a
   full repaint with and without the colours.

Prints figures, asserts nothing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/tagging_throughput.py [--quick]

--quick: a 250 KB library (1 MB by default), a sample of 4 articles, a 250 KB article.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import Figure, at_least, info, options, report  # noqa: E402
from segmentation_throughput import direct, fill_database, library_texts, paragraphs_of  # noqa: E402

from desktop_app.core.storage.database import Database  # noqa: E402


def in_process(paragraphs: list[str]) -> bool:
    """Prints the rates; True when _ner gives what underthesea.ner gives."""
    from underthesea import ner

    from desktop_app.core.nlp import pos_ner as tagging

    tagging.warm_up()
    ner("x")
    chars = sum(len(p) for p in paragraphs)
    t0 = time.perf_counter()
    ours = [tagging._ner(p) for p in paragraphs]
    t_fast = time.perf_counter() - t0
    t0 = time.perf_counter()
    for p in paragraphs:
        tagging.tag_paragraph(p)
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    theirs = [ner(p) for p in paragraphs]
    t_ner = time.perf_counter() - t0
    print(f"sample: {len(paragraphs)} paragraphs, {chars:,} characters")
    print(f"underthesea.ner per paragraph:           {chars / t_ner:9,.0f} chars/s")
    print(f"same models, linear features (_ner):     {chars / t_fast:9,.0f} chars/s "
          f"({t_ner / t_fast:.1f}x); identical output: {ours == theirs}")
    print(f"tag_paragraph (+ alignment, spans):      {chars / t_ours:9,.0f} chars/s")
    return ours == theirs


def whole_path(texts: list[str], process: object) -> tuple[float, float, int]:
    """(seconds to the last stored segmentation, seconds to the end, failures)."""
    from PySide6.QtCore import QEventLoop

    from desktop_app.core.nlp.pos_ner import articles_to_tag
    from desktop_app.ui.workers import SegmentationWorker

    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "bench.sqlite3")
        fill_database(db, texts)
        worker = SegmentationWorker(db, process, tagging=True)  # type: ignore[arg-type]
        failures: list[str] = []
        worker.failed.connect(failures.append)
        words_done: list[float] = []
        worker.progress.connect(
            lambda done, total: words_done.append(time.perf_counter()) if done == total and total else None)
        loop = QEventLoop()
        worker.finished.connect(loop.quit)
        t0 = time.perf_counter()
        worker.start()
        loop.exec()
        end = time.perf_counter()
        worker.shutdown()
        left = articles_to_tag(db)
        db.close()
    if failures or left:
        print(f"  !! failures: {failures}, {len(left)} articles left untagged")
    return words_done[-1] - t0, end - t0, len(failures)


def open_large_article(target_bytes: int = 1_000_000) -> dict[str, float]:
    """Prints the times; returns the median open time (ms) per mode."""
    import statistics

    from PySide6.QtWidgets import QApplication

    from desktop_app.core.nlp import pos_ner as tagging
    from desktop_app.core.nlp.pos_ner import Suggestion
    from desktop_app.core.nlp.stored import load_segmentation, save_segmentation, text_hash
    from desktop_app.core.storage.models import Article
    from desktop_app.ui.reader.view import ReaderView

    seed = library_texts(1)[0]
    text = "\n".join([seed] * (target_bytes // len(seed.encode("utf-8")) + 1))
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "large.sqlite3")
        with db.session() as session:
            article = Article(title="x", text=text, original_text=text, content_hash=text_hash(text))
            session.add(article)
            session.flush()
            aid = article.id
        pos, entities = tagging.tag_paragraph(text)
        save_segmentation(db, aid, text, [(s, e) for s, e, _ in pos])
        tagging.save_tags(db, aid, text, pos, entities)
        reader = ReaderView()
        reader.resize(900, 800)
        reader.show()
        app = QApplication.instance()

        def open_(mode: str) -> float:
            t0 = time.perf_counter()
            reader.set_article(text)
            reader.set_tokens(load_segmentation(db, aid))
            if mode == "on":  # what the window does when "Colour parts of speech" and
                reader.set_pos(tagging.load_pos(db, aid))  # "Show named entities" are on
                reader.set_entities(tagging.load_entities(db, aid))
            reader.set_show_pos(mode == "on")
            reader.set_show_entities(mode == "on")
            reader.viewport().repaint()
            return time.perf_counter() - t0

        def repaint_ms() -> float:
            times = []
            for _ in range(7):
                t0 = time.perf_counter()
                reader.viewport().repaint()
                times.append(time.perf_counter() - t0)
            return 1000 * statistics.median(times)

        runs: dict[str, list[float]] = {"before (no word view)": [], "word view off": [], "word view on": []}
        for _ in range(5):
            for mode, key in (("before", "before (no word view)"), ("off", "word view off"), ("on", "word view on")):
                runs[key].append(open_(mode))
                app.processEvents()
        print(f"\nopening a {len(text.encode('utf-8')):,}-byte article ({len(pos):,} words, "
              f"{len(entities):,} entities), median of 5:")
        for key, times in runs.items():
            print(f"  {key:22s} {1000 * statistics.median(times):6.0f} ms")
        t0 = time.perf_counter()
        found = tagging.load_pos(db, aid)
        t1 = time.perf_counter()
        tagging.load_entities(db, aid)
        t2 = time.perf_counter()
        print(f"  of which load_pos {1000 * (t1 - t0):.0f} ms, load_entities {1000 * (t2 - t1):.0f} ms")
        reader.set_show_pos(False)
        reader.set_show_entities(False)
        plain = repaint_ms()
        reader.set_pos(found)
        reader.set_show_pos(True)
        reader.set_entities([Suggestion(s, e, label, text[s:e]) for s, e, label in entities])
        reader.set_show_entities(True)
        print(f"  full repaint: {plain:.1f} ms plain, {repaint_ms():.1f} ms with colours and underlines")
        reader.close()
        db.close()
    return {key: 1000 * statistics.median(times) for key, times in runs.items()}


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.nlp import segmentation as nlp
    from desktop_app.core.nlp.worker_process import TAGS, SegmenterProcess

    opts = options()
    size = 250_000 if opts.quick else 1_000_000
    app = QApplication.instance() or QApplication([])  # noqa: F841
    texts = library_texts(size)
    chars = sum(len(t) for t in texts)
    paragraphs = paragraphs_of(texts)
    identical = in_process(paragraphs_of(texts[:4 if opts.quick else 8]))

    process = SegmenterProcess()
    process.start()
    process.submit(0, "x")
    process.submit(1, "x", 0, TAGS)  # load the tagging models too, as a long run would
    while process.pending:
        process.get_result(120)
    nlp.warm_up()
    print(f"\nlibrary: {len(texts)} articles, {chars:,} characters, "
          f"{sum(len(t.encode('utf-8')) for t in texts):,} bytes UTF-8")
    before = direct(paragraphs)
    t_words, t_all, _ = whole_path(texts, process)
    after = direct(paragraphs)
    process.stop()
    t_direct = (before + after) / 2
    t_tags = t_all - t_words
    print(f"direct word_tokenize per paragraph:  {t_direct:6.2f} s  {chars / t_direct:9,.0f} chars/s "
          f"(before {before:.2f} s, after {after:.2f} s)")
    print(f"ours, words of every article:        {t_words:6.2f} s  {chars / t_words:9,.0f} chars/s "
          f"-> {t_direct / t_words:.2f}x direct")
    print(f"ours, then tags of every article:    {t_tags:6.2f} s  {chars / t_tags:9,.0f} chars/s")
    print(f"ours, both passes:                   {t_all:6.2f} s  {chars / t_all:9,.0f} chars/s")
    opened = open_large_article(size)
    kb = f"{size // 1000:,} KB"
    report([at_least("ours, words of every article / direct", t_direct / t_words, 0.9, "x"),
            info("ours, then tags of every article", chars / t_tags, "chars/s"),
            Figure("_ner output identical to underthesea.ner", "identical", str(identical), "", identical),
            info(f"open a {kb} article, word view off", opened["word view off"], "ms"),
            info(f"open a {kb} article, word view on", opened["word view on"], "ms")], opts)


if __name__ == "__main__":  # the spawned worker process re-imports this module
    main()
