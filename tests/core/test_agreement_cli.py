"""`chugiai agreement`: two coders code the sample articles through the CLI (`--coder`), and
the figures of `agreement --unit word --json` are recomputed here, independently, from the
stored words (`chugiai segment --format json`) and the reference formulas."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.core.agreement_reference import hand_cohen, hand_fleiss, package_alpha
from tests.core.test_cli import chugiai

# (coder, tag, [(first word, words long)] per article index): A and B agree in part. (No two
# are the same span: import-annotations skips a highlight already there, whoever made it.)
PLAN = {
    "An": {"Tổ chức": [(0, 12), (30, 20), (5, 10), (0, 8)],
           "Cán bộ": [(40, 15), (60, 6), (12, 30), (3, 3)]},
    "Bình": {"Tổ chức": [(2, 12), (30, 25), (70, 10), (0, 9)],
             "Cán bộ": [(40, 9), (90, 10), (12, 29), (20, 5)],
             "Đào tạo": [(0, 4)]},
}


def _words(data: str) -> dict[int, list[tuple[int, int]]]:
    done = chugiai("--data-dir", data, "segment", "--format", "json")
    assert done.returncode == 0, done.stderr
    return {r["article_id"]: [(t["start"], t["end"]) for t in r["tokens"]] for r in json.loads(done.stdout)}


def _texts(data: str) -> dict[int, str]:
    from desktop_app import paths
    from desktop_app.core.library.articles import article_text, list_articles
    from desktop_app.core.storage.database import Database

    db = Database.open(paths.database_path(paths.data_dir(data)), read_only=True)
    try:
        return {a.id: article_text(db, a.id) for a in list_articles(db)}
    finally:
        db.close()


def _code(tmp_path: Path, data: str, coder: str, articles: list[int], words) -> list[tuple[int, int, int, str]]:
    """Coder `coder` highlights PLAN's words through `import-annotations`; returns them."""
    rows, made, texts = [], [], _texts(data)
    for tag, places in PLAN[coder].items():
        for article, (first, size) in zip(articles, places, strict=False):
            spans = words[article]
            s, e = spans[first][0], spans[min(first + size, len(spans)) - 1][1]
            made.append((article, s, e, tag))
            rows.append([article, "x", s, e, texts[article][s:e], tag, ""])
    path = tmp_path / f"{coder}.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["article_id", "article_title", "start", "end", "quote", "tags", "note"])
        w.writerows(rows)
    done = chugiai("--data-dir", data, "--coder", coder, "import-annotations", str(path))
    assert done.returncode == 0, done.stderr
    return made


