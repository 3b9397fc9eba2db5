"""Analysts' workbooks (.xlsx, .ods) and one source for a whole file, read as the upload page and the command line
read them; the page's own download uploads back unchanged; several datasets publish together or not at all."""
import datetime as dt
import io
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import loaders
from loaders.files import check_file, sheet_dataset
from loaders.reading import Source
from loaders.schemas import SCHEMAS
from paths import ROOT
from publish.diff import diff, lost_characters
from publish.safe import dataset_csv
from publish.store import Conflict, Store

LM = Source("Landmine Monitor 2026", "https://www.the-monitor.org/en-gb/reports/2026/landmine-monitor-2026.aspx")
DATES = ("date", "deadline")
NEW_YEAR = {"year": 2025, "total": 6000, "killed": 1500, "injured": 4400, "status_unknown": 100,
            "civilian_share": 0.9, "child_share": 0.4, "improvised_mine_casualties": 2000,
            "note": "test row: not a published figure"}


def csv_rows(dataset):
    return pd.read_csv(ROOT / "data" / f"{dataset}.csv", dtype=str, keep_default_na=False)


def excel_value(column, value, dtype):
    """A CSV cell as a spreadsheet holds it: dates as date cells, numbers as numbers, empty as empty."""
    if value == "":
        return None
    if dtype == "datetime64[ns]":
        return dt.date.fromisoformat(value)
    if dtype in ("Int64", "Float64"):
        return float(value)
    return value


def sheet_rows(dataset, frame=None, without=()):
    frame = csv_rows(dataset) if frame is None else frame
    cols = [c for c in frame.columns if c not in without]
    dtypes = {c: str(col.dtype) for c, col in SCHEMAS[dataset].columns.items()}
    return [cols] + [[excel_value(c, r[c], dtypes[c]) for c in cols] for _, r in frame.iterrows()]


def xlsx(sheets: dict[str, list[list]], merge: dict[str, str] | None = None) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
        if merge and name in merge:
            ws.merge_cells(merge[name])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ods(sheets: dict[str, list[list]]) -> bytes:
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="odf") as w:
        for name, rows in sheets.items():
            pd.DataFrame(rows[1:], columns=rows[0]).to_excel(w, sheet_name=name, index=False)
    return out.getvalue()


def analyst_book(write=xlsx) -> bytes:
    """What an analyst keeps: notes, a year of casualties without source columns (the source is the report), and
    Article 5 decisions with Excel date cells."""
    casualties = sheet_rows("casualties_global", without=("report", "source_url"))
    casualties = [casualties[0]] + [r for r in casualties[1:]]  # the rows without their sources
    casualties.append([NEW_YEAR.get(c) for c in casualties[0]])
    return write({"Notes": [["Figures from Landmine Monitor 2026, entered by A. Analyst"]],
                  "Recorded casualties, worldwide": casualties,
                  "article5_events": sheet_rows("article5_events")})


def lines(problems):
    return [str(p) for p in problems]


@pytest.mark.parametrize("write", [xlsx, ods], ids=["xlsx", "ods"])
def test_a_workbook_with_notes_and_two_datasets_reads_as_both(write):
    result = check_file(analyst_book(write), "lm2026." + write.__name__, source=LM)
    assert result.valid, lines(result.all_errors())
    assert [r.dataset for r in result.reports] == ["casualties_global", "article5_events"]
    assert any(p.sheet == "Notes" and "not named after a dataset: skipped" in p.message for p in result.notes)
    casualties, events = (r.frame for r in result.reports)
    # Excel date cells are dates, and the same dates as the curated file's
    assert events.equals(loaders.load("article5_events"))
    assert str(events["date"].dtype) == "datetime64[ns]"
    # numbers stay numbers; the new year takes the file's source; the curated rows keep theirs... or take it
    new = casualties[casualties["year"] == 2025].iloc[0]
    assert new["total"] == 6000 and new["civilian_share"] == 0.9
    assert new["report"] == LM.report and new["source_url"] == LM.source_url
    filled = [p for p in result.all_fixed() if "from the source given for the whole file" in p.message]
    assert {p.column for p in filled} == {"report", "source_url"} and all(p.sheet for p in filled)


