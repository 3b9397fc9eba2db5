"""Analysts' files as they come: a corpus of messy and broken files (tests/fixtures/bad_uploads), each with the
exact messages a person sees, and thousands of generated malformed files that must never raise."""
import string
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import loaders
from charts.impact import ranking_chart
from loaders.reading import MAX_BYTES, MAX_MB, MAX_ROWS, read_table
from loaders.schemas import SCHEMAS
from loaders.validation import check, safe_check, to_csv
from paths import ROOT
from publish.diff import diff, merge
from publish.safe import neutralise, safe_csv

CORPUS = Path(__file__).parent / "fixtures" / "bad_uploads"
BY_COUNTRY = "casualties_by_country"


def run(name, dataset=BY_COUNTRY):
    return check((CORPUS / name).read_bytes(), dataset, name)


def lines(problems):
    return [str(p) for p in problems]


# file, dataset, the errors (exact), the fixes that must be among those reported
CASES = [
    ("windows_1252.csv", BY_COUNTRY, [], []),
    ("utf16_tab.csv", BY_COUNTRY, [], ["utf16_tab.csv, row 1: optional column(s) not in the file, left empty: killed, "
                                       "injured, note"]),
    ("utf8_bom_semicolon_decimal_comma.csv", BY_COUNTRY, [], [
        "utf8_bom_semicolon_decimal_comma.csv, row 1, column 'Total casualties': read as column 'total'",
        "utf8_bom_semicolon_decimal_comma.csv: numbers read with ',' as the decimal mark and '.' between thousands, "
        "as the file's numbers show"]),
    ("country_names.csv", BY_COUNTRY, [
        "country_names.csv, row 3, column 'iso3': value 'Cambodja': unknown country or code: did you mean Cambodia "
        "(KHM) or Samoa (WSM)?"], [
        "country_names.csv, row 1: no ISO3 column: codes taken from column 'Country'",
        "country_names.csv, row 2, column 'iso3': value 'Cambodia': read as KHM (Cambodia)"]),
    ("totals_and_blank_rows.csv", BY_COUNTRY, [], [
        "totals_and_blank_rows.csv, row 3: blank row: left out",
        "totals_and_blank_rows.csv, row 4: value 'Total': looks like a totals row: left out (the dashboard adds up "
        "what it needs)"]),
    ("ambiguous_date.csv", "withdrawals", [
        "ambiguous_date.csv, row 2, column 'date': value '05/06/2025': could be 5 June or 6 May 2025: write it as "
        "2025-06-05 or 2025-05-06"], []),
    ("day_first_dates.csv", "withdrawals", [], []),
    ("missing_column.csv", BY_COUNTRY, [
        "missing_column.csv, row 1, column 'year': required column 'year' is missing",
        "missing_column.csv, row 1: the header should name these columns (any order; download the template for this "
        "dataset): iso3, country, year, total, killed, injured, report, source_url, note"], []),
    ("wrong_dataset.csv", BY_COUNTRY, [
        "wrong_dataset.csv, row 1, column 'country': required column 'country' is missing",
        "wrong_dataset.csv, row 1, column 'year': required column 'year' is missing",
        "wrong_dataset.csv, row 1: the header should name these columns (any order; download the template for this "
        "dataset): iso3, country, year, total, killed, injured, report, source_url, note",
        "wrong_dataset.csv, row 1: this header is that of the alliances dataset: was the file meant for it?"], [
        "wrong_dataset.csv, row 1, column 'group': column 'group' is not part of casualties_by_country: ignored"]),
    ("ragged_row.csv", BY_COUNTRY, [
        "ragged_row.csv, row 2: has 10 cells but the header has 9: check for a stray ',' or a text containing it "
        "without quotes"], []),
    ("unclosed_quote.csv", BY_COUNTRY, [
        "unclosed_quote.csv: not a readable CSV file (unexpected end of data): check that every quote that opens a "
        "text also closes it"], []),
    ("excel_workbook.xlsx.csv", BY_COUNTRY, [
        "excel_workbook.xlsx.csv: this is not a text file (it holds binary data): export the sheet as CSV and upload "
        "that"], []),
    ("mixed_decimal_marks.csv", "casualties_global", [
        "mixed_decimal_marks.csv: numbers in this file use both '.' and ',' as the decimal mark: use one throughout "
        "(e.g. 0.85 and 1234, or 0,85 and 1234)",
        "mixed_decimal_marks.csv, row 3, column 'civilian_share': value '0,9': not a number: use digits, e.g. 0.85 "
        "(a share) or 1234.5"], []),
    ("not_a_number.csv", BY_COUNTRY, [
        "not_a_number.csv, row 2, column 'total': value 'about 50': not a whole number: write digits only, e.g. 6279"],
     []),
    ("killed_above_total.csv", BY_COUNTRY, [
        "killed_above_total.csv, row 2, column 'total, killed, injured': value 'total=49; killed=60; injured=': "
        "killed + injured exceeds total: check the figures come from the same report"], []),
    ("duplicate_key.csv", BY_COUNTRY, [
        "duplicate_key.csv, row 3, column 'iso3, year, report': value 'iso3=KHM; year=2024; report=Landmine Monitor "
        "2025': duplicate iso3 + year + report: each iso3 + year + report may appear once; remove or merge the "
        "repeated row"], []),
    ("empty.csv", BY_COUNTRY, ["empty.csv: the file is empty: it needs a header row and data rows"], []),
]


