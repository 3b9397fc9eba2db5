"""Every bundled file has a provenance sidecar, and every data row says where it comes from."""
import hashlib
import json
from datetime import date

import pandas as pd
import pytest

import loaders
from loaders.schemas import SCHEMAS

REQUIRED = {"file", "title", "producer", "sources", "licence", "derived", "caveats", "sha256"}
SIDECARS = sorted(loaders.DATA_DIR.rglob("*.meta.json"))


def test_every_data_file_has_a_sidecar():
    data_files = [p for p in loaders.DATA_DIR.rglob("*") if p.is_file() and p.suffix in {".csv", ".json", ".geojson"}
                  and not p.name.endswith(".meta.json")]
    missing = [p.name for p in data_files if not p.with_name(p.name.split(".")[0] + ".meta.json").exists()]
    assert data_files and missing == []


@pytest.mark.parametrize("sidecar", SIDECARS, ids=lambda p: p.name)
def test_sidecar_is_complete_and_matches_its_file(sidecar):
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    assert REQUIRED <= set(meta), REQUIRED - set(meta)
    assert meta["title"] and meta["producer"] and meta["licence"]
    assert meta["sources"] and isinstance(meta["derived"], list) and isinstance(meta["caveats"], list)
    for s in meta["sources"]:
        assert s["name"] and s["report"] and s["url"].startswith(("http://", "https://"))
        date.fromisoformat(s["accessed"])
    target = sidecar.with_name(meta["file"])
    assert target.exists()
    assert hashlib.sha256(target.read_bytes()).hexdigest() == meta["sha256"], \
        f"{target.name} changed: rebuild its sidecar (scripts/curate_reference_data.py or build_geometry.py)"


@pytest.mark.parametrize("dataset", list(SCHEMAS))
def test_every_row_with_a_figure_has_a_source(dataset):
    df = loaders.load(dataset)
    figures = [c for c in df.columns if c not in {"iso3", "name", "country", "year", "report", "source_url", "note"}]
    has_figure = df[figures].notna().any(axis=1)
    unsourced = df[has_figure & (df["source_url"].isna() | df["report"].isna())]
    assert unsourced.empty, unsourced.head().to_string()


def test_gaps_stay_gaps():
    """Years with no published figure are empty, never zero or interpolated."""
    g = loaders.load_casualties_global().set_index("year")
    for year in (1999, 2002, 2005):
        assert pd.isna(g.loc[year, "total"]) and g.loc[year, "note"]
    assert (g["total"].dropna() > 0).all()
    assert g.loc[2024, "total"] == 6279


def test_doubts_from_the_notes_are_readable_in_the_data(membership, withdrawals):
    notes = membership.set_index("iso3")["note"]
    assert "suspension" in notes["UKR"] and "2007-02-20" in notes["IDN"]
    inferred = withdrawals[withdrawals["date_certainty"] != "exact"]
    assert {"FIN", "UKR"} <= set(inferred["iso3"])
    assert (withdrawals["confidence"] == "lower").any()