def test_without_a_source_a_workbook_without_source_columns_says_what_is_missing():
    result = check_file(analyst_book(), "lm2026.xlsx")
    assert not result.valid
    assert any("required column" in p.message and p.sheet == "Recorded casualties, worldwide"
               for p in result.all_errors()) or any("needs report and source_url" in p.message
                                                   for p in result.all_errors())


def run(*args):
    return subprocess.run([sys.executable, "-m", "loaders", "validate", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_the_command_line_checks_each_sheet_and_says_what_it_skipped(tmp_path):
    book = tmp_path / "lm2026.xlsx"
    book.write_bytes(analyst_book())
    r = run(str(book), "--report", LM.report, "--source-url", LM.source_url)
    assert r.returncode == 0, r.stdout + r.stderr
    out = r.stdout.splitlines()
    assert "lm2026.xlsx, sheet 'Notes': not named after a dataset: skipped" in out
    assert "lm2026.xlsx, sheet 'Recorded casualties, worldwide': valid casualties_global data, 27 rows." in out
    assert f"lm2026.xlsx, sheet 'article5_events': valid article5_events data, {len(csv_rows('article5_events'))} rows." in out
    # --dataset picks one sheet; the other is named as skipped
    r = run(str(book), "--dataset", "article5_events")
    assert r.returncode == 0 and "holds casualties_global, not article5_events: skipped" in r.stdout
    # without the source, the new rows have none: exit 1, each problem by sheet and row
    r = run(str(book))
    assert r.returncode == 1 and "Traceback" not in r.stdout + r.stderr
    assert "sheet 'Recorded casualties, worldwide', row 28" in r.stdout


def test_the_source_for_a_whole_csv_fills_its_rows(tmp_path):
    f = tmp_path / "casualties.csv"
    csv_rows("casualties_global").drop(columns=["report", "source_url"]).to_csv(f, index=False)
    assert run(str(f), "--dataset", "casualties_global").returncode == 1
    r = run(str(f), "--dataset", "casualties_global", "--report", LM.report, "--source-url", LM.source_url)
    assert r.returncode == 0, r.stdout
    assert "filled in 26 row(s) that had none, from the source given for the whole file" in r.stdout
    r = run(str(f), "--dataset", "casualties_global", "--report", LM.report, "--source-url", "javascript:alert(1)")
    assert r.returncode == 1 and "must start with http:// or https://" in r.stdout


def test_rows_with_their_own_source_keep_it():
    frame = csv_rows("casualties_global")
    frame.loc[0, ["report", "source_url"]] = ""
    result = check_file(frame.to_csv(index=False).encode(), "c.csv", "casualties_global", LM)
    assert result.valid
    out = result.reports[0].frame
    assert out.loc[0, "report"] == LM.report
    had = frame["report"] != ""
    assert had.sum() > 20 and (out.loc[had, "report"] == frame.loc[had, "report"]).all()
    assert (out.loc[~had, "report"] == LM.report).all()


def refused(data, file="book.xlsx", dataset=None):
    result = check_file(data, file, dataset)
    assert not result.valid and result.all_errors()
    return result.all_errors()


def test_a_formula_never_computed_is_refused_by_sheet_row_and_column(tmp_path):
    rows = sheet_rows("casualties_global")
    rows[-1][rows[0].index("total")] = "=B26+1"  # openpyxl writes formulas without a computed value
    errors = refused(xlsx({"casualties_global": rows}))
    hit = [p for p in errors if "formula with no value" in p.message]
    assert len(hit) == 1 and hit[0].sheet == "casualties_global" and hit[0].row == 27
    assert hit[0].column == "total" and hit[0].value == "=B26+1"
    book = tmp_path / "formula.xlsx"
    book.write_bytes(xlsx({"casualties_global": rows}))
    r = run(str(book))
    assert r.returncode == 1 and "row 27, column 'total': value '=B26+1': a formula with no value" in r.stdout


def test_merged_header_cells_and_a_second_header_row_are_said():
    rows = sheet_rows("casualties_global")
    errors = refused(xlsx({"casualties_global": rows}, merge={"casualties_global": "B1:C1"}))
    assert any("header cells are merged" in p.message and p.value == "B1:C1" for p in errors), lines(errors)
    two = [["year", "Casualties", None, None] + [None] * 7] + [rows[0]] + rows[1:]
    errors = refused(xlsx({"casualties_global": two}))
    assert any("the header takes two rows (1 and 2)" in p.message for p in errors), lines(errors)
    again = [rows[0], [c.title() for c in rows[0]]] + rows[1:]
    errors = refused(xlsx({"casualties_global": again}))
    assert any(p.row == 2 and "names the columns again" in p.message for p in errors), lines(errors)


def test_header_only_sheets_and_files_that_are_not_workbooks_are_refused(tmp_path):
    errors = refused(xlsx({"casualties_global": [sheet_rows("casualties_global")[0]]}))
    assert any("header but no data rows" in p.message for p in errors)
    for data in (b"PK\x03\x04 not really a zip", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)):
        errors = refused(data)
        assert any("not a workbook that can be read" in p.message for p in errors), lines(errors)
    assert any("no sheet is named after a dataset" in p.message
               for p in refused(xlsx({"Sheet1": sheet_rows("casualties_global")})))
    assert any("holds binary data" in p.message for p in refused(b"\x89PNG\r\n\x1a\n" + bytes(64), "x.xlsx",
                                                                 "casualties_global"))
    for name, data in (("header.xlsx", xlsx({"withdrawals": [list(csv_rows("withdrawals").columns)]})),
                       ("junk.xlsx", b"PK\x03\x04junk")):
        f = tmp_path / name
        f.write_bytes(data)
        r = run(str(f))
        assert r.returncode == 1 and "Traceback" not in r.stdout + r.stderr and r.stdout.strip()


def test_sheets_are_named_after_a_dataset_or_its_title_in_any_case():
    assert sheet_dataset("CASUALTIES_GLOBAL") == "casualties_global"
    assert sheet_dataset("recorded casualties, worldwide") == "casualties_global"
    assert sheet_dataset("Article5 events") == "article5_events"
    assert sheet_dataset("Notes") is None
    result = check_file(xlsx({"membership": sheet_rows("membership"), "Treaty membership": sheet_rows("membership")}),
                        "twice.xlsx")
    assert any("sheet 'membership' already holds membership: skipped" in str(p) for p in result.notes)


@pytest.mark.parametrize("dataset", list(SCHEMAS))
def test_the_current_data_download_uploads_back_with_no_changes(dataset):
    current = loaders.load(dataset)
    data = dataset_csv(current, dataset, "Mine Ban Treaty dashboard: Update data. data: … (bundled version 0)")
    result = check_file(data, f"{dataset}_v0.csv", dataset)
    assert result.valid, lines(result.all_errors())
    d = diff(current, result.reports[0].frame, dataset)
    assert (len(d.added), len(d.removed), len(d.changed)) == (0, 0, 0)
    assert any(p.row == 1 and "citation line of a download from this dashboard" in p.message
               for p in result.all_fixed())


def test_characters_lost_to_an_encoding_are_flagged():
    current = loaders.load("casualties_global")
    frame = csv_rows("casualties_global")
    assert frame["note"].str.contains("→").sum() == 10  # the curated notes use arrows Windows-1252 cannot hold
    saved = frame.to_csv(index=False).encode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    result = check_file(saved, "casualties.csv", "casualties_global")
    assert result.valid
    d = diff(current, result.reports[0].frame, "casualties_global")
    lost = lost_characters(d)
    assert len(lost) == len(d.changed) == 10 and set(lost["column"]) == {"note"}
    assert all(b.replace("→", "?") == a for a, b in zip(lost["after"], lost["before"], strict=True))
    edited = current.copy()
    edited.loc[0, "note"] = "a new note?"  # an edit that happens to hold a question mark is no loss
    d = diff(current, edited, "casualties_global")
    assert len(d.changed) == 1 and lost_characters(d).empty


def test_the_data_runs_to_the_latest_row_a_version_holds():
    frame = loaders.load("casualties_global")
    assert loaders.runs_to(frame, "casualties_global") == "2024-12-31"
    later = pd.concat([frame, frame.tail(1).assign(year=pd.array([2025], dtype="Int64"))], ignore_index=True)
    assert loaders.runs_to(later, "casualties_global") == "2025-12-31"
    assert loaders.runs_to(frame.head(0), "casualties_global") is None
    events = loaders.load("article5_events")  # deadlines look ahead: they are not what the data runs to
    assert loaders.runs_to(events, "article5_events") == events["date"].max().date().isoformat()


def test_several_datasets_publish_together_or_not_at_all(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'v.sqlite3'}")
    texts = {d: loaders.bundled_text(d) for d in ("casualties_global", "article5_events")}
    vs = store.add_many(texts, "A. Analyst", "Landmine Monitor 2026", reviewed={d: 0 for d in texts})
    assert [(v.dataset, v.number) for v in vs] == [("casualties_global", 1), ("article5_events", 1)]
    store.add("article5_events", texts["article5_events"], "B. Editor", "meanwhile")
    with pytest.raises(Conflict) as e:  # the second dataset moved on: the first is not published either
        store.add_many(texts, "A. Analyst", "again", reviewed={d: 1 for d in texts})
    assert e.value.dataset == "article5_events"
    assert store.latest() == {"casualties_global": 1, "article5_events": 2}


CELLS = st.one_of(st.none(), st.text(max_size=12), st.integers(-10**6, 10**6),
                  st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
                  st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)), st.sampled_from(["=1+1", "=A1", "total"]))