@pytest.mark.parametrize("name, dataset, errors, fixes", CASES, ids=[c[0] for c in CASES])
def test_corpus_file_gives_exactly_these_messages(name, dataset, errors, fixes):
    report = run(name, dataset)
    assert lines(report.errors) == errors
    assert set(fixes) <= set(lines(report.fixed)), lines(report.fixed)
    assert (report.frame is None) == bool(errors)  # nothing can be applied while errors remain


def test_corpus_values_are_read_right():
    assert run("windows_1252.csv").frame.loc[0, "country"] == "Côte d'Ivoire"
    assert run("windows_1252.csv").reading.encoding == "Windows-1252"
    r = run("utf8_bom_semicolon_decimal_comma.csv")
    assert r.frame.loc[0, "total"] == 2029 and (r.reading.delimiter, r.reading.decimal) == (";", ",")
    assert run("utf16_tab.csv").reading.delimiter == "\t"
    dates = run("day_first_dates.csv", "withdrawals").frame["date"].dt.strftime("%Y-%m-%d").tolist()
    assert dates == ["2025-12-25", "2025-06-05"]  # 25/12 shows the column is day-first


def test_every_corpus_file_is_covered_by_a_case():
    assert {p.name for p in CORPUS.iterdir()} - {c[0] for c in CASES} == {"formula_and_markup.csv"}


