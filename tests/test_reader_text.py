"""What a reader sees, page by page: no "nan", "None" or "NaT" anywhere (text, figure labels and hovers), the
curators' notes kept for the sources section, and the map's state panel saying only what was true on its date."""
import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui
from paths import ROOT

MISSING_WORDS = re.compile(r"\b(nan|NaN|None|NaT|null|undefined)\b")
TEXT_KINDS = ("markdown", "caption", "title", "header", "subheader", "text", "info", "warning", "error", "success")


def page(name: str, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    if name != "atlas":
        at.switch_page(f"views/{name}.py")
    return at.run()


def _strings(x):
    if isinstance(x, str):
        yield x
    elif isinstance(x, dict):
        for v in x.values():
            yield from _strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from _strings(v)


def seen(at: AppTest) -> list[str]:
    """Every string a reader can meet: text elements, labels, metrics, and every string inside each figure
    (titles, legends, hover texts, annotations): numbers that are missing are null in JSON, not words."""
    out = [str(e.value) for kind in TEXT_KINDS for e in at.get(kind)]
    out += [str(x) for m in at.get("metric") for x in (m.label, m.value)]
    out += [str(e.label) for kind in ("button", "expander", "selectbox", "toggle", "radio") for e in at.get(kind)]
    for chart in at.get("plotly_chart"):
        out += list(_strings(json.loads(chart.proto.spec)))
    return out


def shapes_of_records(tl: pd.DataFrame) -> list[str]:
    """One state per shape of record: which of its dates and notes are missing, whether it has casualty, clearance
    and Article 5 rows. Every way a record can be incomplete is shown at least once."""
    has = {d: set(ui.frame(d)["iso3"]) for d in ("casualties_by_country", "article5", "clearance_annual",
                                                 "withdrawals")}
    cols = ["signed", "deposited", "in_force", "withdrawal_received", "suspension_claimed", "note", "source_url"]
    shape = tl[cols].isna().astype(str).agg("".join, axis=1) + tl["iso3"].map(
        lambda i: "".join(str(i in s) for s in has.values()))
    return sorted(tl.groupby(shape)["iso3"].first())


def test_no_page_prints_a_missing_value_as_a_word(tl):
    states = shapes_of_records(tl) + ["PSE", "MHL", "UKR"]  # the two the issue saw, and the contested one
    assert len(states) >= 10
    runs = [("atlas", {"country": s}) for s in states] + [("country", {"country": s}) for s in states]
    runs += [("atlas", {"view": "3D"}), ("atlas", {"view": "3D", "metric": "AP mine contamination"}),
             ("atlas", {"date": "1998-06-01", "region": "Oceania"}), ("impact", {}), ("domino", {}),
             ("over_time", {}), ("story", {}), ("data", {})]
    found = {}
    for name, params in runs:
        at = page(name, **params)
        assert not at.exception, (name, params)
        words = seen(at)
        assert len(" ".join(words)) > 200, (name, params)  # the scan read the page, not an empty one
        if bad := [w[:120] for w in words if MISSING_WORDS.search(w)]:
            found[f"{name} {params}"] = bad
    assert found == {}


def test_curation_notes_are_in_the_sources_not_in_the_story():
    at = page("country", country="FIN")
    body = "\n".join(m.value for m in at.markdown if "Curation notes" not in m.value)
    told = [re.sub(r"\\([^\w\s])", r"\1", m.value) for m in at.markdown  # as read: Markdown escapes gone
            if "President Stubb decided on withdrawal" in m.value]
    assert told and "DATE INFERRED" not in told[0]  # the date's certainty is said in the line: "(inferred)"
    assert "(inferred)" in told[0]
    notes = [m.value for m in at.markdown if m.value.startswith("- ") and "DATE INFERRED" in m.value]
    assert notes, "the curators' note went missing instead of moving to the sources"
    assert any("Curation notes" in m.value for m in at.markdown)
    assert "confirmed by news" in "\n".join(notes + [body])  # the membership record's note is kept, as a note


def test_the_state_panel_says_only_what_was_true_on_its_date():
    before = page("atlas", date="2025-12-01", country="UKR")
    text = "\n".join(seen(before))
    assert "the claim is contested" in text
    assert "remains bound" not in text and "allows no suspension" not in text  # found on 5 December 2025
    assert any(re.match(r"\d+ later steps? or statements? after this date", c.value) for c in before.caption)
    after = page("atlas", date="2026-11-30", country="UKR")
    assert "rejected" in "\n".join(seen(after)).lower()


@pytest.mark.parametrize("iso3, on", [("FIN", "2025-06-01"), ("POL", "2025-12-01")])
def test_withdrawal_dates_appear_in_the_panel_once_they_happened(iso3, on):
    text = "\n".join(seen(page("atlas", date=on, country=iso3)))
    assert "Withdrawal effective" not in text
    assert "Withdrawal effective" in "\n".join(seen(page("atlas", date="2026-11-30", country=iso3)))
