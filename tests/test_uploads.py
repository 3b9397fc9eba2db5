"""Analysts' files as they come: a corpus of messy and broken files (tests/fixtures/bad_uploads), each with the
exact messages a person sees, and thousands of generated malformed files that must never raise."""
import string
import time
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
    ("ragged_rows.csv", BY_COUNTRY, [
        "ragged_rows.csv, row 2: has 10 cells but the header has 9: check for a stray ',' or a text containing it "
        "without quotes",
        "ragged_rows.csv, row 4: has 7 cells but the header has 9: each column needs its cell, empty ones too (two "
        "separators in a row: ',,')"], []),
    ("text_after_quote.csv", BY_COUNTRY, [
        "text_after_quote.csv, row 2, column 'report': value '\"Landmine Monitor\" 2025,https:…': text follows the "
        "quote (\") that closes this cell: put the whole cell in quotes and write each quote inside it twice (\"\"), "
        "or remove the quotes"], []),
    ("unclosed_quote.csv", BY_COUNTRY, [
        "unclosed_quote.csv, row 2, column 'country': value '\"Cambodia,2024,49,,,Landmine M…': a quote (\") opens a "
        "text here and never closes, so the rest of the file would be one cell: close it, or remove the quote"], []),
    ("excel_workbook.xlsx.csv", BY_COUNTRY, [
        "excel_workbook.xlsx.csv: this is neither a text file nor a workbook (it holds binary data): upload the CSV, or "
        "the .xlsx or .ods workbook, as saved"], []),
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


def test_a_two_million_row_file_is_refused_at_the_row_limit_without_reading_it_all():
    """Rows are counted as they are read: a 4 MB file of 2,000,000 short rows took 1.4-1.9 s when all of it was
    parsed before the limit was applied; it now stops at row 20,002 (~0.03 s)."""
    data = b"year,total\n" + b"a\n" * 2_000_000
    assert len(data) <= MAX_BYTES
    t0 = time.perf_counter()
    frame, problems, _ = read_table(data, "casualties_global", "many.csv")
    took = time.perf_counter() - t0
    assert frame is None and [p.message for p in problems] == [
        f"the file has more than {MAX_ROWS:,} rows; the limit is {MAX_ROWS:,}: is it the right file?"]
    assert took < 0.5, took


HEADER = "iso3,country,year,total,killed,injured,report,source_url,note\n"
ROW = "KHM,Cambodia,2024,49,,,Landmine Monitor 2025,https://example.org/lm2025,\n"


@pytest.mark.parametrize("quote", ['"', ""])
def test_a_cell_over_the_field_limit_names_its_row_and_column(quote):
    data = (HEADER + ROW + f"KHM,Cambodia,2023,50,,,{quote}Landmine Monitor" + "x" * 200_000 + ",https://x.org,\n")
    [p] = check(data.encode(), BY_COUNTRY, "long.csv").errors
    assert (p.row, p.column) == (3, "report") and p.value.startswith(f"{quote}Landmine Monitor")
    assert "longer than 131,072 characters" in p.message and ("quote" in p.message) == bool(quote)
    assert "field limit" not in str(p)  # the csv module's own words never reach a person


def test_an_unclosed_quote_after_a_cell_on_two_lines_names_the_row_and_its_line():
    data = HEADER + ROW.replace(",\n", ',"a note\non two lines"\n') + 'KHM,"Cambodia,2023,50,,,LM,https://x.org,\n'
    [p] = check(data.encode(), BY_COUNTRY, "q.csv").errors
    assert (p.row, p.column) == (3, "country")
    assert p.message.endswith("close it, or remove the quote (the row starts on line 4 of the file)")


def test_a_broken_header_names_its_cell():
    [p] = check(b'iso3,"country,year\nKHM,Cambodia,2024\n', BY_COUNTRY, "h.csv").errors
    assert (p.row, p.column) == (1, None) and p.message.startswith("in the header, cell 2: a quote")


@pytest.mark.parametrize("dataset", list(SCHEMAS))
def test_a_file_missing_some_columns_is_never_said_to_be_another_datasets(dataset):
    """Only a header naming columns the dataset does not know points at another dataset: a casualties_by_country
    file without its report and source_url is that dataset's, incomplete."""
    columns = SCHEMAS[dataset].columns
    provenance = {"report", "source_url", "note"}
    optional = {c for c, col in columns.items() if col.nullable}
    for drop in (provenance, optional | provenance, {"report"}, {"source_url"}):
        header = [c for c in columns if c not in drop]
        report = check((",".join(header) + "\n").encode(), dataset, "t.csv")
        assert not any("this header is that of" in p.message for p in report.errors), (drop, lines(report.errors))


def test_another_datasets_file_is_still_named():
    """casualties_global's template has columns casualties_by_country does not know, and its required year."""
    data = (",".join(SCHEMAS["casualties_global"].columns) + "\n2024,1,,,,,,,LM,https://x.org,\n").encode()
    assert "this header is that of the casualties_global dataset: was the file meant for it?" in \
        [p.message for p in check(data, BY_COUNTRY, "g.csv").errors]