def test_files_over_the_limits_are_refused_with_a_reason():
    big = b"year,total\n" + b"2024,1\n" * (MAX_BYTES // 7 + 10)
    frame, problems, _ = read_table(big, "casualties_global", "big.csv")
    assert frame is None and "the limit is 5 MB" in problems[0].message
    many = b"year,total\n" + b"2024,1\n" * (MAX_ROWS + 1)
    frame, problems, _ = read_table(many, "casualties_global", "many.csv")
    assert frame is None and f"the limit is {MAX_ROWS:,}" in problems[0].message


def test_the_server_refuses_what_the_reader_would_refuse():
    """Streamlit's upload route stops a body over server.maxUploadSize while it streams in: the same limit as the
    reader's, so an oversize file is never held in memory."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == MAX_MB == MAX_BYTES // 1024 // 1024


def test_downloads_neutralise_formulas_and_keep_markup_as_text():
    report = run("formula_and_markup.csv")
    assert report.errors == []
    text = safe_csv(report.frame, citation="Monitor, =cmd|' /C calc'!A0").decode("utf-8-sig")
    assert text.splitlines()[0] == "\"# Monitor, =cmd|' /C calc'!A0\""  # one cell, starting with '#'

    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(v).startswith("'")
    # a name holding HTML is shown as text in charts (escaped), not rendered
    rows = report.frame.assign(status="state_party", status_label="State Party")
    spec = ranking_chart(rows, 2024)
    assert spec["data"][0]["y"] == ["&lt;b&gt;Cambodia&lt;/b&gt;"]


def test_canonical_csv_reads_back_to_the_same_frame():
    for d in loaders.DATASETS:
        frame = loaders.load(d)
        again = check(to_csv(frame, d).encode(), d, "x.csv")
        assert again.errors == [] and again.fixed == []
        pd.testing.assert_frame_equal(again.frame, frame)


def test_diff_and_merge_by_key():
    cur = loaders.load("casualties_global")
    new = cur[cur["year"] != 2000].copy()
    new.loc[new["year"] == 2024, "total"] = 6300
    new = pd.concat([new, cur[cur["year"] == 2024].assign(year=2025)], ignore_index=True)
    d = diff(cur, new, "casualties_global")
    assert d.added["year"].tolist() == [2025] and d.removed["year"].tolist() == [2000]
    assert d.changed[["year", "column", "before", "after"]].values.tolist() == [[2024, "total", 6279, 6300]]
    assert d.unchanged == len(cur) - 2
    merged = merge(cur, new, "casualties_global")
    assert 2000 in merged["year"].tolist()  # merge keeps what the upload does not mention
    assert merged.loc[merged["year"] == 2024, "total"].item() == 6300 and len(merged) == len(cur) + 1


# ------------------------------------------------------------------ generated malformed files
CELL = st.one_of(st.text(alphabet=string.printable + "éü€–“”\u00a0;,\t\"'", max_size=12),
                 st.sampled_from(["", "NA", "Total", "1,234", "1.234", "0,85", "12/03/1997", "25/12/1997",
                                  "1997-12-03", "=1+1", "KHM", "Cambodia", "90%", "-5", "true", "x", "-INFINITY",
                                  "nan", "1e400"]))


def _file(draw_header, rows, delimiter, encoding):
    text = "\n".join(delimiter.join(r) for r in [draw_header, *rows])
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode("utf-8")


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dataset=st.sampled_from(list(SCHEMAS)),
       extra=st.lists(st.text(max_size=8), max_size=3),
       rows=st.lists(st.lists(CELL, min_size=0, max_size=12), max_size=8),
       delimiter=st.sampled_from([",", ";", "\t", "|"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]),
       shuffle=st.randoms(use_true_random=False))
def test_generated_files_never_raise(dataset, extra, rows, delimiter, encoding, shuffle):
    header = list(SCHEMAS[dataset].columns)[: shuffle.randint(0, len(SCHEMAS[dataset].columns))] + extra
    shuffle.shuffle(header)
    report = check(_file(header, rows, delimiter, encoding), dataset, "gen.csv")  # no guard: must not raise
    assert (report.frame is None) == bool(report.errors)
    for p in report.errors:
        assert p.message and p.file == "gen.csv"


@settings(max_examples=1000, deadline=None)
@given(data=st.binary(max_size=600), dataset=st.sampled_from(list(SCHEMAS)))
def test_arbitrary_bytes_never_raise(data, dataset):
    report = check(data, dataset, "bytes.csv")
    assert report.frame is None or not report.errors


@settings(max_examples=200, deadline=None)
@given(dataset=st.sampled_from(list(SCHEMAS)), data=st.data())
def test_valid_files_stay_valid_when_cells_are_mangled(dataset, data):
    """Start from the real file and damage random cells: always a report, never an exception; and with no
    damage at all, the file is valid."""
    frame = loaders.load(dataset)
    raw = pd.read_csv(loaders.DATA_DIR / f"{dataset}.csv", dtype=str, keep_default_na=False)
    n = data.draw(st.integers(0, 4))
    for _ in range(n):
        r = data.draw(st.integers(0, len(raw) - 1))
        c = data.draw(st.sampled_from(list(raw.columns)))
        raw.iat[r, raw.columns.get_loc(c)] = data.draw(CELL)
    report = safe_check(raw.to_csv(index=False).encode(), dataset, "m.csv")
    assert not any("could not be checked" in p.message for p in report.errors)
    if n == 0:
        assert report.errors == [] and len(report.frame) == len(frame)


def test_a_whole_number_too_large_for_a_count_is_a_problem_not_a_crash():
    """Found by the mangling property test: '1E100' is whole, but no count can hold it."""
    raw = pd.read_csv(loaders.DATA_DIR / "casualties_global.csv", dtype=str, keep_default_na=False)
    raw.iat[1, 0] = "1E100"
    report = safe_check(raw.to_csv(index=False).encode(), "casualties_global", "m.csv")
    assert [(p.row, p.column, p.value) for p in report.errors] == [(3, "year", "1E100")]
    assert "not a whole number" in report.errors[0].message