SHEET_NAMES = st.sampled_from([*SCHEMAS, "Notes", "Recorded casualties, worldwide", "Sheet1", "ARTICLE5"])


@st.composite
def workbooks(draw):
    sheets = {}
    for name in draw(st.lists(SHEET_NAMES, min_size=1, max_size=3, unique=True)):
        dataset = sheet_dataset(name)
        header = draw(st.one_of(st.just(list(SCHEMAS[dataset].columns) if dataset else ["a"]),
                                st.lists(st.sampled_from(["year", "iso3", "total", "date", "report", "", "x"]),
                                         max_size=6)))
        width = max(len(header), 1)
        body = draw(st.lists(st.lists(CELLS, min_size=width, max_size=width), max_size=6))
        sheets[name] = [header, *body]
    merge = {n: draw(st.sampled_from(["A1:B1", "A2:A3", "B2:C2"])) for n in sheets if draw(st.booleans())}
    return sheets, merge


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(book=workbooks(), dataset=st.one_of(st.none(), st.sampled_from(list(SCHEMAS))), source=st.booleans())
def test_generated_workbooks_never_raise_and_every_problem_says_where(book, dataset, source):
    sheets, merge = book
    try:
        data = xlsx(sheets, merge)
    except Exception:  # noqa: BLE001 - openpyxl refuses some generated cells; those are no workbook to test
        return
    result = check_file(data, "generated.xlsx", dataset, LM if source else None)
    assert result.valid or result.all_errors()
    for p in result.all_errors():
        assert p.sheet is not None or p.row is None, str(p)  # a row is always a row of a named sheet
        assert "Traceback" not in p.message and "could not be checked" not in p.message, str(p)
    for r in result.reports:
        assert r.frame is None or len(r.frame) > 0


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=400), prefix=st.sampled_from([b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b""]))
def test_any_bytes_named_as_a_workbook_get_a_sentence(data, prefix):
    result = check_file(prefix + data, "any.xlsx", "withdrawals")
    assert not result.valid and result.all_errors()
