"""Each schema accepts the bundled data and rejects each kind of bad value with a message a person can act on."""
import csv
import io

import pytest

import loaders
from loaders.schemas import SCHEMAS
from loaders.validation import check, validate_bytes


def bundled_rows(dataset):
    text = (loaders.DATA_DIR / f"{dataset}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def to_bytes(rows, columns=None):
    columns = columns or list(rows[0])
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def problems_after(dataset, edits):
    """Validate the bundled file with `edits` = {(row_index, column): value} applied."""
    rows = bundled_rows(dataset)
    for (i, col), value in edits.items():
        rows[i][col] = value
    frame, problems = validate_bytes(to_bytes(rows), dataset, f"{dataset}.csv")
    assert frame is None
    return problems


def row_of(dataset, **match):
    rows = bundled_rows(dataset)
    return next(i for i, r in enumerate(rows) if all(r[k] == v for k, v in match.items()))


@pytest.mark.parametrize("dataset", list(SCHEMAS))
def test_bundled_dataset_is_valid(dataset):
    frame = loaders.load(dataset)
    assert len(frame) > 0
    assert list(frame.columns) == list(SCHEMAS[dataset].columns)


CASES = [
    # dataset, row match, column, bad value, words the message must contain
    ("membership", {"iso3": "FRA"}, "iso3", "FRX", "unknown country or code"),
    ("membership", {"iso3": "FRA"}, "signature_date", "03/12/1997", "could be 3 December or 12 March 1997"),
    ("membership", {"iso3": "FRA"}, "signature_date", "2001-01-01", "Article 15"),
    ("membership", {"iso3": "FRA"}, "consent_type", "ratified", "must be one of"),
    ("membership", {"iso3": "FRA"}, "consent_date", "1997-12-02", "on or after 1997-12-03"),
    ("membership", {"iso3": "FRA"}, "entry_into_force_date", "1999-04-01", "Article 17"),
    ("membership", {"iso3": "FRA"}, "source_url", "", "empty but required"),
    ("membership", {"iso3": "FRA"}, "source_url", "www.example.org", "http://"),
    ("membership", {"iso3": "FRA"}, "name", "", "empty but required"),
    ("withdrawals", {"iso3": "POL", "event": "effective"}, "event", "left", "must be one of"),
    ("withdrawals", {"iso3": "POL", "event": "effective"}, "date", "Feb 2026", "YYYY-MM-DD"),
    ("withdrawals", {"iso3": "POL", "event": "effective"}, "date_certainty", "sure", "must be one of"),
    ("casualties_global", {"year": "2024"}, "total", "6.279,5", "not a whole number"),
    ("casualties_global", {"year": "2024"}, "total", "-1", "0 or more"),
    ("casualties_global", {"year": "2024"}, "civilian_share", "90", "between 0 and 1"),
    ("casualties_global", {"year": "2024"}, "year", "20x4", "not a whole number"),
    ("casualties_by_country", {"iso3": "MMR", "year": "2024"}, "total", "many", "not a whole number"),
    ("article5", {"iso3": "AFG"}, "contamination_level", "huge", "must be one of"),
    ("article5", {"iso3": "AFG"}, "contamination_km2", "-3", "0 or more"),
    ("clearance_annual", {"iso3": "WLD", "year": "2009"}, "cleared_km2", "lots", "not a number"),
    ("alliances", {"iso3": "FIN", "group": "NATO"}, "group", "OTAN", "must be one of"),
    ("ap_mine_use", {"iso3": "KHM"}, "allegation", "maybe", "true or false"),
    ("ap_mine_use", {"iso3": "KHM"}, "period", "July 2025", "YYYY"),
]


@pytest.mark.parametrize("dataset, match, column, value, words", CASES)
def test_bad_value_is_reported_with_row_column_value_and_fix(dataset, match, column, value, words):
    i = row_of(dataset, **match)
    problems = problems_after(dataset, {(i, column): value})
    hits = [p for p in problems if p.row == i + 2 and column in (p.column or "")]
    assert hits, [str(p) for p in problems]
    assert any(words in p.message for p in hits), [str(p) for p in hits]
    if value:
        assert any(value in (p.value or "") for p in hits)


CROSS_FIELD = [
    ("membership", {"iso3": "FRA"}, {"consent_date": "1997-12-01", "signature_date": "1997-12-03"}, "before signature_date"),
    ("membership", {"iso3": "FRA"}, {"consent_type": ""}, "go together"),
    ("membership", {"iso3": "FRA"}, {"signature_date": ""}, "follow a signature"),
    ("casualties_global", {"year": "2024"}, {"killed": "5000", "injured": "4325"}, "exceeds total"),
    ("casualties_global", {"year": "2024"}, {"report": "", "source_url": ""}, "needs report and source_url"),
    ("casualties_global", {"year": "2002"}, {"note": ""}, "must say why"),
    ("casualties_by_country", {"iso3": "MMR", "year": "2024"}, {"killed": "3000"}, "exceeds total"),
    # a complete split adds up, or the note says by how much it falls short (issue 15)
    ("casualties_global", {"year": "2022"}, {"status_unknown": "0"}, "do not add up to total"),
    ("casualties_global", {"year": "2024"}, {"note": "child share base ambiguous"}, "do not add up to total"),
    ("casualties_by_country", {"iso3": "SYR", "year": "2017"}, {"note": ""}, "do not add up to total"),
    ("article5", {"iso3": "AFG"}, {"contamination_as_of": ""}, "date it refers to"),
    ("clearance_annual", {"iso3": "WLD", "year": "2022", "report": "Landmine Monitor 2023"},
     {"cleared_km2": "600"}, "land released includes"),
    ("clearance_annual", {"iso3": "WLD", "year": "2009"}, {"cleared_km2": ""}, "has no figure"),
    ("alliances", {"iso3": "GBR", "group": "EU"}, {"left": "1970-01-01"}, "left is before joined"),
]


@pytest.mark.parametrize("dataset, match, edits, words", CROSS_FIELD)
def test_cross_field_rules(dataset, match, edits, words):
    i = row_of(dataset, **match)
    problems = problems_after(dataset, {(i, c): v for c, v in edits.items()})
    hits = [p for p in problems if p.row == i + 2]
    assert any(words in p.message for p in hits), [str(p) for p in problems]


def test_duplicate_key_names_the_repeated_row():
    rows = bundled_rows("membership")
    rows.append(dict(rows[0]))
    frame, problems = validate_bytes(to_bytes(rows), "membership", "m.csv")
    assert frame is None
    assert [p.row for p in problems] == [len(rows) + 1]
    assert "duplicate iso3" in problems[0].message


def test_one_typo_gives_one_message():
    i = row_of("membership", iso3="FRA")
    problems = problems_after("membership", {(i, "consent_date"): "1998-07-3x"})
    assert len(problems) == 1 and "YYYY-MM-DD" in problems[0].message


def test_article17_message_gives_the_expected_date():
    i = row_of("membership", iso3="TON")
    problems = problems_after("membership", {(i, "entry_into_force_date"): "2025-11-01"})
    assert "2025-12-01" in problems[0].message


def test_namibia_na_is_a_code_not_missing():
    rows = bundled_rows("casualties_by_country")
    rows[0]["iso3"] = "NA"
    report = check(to_bytes(rows), "casualties_by_country", "c.csv")
    # "NA" is Namibia's two-letter code, not a missing value: read as NAM, and said so
    assert report.errors == [] and report.frame.loc[0, "iso3"] == "NAM"
    assert [(p.row, p.value, p.message) for p in report.fixed if p.column == "iso3"] == [(2, "NA", "read as NAM (Namibia)")]


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"\x00\x01\x02\x03binary\x00\x00\x00\x00", "neither a text file"),
    (b"year,total\n2024,6279\n", "required column 'iso3' is missing"),
    (b"iso3,country,year,total,report,source_url\nKHM,Cambodia,2024\n", "has 3 cells but the header has 6"),
])
def test_file_level_problems_never_raise(data, words):
    frame, problems = validate_bytes(data, "casualties_by_country", "upload.csv")
    assert frame is None
    assert any(words in p.message for p in problems), [str(p) for p in problems]