@pytest.mark.parametrize("body", ["", "\n", ",,,,,,,,\nTotal,,,,,,,,\n"])
def test_an_upload_with_a_header_and_no_rows_is_refused_but_an_empty_dataset_is_not(body):
    data = (HEADER + body).encode()
    plain = check(data, BY_COUNTRY, "h.csv")  # bundled files and published versions may be empty
    assert plain.errors == [] and plain.frame is not None and plain.frame.empty
    upload = safe_check(data, BY_COUNTRY, "h.csv")  # the upload page and the CLI
    assert upload.frame is None and len(upload.errors) == 1
    assert upload.errors[0].message.startswith("the file has a header but no data rows")
    assert ("left out" in upload.errors[0].message) == bool(body)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd",
                                 "https://example.org | javascript:alert(1)", "example.org"])
def test_a_source_url_must_be_a_web_address(url):
    [p] = check((HEADER + ROW.replace("https://example.org/lm2025", f'"{url}"')).encode(), BY_COUNTRY, "u.csv").errors
    assert (p.row, p.column, p.value) == (2, "source_url", url)
    assert "starting with http:// or https://" in p.message and "javascript:, data: or file addresses" in p.message


def test_a_negative_number_in_a_number_column_is_a_number_not_a_formula():
    report = check((HEADER + ROW.replace(",49,", ",-49,")).encode(), BY_COUNTRY, "n.csv")
    assert [(p.column, p.message) for p in report.errors if p.column == "total"] == [("total", "must be 0 or more")]
    assert not any("formula" in p.message for p in report.fixed)


def test_the_server_refuses_what_the_reader_would_refuse():
    """Streamlit's upload route stops a body over server.maxUploadSize while it streams in: the same limit as the
    reader's, so an oversize file is never held in memory."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == MAX_MB == MAX_BYTES // 1024 // 1024


def test_downloads_neutralise_formulas_and_keep_markup_as_text():
    report = run("formula_and_markup.csv")
    assert report.errors == []  # kept, never refused: a published version may hold them
    shown = "kept as written, and shown as plain text, never as a link, image or formula"
    assert lines(report.fixed) == [
        f"formula_and_markup.csv, row 2, column 'country': value '<b>Cambodia</b>': holds HTML markup: {shown}",
        "formula_and_markup.csv, row 2, column 'note': value '=HYPERLINK(\"http://x\")': starts like a spreadsheet "
        f"formula ('='): {shown}"]
    assert check(to_csv(report.frame, BY_COUNTRY).encode(), BY_COUNTRY, "v.csv").errors == []  # as published
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


# ------------------------------------------------------------------ whole files, generated
# Problems about the whole file; every other error names its row.
FILE_LEVEL = ("the file is ", "this is neither a text file", "the file has more than", "the file has no header row",
              "numbers in this file use both")
CSVISH = st.text(alphabet=st.sampled_from(list('ab é€,;\t|"\'\n\r=+-@<>[]()!:/.%0123456789')), max_size=600)


@st.composite
def whole_files(draw):
    """Random bytes, CSV-ish text full of quotes and delimiters, a cell past the field limit, or a row of many
    columns, after a dataset's header or none."""
    dataset = draw(st.sampled_from(list(SCHEMAS)))
    header = draw(st.sampled_from(["", ",".join(SCHEMAS[dataset].columns) + "\n"]))
    kind = draw(st.sampled_from(["bytes", "csvish", "huge", "wide"]))
    if kind == "bytes":
        return dataset, draw(st.binary(max_size=2000))
    if kind == "csvish":
        body = draw(CSVISH)
    elif kind == "huge":
        cell = draw(st.sampled_from(['"', "", 'x"', '""'])) + "x" * draw(st.integers(100_000, 140_000))
        body = draw(CSVISH) + draw(st.sampled_from([",", ";", "\n", ""])) + cell + draw(CSVISH)
    else:
        body = draw(st.sampled_from([",", ";", "\t"])).join(draw(CSVISH) for _ in range(draw(st.integers(1, 40))))
        body *= draw(st.integers(1, 300))
    return dataset, (header + body).encode(draw(st.sampled_from(["utf-8", "utf-16"])))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=whole_files())
def test_whole_generated_files_never_raise_and_every_error_says_where(case):
    dataset, data = case
    report = check(data, dataset, "whole.csv")  # safe_check's inner check: no guard, must not raise
    assert (report.frame is None) == bool(report.errors)
    for p in report.errors:
        assert p.message.strip() and p.file == "whole.csv"
        assert p.row is not None or p.message.startswith(FILE_LEVEL), str(p)
        assert "field limit" not in p.message and "expected after" not in p.message  # the csv module's words


def test_a_problem_of_the_whole_file_shows_blank_cells_not_none():
    from ui.editing import problems_table

    report = safe_check(b"year,total\n", "casualties_global", "header_only.csv")
    table = problems_table(report.errors)
    assert table.iloc[0].tolist()[:3] == ["", "", ""] and "no data rows" in table.iloc[0, 3]
    assert "None" not in safe_csv(table).decode("utf-8-sig")
