"""Humanitarian figures: recorded casualties, clearance and Article 5 deadlines (pure, from the loaders' frames).

Every number here is one the Landmine Monitor (or another named report) published; a year or a state
without a figure stays empty, never zero. The sentences under the charts are built here from the same
frames the charts draw, so the words cannot disagree with the picture.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from treaty.rules import ENTRY_INTO_FORCE
from treaty.status import STATUS_LABELS, status_on

FIRST_YEAR = ENTRY_INTO_FORCE.year  # the Monitor's series starts with the year the treaty entered into force


def latest_casualties(by_country: pd.DataFrame) -> tuple[int | None, pd.Series]:
    """The latest year with country figures, and each country's recorded total that year (latest report wins);
    None and no values when no country has a figure."""
    named = by_country[by_country["total"].notna()]
    if named.empty:
        return None, pd.Series(dtype="float64")
    year = int(named["year"].max())
    return year, country_year(by_country, year).set_index("iso3")["total"].astype("float64")


# ------------------------------------------------------------------ casualties, worldwide
def casualty_series(glob: pd.DataFrame) -> pd.DataFrame:
    """One row per year from 1999 to the latest year in the data, gaps kept (total is empty where no
    figure was published). `split_known` marks years whose killed/injured split belongs to the total. No rows
    when the dataset has none."""
    last = glob["year"].max()
    years = pd.Index(range(FIRST_YEAR, int(last) + 1) if pd.notna(last) else [], dtype=glob["year"].dtype)
    s = glob.set_index("year").reindex(years)
    s.index.name = "year"
    s["split_known"] = s["killed"].notna() & s["injured"].notna() & s["total"].notna()
    return s.reset_index()


@dataclass(frozen=True)
class CasualtyFacts:
    latest: int          # latest year with a total
    latest_total: int
    since: int | None    # the last earlier year with a higher (or equal) total; None: the highest on record
    lowest: int          # year of the lowest recorded total
    lowest_total: int
    peak: int
    peak_total: int
    civilian_share: float | None  # of the latest year
    gaps: tuple[int, ...]


def casualty_facts(series: pd.DataFrame) -> CasualtyFacts | None:
    """What the chart marks and the sentence says; None when no year has a total (nothing to say but that)."""
    known = series[series["total"].notna()].set_index("year")["total"]
    if known.empty:
        return None
    latest = int(known.index.max())
    higher = known[(known.index < latest) & (known >= known[latest])]
    civ = series.set_index("year").loc[latest, "civilian_share"]
    return CasualtyFacts(
        latest=latest, latest_total=int(known[latest]), since=int(higher.index.max()) if len(higher) else None,
        lowest=int(known.idxmin()), lowest_total=int(known.min()), peak=int(known.idxmax()),
        peak_total=int(known.max()), civilian_share=None if pd.isna(civ) else float(civ),
        gaps=tuple(int(y) for y in series.loc[series["total"].isna(), "year"]))


# ------------------------------------------------------------------ casualties by country
def country_year(by_country: pd.DataFrame, year: int) -> pd.DataFrame:
    """The countries the Monitor named for a year, one row each (the latest report wins), most affected first."""
    rows = by_country[(by_country["year"] == year) & by_country["total"].notna()]
    rows = rows.sort_values("report").drop_duplicates("iso3", keep="last")
    rows = rows.sort_values(["total", "iso3"], ascending=[False, True]).reset_index(drop=True)
    rows["rank"] = range(1, len(rows) + 1)
    return rows


def country_series(by_country: pd.DataFrame) -> pd.DataFrame:
    """Every named country-year, one row each (the latest report wins)."""
    rows = by_country[by_country["total"].notna()].sort_values("report")
    return rows.drop_duplicates(["iso3", "year"], keep="last").sort_values(["iso3", "year"]).reset_index(drop=True)


def with_treaty_status(rows: pd.DataFrame, tl: pd.DataFrame, year: int) -> pd.DataFrame:
    """Adds each state's status on the treaty at the end of `year` (status and its label)."""
    st = status_on(tl, f"{year}-12-31")[["iso3", "status"]]
    out = rows.merge(st, on="iso3", how="left")
    out["status_label"] = out["status"].map(STATUS_LABELS)
    return out


# ------------------------------------------------------------------ clearance
def publisher(report: str) -> str:
    return "Mine Action Review" if str(report).startswith("Mine Action Review") else "Landmine Monitor"


def clearance_world(clearance: pd.DataFrame) -> pd.DataFrame:
    """Worldwide figures per year and publisher (their methods differ, so they are never mixed); where one
    publisher revised a year in a later report, the latest report wins."""
    w = clearance[clearance["iso3"] == "WLD"].copy()
    w["publisher"] = w["report"].map(publisher)
    w = w.sort_values("report", key=lambda r: r.str.extract(r"(\d{4})")[0].astype(float))
    # a later report without a figure must not hide an earlier one: keep, per column, the latest non-empty
    out = []
    for (pub, year), g in w.groupby(["publisher", "year"], sort=True):
        row = {"publisher": pub, "year": year}
        for col in ("cleared_km2", "land_released_km2", "ap_mines_destroyed"):
            vals = g.dropna(subset=[col])
            row[col] = vals[col].iloc[-1] if len(vals) else None
            row[f"{col}_report"] = vals["report"].iloc[-1] if len(vals) else None
        out.append(row)
    # the columns even with no worldwide row, so the chart and the sentence can say there is none
    return pd.DataFrame(out, columns=["publisher", "year"] + [f"{c}{r}" for c in ("cleared_km2", "land_released_km2",
                        "ap_mines_destroyed") for r in ("", "_report")])
