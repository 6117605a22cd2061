"""segment, concordance and frequencies on the command line, run as a user runs them: a
separate process on a real data folder holding the seeds. Every answer is compared with
what core gives in this process on the same library."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from desktop_app.core.analysis.concordance import concordance, sort_lines
from desktop_app.core.analysis.frequencies import word_frequencies
from desktop_app.core.analysis.stopwords import DEFAULT_FILENAME, load_stopwords, save_stopwords
from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.library.articles import article_text
from desktop_app.core.nlp.pos_ner import is_tagged, load_pos
from desktop_app.core.nlp.stored import load_segmentation
from desktop_app.core.storage.database import Database
from desktop_app.core.text.normalize import fold
from tests.core.test_cli import chugiai

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("imported") / "data"
    result = chugiai("--data-dir", str(data), "import", str(SEEDS))
    assert result.returncode == 0, result.stderr
    return data


@pytest.fixture(scope="module")
def segmented(imported: Path, tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("segmented") / "data"
    shutil.copytree(imported, data)
    result = chugiai("--data-dir", str(data), "segment", "--format", "json")
    assert result.returncode == 0, result.stderr
    return data


def copy_of(data: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(data, target)
    return target


def open_db(data: Path) -> Database:
    return Database.open(data / "chugiai.sqlite3")


def test_segment_json_segments_once_then_reuses(imported, tmp_path):
    data = copy_of(imported, tmp_path)
    first = chugiai("--data-dir", str(data), "segment", "--article", "2", "--format", "json")
    assert first.returncode == 0, first.stderr
    assert "segmented 1 article of 1 now (stored for next time)" in first.stderr
    [article] = json.loads(first.stdout)
    assert article["article_id"] == 2 and article["segmentation"] == "now"
    db = open_db(data)
    try:
        text = article_text(db, 2)
        stored = load_segmentation(db, 2)
        tagged = {(s, e): tag for s, e, tag in load_pos(db, 2) or []}  # stored for the app too
    finally:
        db.close()
    tokens = article["tokens"]
    assert stored is not None and len(tokens) > 100
    assert [(t["start"], t["end"]) for t in tokens] == [(s, e) for s, e in stored if text[s:e].strip()]
    assert all(t["text"] == text[t["start"]:t["end"]] for t in tokens)
    assert any(" " in t["text"] for t in tokens)  # words of several syllables
    # Parts of speech: the stored tagging's, for the words the tagger split the same way.
    assert all(t["pos"] == tagged.get((t["start"], t["end"])) for t in tokens)
    assert sum(t["pos"] is not None for t in tokens) > 0.95 * len(tokens)
    assert all(t["pos"] == "CH" for t in tokens if t["text"] in {".", ","} and t["pos"])
    assert {t["pos"] for t in tokens} >= {"N", "V", "Np", "CH"}
    again = chugiai("--data-dir", str(data), "segment", "--article", "2", "--format", "json")
    assert json.loads(again.stdout)[0]["segmentation"] == "stored" and "segmented" not in again.stderr


def test_segment_conll_is_conllu_with_offsets(imported, tmp_path):
    data = copy_of(imported, tmp_path)
    result = chugiai("--data-dir", str(data), "segment")
    assert result.returncode == 0, result.stderr
    assert "segmented 5 articles of 5 now" in result.stderr
    db = open_db(data)
    try:
        texts = {i: article_text(db, i) for i in range(1, 6)}
    finally:
        db.close()
    docs, article, tokens, upos = [], None, 0, {}
    for line in result.stdout.splitlines():
        if line.startswith("# newdoc id = "):
            article = int(line.removeprefix("# newdoc id = "))
            docs.append(article)
        elif line and not line.startswith("#"):
            columns = line.split("\t")
            assert len(columns) == 10
            upos[columns[3]] = upos.get(columns[3], 0) + 1
            if columns[1] == ".":
                assert (columns[3], columns[4]) == ("PUNCT", "CH")
            start, end = (int(x.split("=")[1]) for x in columns[9].split("|"))
            assert columns[1] == " ".join(texts[article][start:end].split())
            tokens += 1
    assert docs == [1, 2, 3, 4, 5] and tokens > 1000
    assert {"NOUN", "VERB", "PROPN", "PUNCT", "ADP"} <= set(upos) and upos.get("_", 0) < 0.05 * tokens
    assert result.stdout.endswith("\n\n")


def test_concordance_matches_core(segmented, tmp_path):
    data = copy_of(segmented, tmp_path)
    db = open_db(data)
    try:
        folded = concordance(db, "can bo")
        exact = concordance(db, "Đảng", match_diacritics=True)
    finally:
        db.close()
    result = chugiai("--data-dir", str(data), "concordance", "can", "bo", "--json")
    assert result.returncode == 0, result.stderr
    lines = json.loads(result.stdout)
    assert [(l["article_id"], l["start"], l["end"]) for l in lines] == [
        (l.article_id, l.start, l.end) for l in folded]
    assert {fold(l["keyword"]) for l in lines} == {"can bo"} and all(l["segmented"] for l in lines)
    assert f"{len(folded)} lines in" in result.stderr and "syllables" not in result.stderr

    result = chugiai("--data-dir", str(data), "concordance", "Đảng", "--match-diacritics", "--json",
                     "--sort", "right")
    lines = json.loads(result.stdout)
    assert [(l["article_id"], l["start"]) for l in lines] == [
        (l.article_id, l.start) for l in sort_lines(exact, "right")]
    assert {l["keyword"].casefold() for l in lines} == {"đảng"}

    result = chugiai("--data-dir", str(data), "concordance", "to", "chuc", "--limit", "3")
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 3
    assert all("tổ chức" in line.casefold() for line in result.stdout.splitlines())


def test_concordance_csv_and_unsegmented_note(imported, tmp_path):
    data = copy_of(imported, tmp_path)  # nothing segmented: matched by syllables
    out = tmp_path / "kwic.csv"
    result = chugiai("--data-dir", str(data), "concordance", "cán", "bộ", "--csv", str(out), "--delimiter", ";")
    assert result.returncode == 0, result.stderr
    assert "matched by syllables" in result.stderr
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[0] == ["article_id", "title", "start", "end", "left", "keyword", "right"]
    assert len(rows) > 20 and f"wrote {len(rows) - 1} lines" in result.stdout


def test_frequencies_match_core(segmented, tmp_path):
    data = copy_of(segmented, tmp_path)
    db = open_db(data)
    try:
        text = article_text(db, 3)
        at = text.index("cán bộ")
        AnnotationService(db).create_highlight(3, at, at + 200, ["Nhân sự/Đào tạo"])
        stop = load_stopwords()
        whole = word_frequencies(db, stopwords=stop, limit=20)
        tagged = word_frequencies(db, tag="Nhân sự")
        compounds = word_frequencies(db, article_ids=[1, 2], min_syllables=2)
    finally:
        db.close()

    def words(*args: str) -> dict:
        result = chugiai("--data-dir", str(data), "frequencies", "--json", *args)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    got = words("--stopwords", "--limit", "20")
    assert [(w["word"], w["count"], w["articles"]) for w in got["words"]] == [
        (w.word, w.count, w.articles) for w in whole.words]
    assert (got["articles"], got["unsegmented_articles"], got["total_words"]) == (5, 0, whole.total_words)
    assert got["words"][0]["rank"] == 1 and got["words"][0]["per_10000_words"] == round(
        whole.words[0].count * 10_000 / whole.total_words, 2)
    got = words("--tag", "Nhân sự")
    assert got["articles"] == 1 and [w["word"] for w in got["words"]] == [w.word for w in tagged.words]
    got = words("--article", "1", "--article", "2", "--min-syllables", "2")
    assert [w["word"] for w in got["words"]] == [w.word for w in compounds.words]

    # The list edited in the app (DATA_DIR/stopwords-vi.txt) is the one --stopwords uses.
    top = whole.words[0].word
    save_stopwords(stop | {top}, data / DEFAULT_FILENAME)
    assert top not in [w["word"] for w in words("--stopwords", "--limit", "20")["words"]]
    own = tmp_path / "mine.txt"
    own.write_text("# mine\nĐảng\n", encoding="utf-8")
    assert "Đảng" not in [w["word"] for w in words("--stopwords", str(own))["words"]]

    out = tmp_path / "tần suất.csv"
    result = chugiai("--data-dir", str(data), "frequencies", "--stopwords", "--csv", str(out))
    assert result.returncode == 0 and "wrote" in result.stdout
    with open(out, encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f)) == ["rank", "word", "count", "articles", "per_10000_words"]
    text = chugiai("--data-dir", str(data), "frequencies", "--limit", "3").stdout.splitlines()
    assert len(text) == 3 and text[0].split()[0] == "1"


def test_mistakes_are_refused_with_a_reason(imported, tmp_path):
    data = copy_of(imported, tmp_path)
    for args, message in (
        (["segment", "--article", "99"], "there is no article 99"),
        (["concordance", "cán", "--article", "99"], "there is no article 99"),
        (["frequencies", "--tag", "Không có"], "there is no tag named 'Không có'"),
        (["frequencies", "--limit", "0"], "must be at least 1"),
        (["concordance", "x", "--limit", "0"], "must be at least 1"),
        (["frequencies", "--json", "--csv", "x.csv"], "not allowed with argument"),
        (["concordance", "x", "--csv", str(tmp_path / "no" / "x.csv")], "does not exist"),
    ):
        result = chugiai("--data-dir", str(data), *args)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr


def test_segment_no_pos_is_words_only(imported, tmp_path):
    data = copy_of(imported, tmp_path)
    result = chugiai("--data-dir", str(data), "segment", "--article", "1", "--format", "json", "--no-pos")
    assert result.returncode == 0, result.stderr
    [article] = json.loads(result.stdout)
    assert article["tokens"] and all(t["pos"] is None for t in article["tokens"])
    db = open_db(data)
    try:
        assert not is_tagged(db, 1)  # nothing tagged, nothing stored
    finally:
        db.close()
