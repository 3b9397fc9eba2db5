"""Every bundled file has a provenance sidecar, and every data row says where it comes from.

The sidecars (data/**/<name>.meta.json) are the one source of their text, edited by hand; the curation script
only refreshes their checksums. These tests are what a hand edit must keep true.
"""
import hashlib
import json
import re
from datetime import date

import pandas as pd
import pytest

import loaders
from loaders.schemas import SCHEMAS
from scripts.curate_reference_data import refresh_checksum

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
    for line in meta["derived"] + meta["caveats"]:
        assert isinstance(line, str) and line.strip(), "derived and caveats are lists of sentences"
    for s in meta["sources"]:
        assert s["name"] and s["report"] and s["url"].startswith(("http://", "https://"))
        date.fromisoformat(s["accessed"])
    if "data_runs_to" in meta:
        date.fromisoformat(meta["data_runs_to"])
    assert meta["file"].split(".")[0] == sidecar.name.split(".")[0], "a sidecar sits beside its file, same stem"
    target = sidecar.with_name(meta["file"])
    assert target.exists()
    assert hashlib.sha256(target.read_bytes()).hexdigest() == meta["sha256"], \
        f"{target.name} changed: refresh its checksum (python -m scripts.curate_reference_data, or the geometry build)"


@pytest.mark.parametrize("dataset", list(SCHEMAS))
def test_every_dataset_says_what_date_its_data_runs_to(dataset):
    """The pages and the citation say it (e.g. "treaty events verified to about ...")."""
    meta = json.loads((loaders.DATA_DIR / f"{dataset}.meta.json").read_text(encoding="utf-8"))
    date.fromisoformat(meta["data_runs_to"])


def test_curation_refreshes_only_the_checksum(tmp_path):
    """A hand edit of a sidecar's text survives the next curation run; only sha256 follows the file."""
    csv = tmp_path / "things.csv"
    csv.write_text("a,b\n1,2\n", encoding="utf-8")
    written = {"file": "things.csv", "title": "Things", "caveats": ["Edited by hand."], "sha256": "0" * 64,
               "data_runs_to": "2024-12-31"}
    (tmp_path / "things.meta.json").write_text(json.dumps(written, indent=2), encoding="utf-8")
    refresh_checksum(csv)
    meta = json.loads((tmp_path / "things.meta.json").read_text(encoding="utf-8"))
    assert meta == {**written, "sha256": hashlib.sha256(csv.read_bytes()).hexdigest()}
    assert list(meta) == list(written)


def test_curation_stops_for_a_file_without_a_sidecar(tmp_path):
    csv = tmp_path / "new.csv"
    csv.write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="new.meta.json is missing"):
        refresh_checksum(csv)


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


@pytest.mark.parametrize("dataset", list(SCHEMAS))
def test_every_dataset_says_how_far_it_was_verified(dataset):
    """Shown on every page under the dataset's sources: a reader knows what a later report may have changed."""
    verified = loaders.provenance(dataset).get("verified", "")
    assert re.search(r"\d{4}", verified), f"{dataset}.meta.json needs a 'verified' sentence with its date"