def test_two_coders_through_the_cli_and_the_word_figures_recomputed(tmp_path, seeds_copy):
    data = str(tmp_path / "lib")
    assert chugiai("--data-dir", data, "import", str(seeds_copy)).returncode == 0
    words = _words(data)  # segments and stores every article
    articles = sorted(words)[:4]
    made = {"An": _code(tmp_path, data, "An", articles, words),
            "Bình": _code(tmp_path, data, "Bình", articles, words)}
    # A third article set coded by An alone stays out: only articles both coded count.
    only_an = sorted(words)[4]
    extra = tmp_path / "extra.csv"
    s0, e0 = words[only_an][0]
    extra.write_text("article_id,article_title,start,end,quote,tags,note\n"
                     f"{only_an},x,{s0},{e0},{_texts(data)[only_an][s0:e0]},Tổ chức,\n", encoding="utf-8")
    assert chugiai("--data-dir", data, "--coder", "An", "import-annotations", str(extra)).returncode == 0

    done = chugiai("--data-dir", data, "agreement", "--unit", "word", "--json")
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got["unit"] == "word" and got["coders"] == ["An", "Bình"]
    assert [t["tag"] for t in got["tags"]] == ["Cán bộ", "Đào tạo", "Tổ chức"]  # codebook order

    def values(coder: str, tag: str) -> list[int]:
        out = []
        for article in articles:
            mine = [(s, e) for a, s, e, t in made[coder] if a == article and t == tag]
            out += [int(any(s < we and e > ws for s, e in mine)) for ws, we in words[article]]
        return out

    observed = expected = 0.0
    agreeing = decisions = 0
    for row in got["tags"]:
        a, b = values("An", row["tag"]), values("Bình", row["tag"])
        assert row["units"] == len(a)
        assert row["percent"] == pytest.approx(100 * sum(x == y for x, y in zip(a, b, strict=True)) / len(a))
        assert row["cohen_kappa"] == pytest.approx(hand_cohen(a, b))
        assert row["fleiss_kappa"] == pytest.approx(hand_fleiss([[x, y] for x, y in zip(a, b, strict=True)], [0, 1]))
        assert row["alpha"] == pytest.approx(package_alpha([a, b]))
        assert -1 <= row["alpha_u"] <= 1
        n = 2 * len(a)
        ones = sum(a) + sum(b)
        observed += 2 * sum(x != y for x, y in zip(a, b, strict=True)) / n
        expected += 2 * ones * (n - ones) / (n * (n - 1))
        agreeing += sum(x == y for x, y in zip(a, b, strict=True))
        decisions += len(a)
    assert got["overall"]["alpha"] == pytest.approx(1 - observed / expected)
    assert got["overall"]["percent"] == pytest.approx(100 * agreeing / decisions)
    assert "tag" not in got["overall"]

    # Restricted to one tag and one unit; CSV written; a tag nobody used is undefined, not 0.
    target = tmp_path / "agreement.csv"
    done = chugiai("--data-dir", data, "agreement", "--coders", "An,Bình", "--unit", "sentence",
                   "--tag", "Tổ chức", "--tag", "Lãnh đạo", "--csv", str(target))
    assert done.returncode != 0 and "no tag “Lãnh đạo”" in done.stderr and "Traceback" not in done.stderr
    done = chugiai("--data-dir", data, "agreement", "--coders", "An,Bình", "--unit", "article",
                   "--tag", "Tổ chức", "--csv", str(target))
    assert done.returncode == 0, done.stderr
    with open(target, encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0][:7] == ["tag", "percent", "cohen_kappa", "fleiss_kappa", "alpha", "alpha_u", "units"]
    # Both coders gave "Tổ chức" to all four articles: no variation, so κ and α are undefined.
    assert table[1][0] == "Tổ chức" and table[1][1] == "100.0" and table[1][2] == "" and table[1][6] == "4"
    assert "no variation" in table[1][7]


def test_agreement_refuses_what_it_cannot_compute(tmp_path, seeds_copy):
    data = str(tmp_path / "lib")
    assert chugiai("--data-dir", data, "import", str(seeds_copy)).returncode == 0
    alone = chugiai("--data-dir", data, "agreement", "--json")
    assert alone.returncode == 2 and "at least two coders" in alone.stderr and "Traceback" not in alone.stderr
    unknown = chugiai("--data-dir", data, "agreement", "--coders", "An,Không có")
    assert unknown.returncode == 2 and "no coder “An”" in unknown.stderr


@pytest.mark.sqlite_only("merges the library files of the test's own data folders")
def test_coders_working_apart_and_merged_give_the_same_figures(tmp_path, seeds_copy):
    """The offline team: An and Bình each code in a library of their own (`--coder`), Bình's
    library is merged into An's, and `agreement --json` there equals the figures of the two
    coding in one library (recomputed independently by the test above)."""
    together, an, binh = (str(tmp_path / n) for n in ("together", "an", "binh"))
    for data in (together, an, binh):
        assert chugiai("--data-dir", data, "import", str(seeds_copy)).returncode == 0
    words = _words(together)
    assert _words(an) == words == _words(binh)  # the same articles, ids and words
    articles = sorted(words)[:4]
    for n, (coder, data) in enumerate((("An", together), ("Bình", together), ("An", an), ("Bình", binh))):
        files = tmp_path / f"files{n}"  # each coder's CSV of highlights, imported with --coder
        files.mkdir()
        _code(files, data, coder, articles, words)
    from desktop_app import paths

    merged = chugiai("--data-dir", an, "merge", str(paths.database_path(paths.data_dir(binh))))
    assert merged.returncode == 0, merged.stderr
    again = chugiai("--data-dir", an, "merge", str(paths.database_path(paths.data_dir(binh))))
    assert again.returncode == 0, again.stderr

    def figures(data: str) -> dict:
        done = chugiai("--data-dir", data, "agreement", "--unit", "word", "--json")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    apart, one = figures(an), figures(together)
    assert apart["coders"] == ["An", "Bình"] and apart["tags"] and apart == one