def test_unknown_and_missing_columns_are_named():
    rows = bundled_rows("alliances")
    for r in rows:
        r["Grp"] = r.pop("group")
    report = check(to_bytes(rows), "alliances", "a.csv")
    msgs = [p.message for p in report.errors]
    assert "required column 'group' is missing (the file has 'Grp': rename it to 'group')" in msgs
    # the expected header is said once, not once per missing column
    assert sum("the header should name these columns" in m for m in msgs) == 1


def test_header_spelling_is_forgiven_and_said():
    rows = bundled_rows("alliances")
    for r in rows:
        r[" GROUP "] = r.pop("group")
        r["ISO code"] = r.pop("iso3")
    report = check(to_bytes(rows), "alliances", "a.csv")
    assert report.errors == [] and len(report.frame) == len(rows)
    assert {p.column: p.message for p in report.fixed if p.row == 1} == {"ISO code": "read as column 'iso3'"}


def test_blank_lines_are_skipped_and_rows_keep_their_file_numbers():
    text = (loaders.DATA_DIR / "alliances.csv").read_text(encoding="utf-8").splitlines()
    text.insert(3, ",,,,,,")
    text[5] = text[5].replace("NATO", "OTAN", 1)
    _, problems = validate_bytes("\n".join(text).encode(), "alliances", "a.csv")
    assert [(p.row, p.column) for p in problems] == [(6, "group")]


def test_utf8_bom_is_accepted():
    data = (loaders.DATA_DIR / "alliances.csv").read_bytes()
    frame, problems = validate_bytes(b"\xef\xbb\xbf" + data, "alliances", "a.csv")
    assert problems == [] and len(frame) == 60


def test_every_column_is_documented_and_the_dictionary_is_current():
    from loaders.docs import data_dictionary
    from paths import ROOT

    for name, schema in SCHEMAS.items():
        for col_name, col in schema.columns.items():
            assert col.title and col.description, f"{name}.{col_name} needs a title and a description"
    assert (ROOT / "docs" / "DATA.md").read_text(encoding="utf-8") == data_dictionary(), \
        "docs/DATA.md is stale: run  python -m loaders docs > docs/DATA.md"
