"""Attributes of articles: the built-in ones from metadata, the user's typed ones, values
set for many articles in one undoable step, filters, and the CSV import (all or nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.library.attribute_filters import filtered_articles, parse_condition
from desktop_app.core.library.attributes import (
    AttributesError,
    article_attributes,
    list_attributes,
    parse_day,
    parse_number,
)
from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.history import StepLabel
from tests.core import engine_sql
from tests.core.analysis_library import sample_library


@pytest.fixture
def lib(db):
    ops, articles, _h = sample_library(db)
    return ops, articles


def values(db) -> dict[int, dict]:
    return article_attributes(db)


def user_state(db) -> tuple:
    """Every user attribute with its definition and every value."""
    attrs = [(a.id, a.name, a.kind, a.choices) for a in list_attributes(db) if not a.builtin]
    vals = sorted((aid, name, v) for aid, d in values(db).items() for name, v in d.items()
                  if name not in ("outlet", "published", "year", "author", "domain"))
    return attrs, vals


def test_built_in_attributes_come_from_the_metadata(db, lib):
    _ops, art = lib
    got = values(db)
    assert got[art["A"]] == {"outlet": "PLVN", "published": "2023-04-04T10:48", "year": 2023,
                             "author": "Tuấn Anh", "domain": "plo.vn"}
    assert got[art["B"]] == {"outlet": "TTXVN", "published": "2022-11-23", "year": 2022,
                             "domain": "baotintuc.vn"}
    assert got[art["C"]] == {"outlet": "PLVN", "author": "Trường Sơn"}
    listed = {a.name: (a.kind, a.builtin, a.count) for a in list_attributes(db)}
    assert listed == {"outlet": ("text", True, 3), "published": ("date", True, 2),
                      "year": ("number", True, 2), "author": ("text", True, 2), "domain": ("text", True, 2)}


def test_values_of_every_type_are_parsed_and_checked():
    assert parse_number("12") == 12 and parse_number(" 2,5 ") == 2.5 and parse_number("-3.25") == -3.25
    assert parse_number("1.000,5") is None and parse_number("nan") is None and parse_number("abc") is None
    assert parse_day("2023") == "2023" and parse_day("2023-04") == "2023-04"
    assert parse_day("04/04/2023") == "2023-04-04" and parse_day("2023-13") is None
    assert parse_day("31/02/2023") is None


def test_set_values_for_many_articles_in_one_undoable_step(db, lib):
    ops, art = lib
    tone = ops.define_attribute("Giọng điệu", "choice", ["Tích cực", "Trung lập", "Tiêu cực"]).value
    pages = ops.define_attribute("Số trang", "number").value
    day = ops.define_attribute("Ngày đọc", "date").value
    note = ops.define_attribute("Ghi chú", "text").value
    before = user_state(db)
    out = ops.set_attribute_values(tone.id, [art["A"], art["B"]], "tích cực")  # case and marks ignored
    assert out.changes == Changes(attributes=frozenset({art["A"], art["B"]}))
    assert ops.history.undo_label == StepLabel("attribute_set", 2, "Giọng điệu")
    ops.set_attribute_values(pages.id, [art["A"]], "12,5")
    ops.set_attribute_values(day.id, [art["B"], art["C"]], "23/11/2022")
    ops.set_attribute_values(note.id, [art["C"]], "  hai   dòng ")
    got = values(db)
    assert got[art["A"]]["Giọng điệu"] == "Tích cực" and got[art["B"]]["Giọng điệu"] == "Tích cực"
    assert got[art["A"]]["Số trang"] == 12.5
    assert got[art["B"]]["Ngày đọc"] == got[art["C"]]["Ngày đọc"] == "2022-11-23"
    assert got[art["C"]]["Ghi chú"] == "hai dòng"
    # The same value again changes nothing and records nothing.
    steps = len(ops.history.steps)
    assert not ops.set_attribute_values(tone.id, [art["A"]], "Tích cực").changes
    assert len(ops.history.steps) == steps
    after = user_state(db)
    for _ in range(4):
        ops.history.undo()
    assert user_state(db) == before
    for _ in range(4):
        ops.history.redo()
    assert user_state(db) == after
    # Clearing: None or blank.
    assert ops.set_attribute_values(tone.id, [art["A"]], "").changes.attributes == {art["A"]}
    assert "Giọng điệu" not in values(db)[art["A"]]


def test_bad_values_are_refused_and_change_nothing(db, lib):
    ops, art = lib
    tone = ops.define_attribute("Giọng điệu", "choice", ["Tích cực"]).value
    pages = ops.define_attribute("Số trang", "number").value
    day = ops.define_attribute("Ngày đọc", "date").value
    before, steps = user_state(db), len(ops.history.steps)
    with pytest.raises(AttributesError, match="“Phê phán” is not one of the choices of “Giọng điệu”"):
        ops.set_attribute_values(tone.id, [art["A"]], "Phê phán")
    with pytest.raises(AttributesError, match="“mười” is not a number"):
        ops.set_attribute_values(pages.id, [art["A"]], "mười")
    with pytest.raises(AttributesError, match="is not a date"):
        ops.set_attribute_values(day.id, [art["A"]], "hôm qua")
    with pytest.raises(AttributesError, match="no longer in the library"):
        ops.set_attribute_values(pages.id, [art["A"], 999], "3")  # one gone: none changed
    with pytest.raises(AttributesError, match="comes from the article's details"):
        ops.set_attribute_values("outlet", [art["A"]], "X")
    with pytest.raises(AttributesError, match="holds values of type number, not text"):
        ops.set_attribute_values("Số trang", [art["A"]], "3", kind="text")
    assert user_state(db) == before and len(ops.history.steps) == steps


def test_names_are_checked(db, lib):
    ops, _art = lib
    ops.define_attribute("Giọng điệu", "text")
    for name, words in (("giong dieu", "already exists"), ("  ", "needs a name"), ("Năm", None),
                        ("Outlet", "built in"), ("Source", "built in"), ("title", "built in"),
                        ("a=b", "cannot hold"), ("x:number", "cannot hold")):
        if words is None:
            assert ops.define_attribute(name, "number").value.name == name
        else:
            with pytest.raises(AttributesError, match=words):
                ops.define_attribute(name, "text")
    with pytest.raises(AttributesError, match="not a type of attribute"):
        ops.define_attribute("Khác", "boolean")
    with pytest.raises(AttributesError, match="at least one choice"):
        ops.define_attribute("Khác", "choice", ["", " "])


def test_rename_delete_and_choices_undo_exactly(db, lib):
    ops, art = lib
    tone = ops.define_attribute("Giọng điệu", "choice", ["Tích cực", "Tiêu cực"]).value
    ops.set_attribute_values(tone.id, [art["A"], art["C"]], "Tiêu cực")
    before = user_state(db)
    assert ops.rename_attribute(tone.id, "Thái độ") == Changes(attribute_definitions=True)
    assert "Thái độ" in values(db)[art["A"]]
    ops.history.undo()
    assert user_state(db) == before
    # Choices: a choice in use cannot go; a new spelling carries its values along.
    with pytest.raises(AttributesError, match="still the value of some articles \\(2\\)"):
        ops.set_attribute_choices(tone.id, ["Tích cực"])
    changes = ops.set_attribute_choices(tone.id, ["Tích cực", "TIÊU CỰC", "Trung lập"])
    assert changes.attributes == {art["A"], art["C"]} and changes.attribute_definitions
    assert values(db)[art["A"]]["Giọng điệu"] == "TIÊU CỰC"
    ops.history.undo()
    assert user_state(db) == before
    # Delete: the attribute and its values go, undo brings back both with the same id.
    changes = ops.delete_attribute(tone.id)
    assert changes == Changes(attributes=frozenset({art["A"], art["C"]}), attribute_definitions=True)
    assert user_state(db) == ([], [])
    ops.history.undo()
    assert user_state(db) == before
    ops.history.redo()
    assert user_state(db) == ([], [])


def test_setting_a_new_name_defines_the_attribute_in_the_same_step(db, lib):
    ops, art = lib
    out = ops.set_attribute_values("Năm khảo sát", [art["A"], art["B"]], "2021")
    assert out.value.kind == "number" and out.changes.attribute_definitions
    assert len(ops.history.steps) == 1
    assert values(db)[art["A"]]["Năm khảo sát"] == 2021
    ops.history.undo()
    assert user_state(db) == ([], [])
    ops.history.redo()
    assert values(db)[art["B"]]["Năm khảo sát"] == 2021
    assert ops.set_attribute_values("Chuyên mục", [art["C"]], "Thời sự", kind="choice").value.choices == ("Thời sự",)


def test_filters_on_every_type(db, lib):
    ops, art = lib
    a, b, c = art["A"], art["B"], art["C"]
    ops.set_attribute_values("Số trang", [a], "12")
    ops.set_attribute_values("Số trang", [b], "3")
    ops.set_attribute_values("Giọng điệu", [a, c], "Tích cực", kind="choice")

    def where(*conditions: str) -> set[int]:
        found = filtered_articles(db, list(conditions))
        assert found is not None
        return set(found)

    assert filtered_articles(db, []) is None
    assert where("outlet=plvn") == {a, c}  # case ignored
    assert where("source=PLVN", "year=2023") == {a}  # alias; AND across keys
    assert where("outlet=PLVN", "outlet=TTXVN") == {a, b, c}  # = on one key: either
    assert where("outlet!=PLVN") == {b}
    assert where("author=tuan anh") == {a}  # diacritics ignored
    assert where("author=") == {b} and where("author!=") == {a, c}
    assert where("year>=2023") == {a} and where("year<2023") == {b}
    assert where("published=2023") == {a} and where("published<=2022-11") == {b}
    assert where("published>2022") == {a} and where("published>=2022-11-23") == {a, b}
    assert where("published<2022-11-23") == set()
    assert where("date=2023-04-04") == {a}
    assert where("domain=plo.vn") == {a}
    assert where("Số trang>=10") == {a} and where("so trang<=3") == {b} and where("Số trang!=3") == {a, c}
    assert where("Số trang>2", "Số trang<20") == {a, b}  # a range: both hold
    assert where("Giọng điệu=tích cực") == {a, c}
    for bad, words in (("outlet", "is not a filter"), ("=x", "is not a filter"),
                       ("outlet>=A", "holds text"), ("year>=abc", "not a number"),
                       ("published>=hôm qua", "not a date"), ("màu=đỏ", "no attribute “màu”")):
        with pytest.raises(AttributesError, match=words):
            filtered_articles(db, [bad])
    assert str(parse_condition(" năm >= 2020 ")) == "năm>=2020"


def write(path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_import_by_id_guesses_types_and_is_one_undoable_step(db, lib, tmp_path):
    ops, art = lib
    a, b, c = art["A"], art["B"], art["C"]
    ops.set_attribute_values("Ghi chú", [c], "cũ")
    before = user_state(db)
    path = write(tmp_path / "thuộc tính.csv",
                 f"id;Số trang;Ngày đọc;Giọng điệu:choice;Ghi chú\n"
                 f"{a};12;2023-05-01;Tích cực;một\n"
                 f"{b};3,5;04/05/2023;Tiêu cực;\n\n"
                 f"{c};;;Tích cực;\n")
    out = ops.import_attributes(path)
    assert out.value.rows == 3 and out.value.new_attributes == ["Số trang", "Ngày đọc", "Giọng điệu"]
    assert out.changes == Changes(attributes=frozenset({a, b, c}), attribute_definitions=True)
    kinds = {x.name: (x.kind, x.choices) for x in list_attributes(db) if not x.builtin}
    assert kinds == {"Số trang": ("number", ()), "Ngày đọc": ("date", ()),
                     "Giọng điệu": ("choice", ("Tích cực", "Tiêu cực")), "Ghi chú": ("text", ())}
    got = values(db)
    assert {k: got[a][k] for k in kinds} == {"Số trang": 12, "Ngày đọc": "2023-05-01",
                                             "Giọng điệu": "Tích cực", "Ghi chú": "một"}
    assert got[b]["Số trang"] == 3.5 and got[b]["Ngày đọc"] == "2023-05-04" and "Ghi chú" not in got[b]
    assert "Ghi chú" not in got[c]  # an empty cell clears the value of an existing attribute
    assert len(ops.history.steps) == 2
    after = user_state(db)
    ops.history.undo()
    assert user_state(db) == before
    ops.history.redo()
    assert user_state(db) == after


def test_csv_import_by_title(db, lib, tmp_path):
    ops, art = lib
    path = write(tmp_path / "t.csv", "Title,Chuyên mục\n\"Bài  B\",Thời sự\nBài A,Xã hội\n")
    ops.import_attributes(path)
    got = values(db)
    assert got[art["B"]]["Chuyên mục"] == "Thời sự" and got[art["A"]]["Chuyên mục"] == "Xã hội"


@pytest.mark.parametrize("content, words", [
    ("id,Số trang:number\n{a},12\n{b},mười\n", "Row 3, column “Số trang:number”: “mười” is not a number"),
    ("id,Năm\n{a},2020\n999,2021\n", "Row 3, column “id”: there is no article with id “999”"),
    ("title,Năm\nBài A,2020\nBài X,2021\n", "Row 3, column “title”: no article has the title “Bài X”"),
    ("id,Năm\n{a},2020\n{a},2021\n", "Row 3, column “id”: this article is in row 2 too"),
    ("id,outlet\n{a},X\n", "Row 1, column “outlet”: “outlet” comes from the article's details"),
    ("id,Giọng điệu\n{a},Lạ\n", "Row 2, column “Giọng điệu”: “Lạ” is not one of the choices"),
    ("id,Giọng điệu:number\n{a},1\n", "Row 1, column “Giọng điệu:number”: “Giọng điệu” holds values of type choice"),
    ("id,Năm,Năm\n{a},1,2\n", "the column “Năm” appears twice"),
    ("id,Năm\n{a},1,2\n", "Row 2: it has 3 cells, the header only 2"),
    ("bài,Năm\n{a},1\n", "its first column must be “id” or “title”"),
    ("id\n{a}\n", "no attribute columns"),
    ("", "no header row"),
    ("id,Năm\n\"{a},1\n", "not a well-formed CSV file"),
])
def test_a_bad_csv_is_refused_naming_row_and_column_and_imports_nothing(db, lib, tmp_path, content, words):
    ops, art = lib
    ops.define_attribute("Giọng điệu", "choice", ["Tích cực"])
    ops.set_attribute_values("Ghi chú", [art["C"]], "cũ")
    before, steps = user_state(db), len(ops.history.steps)
    # Good rows and new columns come before the bad cell: none of them may stay.
    path = write(tmp_path / "bad.csv", content.format(a=art["A"], b=art["B"]))
    with pytest.raises(AttributesError, match=words) as caught:
        ops.import_attributes(path)
    assert "Nothing was imported" in str(caught.value) and str(path) in str(caught.value)
    assert user_state(db) == before and len(ops.history.steps) == steps


def test_csv_that_is_not_utf8_or_missing(db, lib, tmp_path):
    ops, art = lib
    path = write(tmp_path / "cp1258.csv", f"id,Năm\n{art['A']},Hà Nội\n", "utf-16")
    with pytest.raises(AttributesError, match="not UTF-8"):
        ops.import_attributes(path)
    with pytest.raises(AttributesError, match="Cannot read"):
        ops.import_attributes(tmp_path / "nowhere.csv")
    assert user_state(db) == ([], [])


def test_ambiguous_titles_are_refused(db, lib, tmp_path):
    from tests.core.analysis_library import add_article

    ops, _art = lib
    add_article(db, "Một văn bản khác hẳn.", "Bài A")
    path = write(tmp_path / "t.csv", "title,Năm\nBài A,2020\n")
    with pytest.raises(AttributesError, match="several articles \\(2\\) have the title “Bài A”"):
        ops.import_attributes(path)


def test_deleting_an_article_takes_its_values_and_undo_skips_it(db, lib):
    ops, art = lib
    ops.set_attribute_values("Năm", [art["A"], art["B"]], "2020")
    engine_sql.write(db, "DELETE FROM articles WHERE id = ?", art["A"])
    assert "Năm" not in values(db).get(art["A"], {})
    ops.set_attribute_values("Năm", [art["B"]], "2021")
    ops.history.undo()  # puts back 2020 on B only: A is gone
    assert values(db)[art["B"]]["Năm"] == 2020
