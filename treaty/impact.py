"""Humanitarian figures: recorded casualties, clearance and Article 5 deadlines (pure, from the loaders' frames).

Every number here is one the Landmine Monitor (or another named report) published; a year or a state
without a figure stays empty, never zero. The sentences under the charts are built here from the same
frames the charts draw, so the words cannot disagree with the picture.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from treaty.rules import ENTRY_INTO_FORCE
from treaty.status import STATUS_LABELS, status_on

FIRST_YEAR = ENTRY_INTO_FORCE.year  # the Monitor's series starts with the year the treaty entered into force


def latest_casualties(by_country: pd.DataFrame) -> tuple[int, pd.Series]:
    """The latest year with country figures, and each country's recorded total that year (latest report wins)."""
    year = int(by_country["year"].max())
    return year, country_year(by_country, year).set_index("iso3")["total"].astype("float64")


def contamination(article5: pd.DataFrame) -> pd.Series:
    """Latest anti-personnel mined-area estimate (km²) per State Party with Article 5 obligations."""
    rows = article5[article5["contamination_km2"].notna()]
    return rows.set_index("iso3")["contamination_km2"].astype("float64")


def _n(x: float) -> str:
    return f"{int(x):,}"


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


# ------------------------------------------------------------------ casualties, worldwide
def casualty_series(glob: pd.DataFrame) -> pd.DataFrame:
    """One row per year from 1999 to the latest year in the data, gaps kept (total is empty where no
    figure was published). `split_known` marks years whose killed/injured split belongs to the total."""
    years = range(FIRST_YEAR, int(glob["year"].max()) + 1)
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


def casualty_facts(series: pd.DataFrame) -> CasualtyFacts:
    known = series[series["total"].notna()].set_index("year")["total"]
    latest = int(known.index.max())
    higher = known[(known.index < latest) & (known >= known[latest])]
    civ = series.set_index("year").loc[latest, "civilian_share"]
    return CasualtyFacts(
        latest=latest, latest_total=int(known[latest]), since=int(higher.index.max()) if len(higher) else None,
        lowest=int(known.idxmin()), lowest_total=int(known.min()), peak=int(known.idxmax()),
        peak_total=int(known.max()), civilian_share=None if pd.isna(civ) else float(civ),
        gaps=tuple(int(y) for y in series.loc[series["total"].isna(), "year"]))


def casualty_sentence(series: pd.DataFrame) -> str:
    """The sentence under the casualty chart (and its text alternative).

    >>> s = casualty_series(pd.DataFrame({"year": [2019, 2020, 2021], "total": [5, 9, 7], "killed": None,
    ...     "injured": None, "civilian_share": [None, None, 0.8]}))
    >>> casualty_sentence(s)  # doctest: +NORMALIZE_WHITESPACE
    'In 2021 the Landmine Monitor recorded 7 casualties of mines and explosive remnants of war, the highest
     since 2020; 80% of those whose status was known were civilians. The lowest recorded year was 2019 (5);
     the peak 2020 (9). No figure for 1999–2018.'
    """
    f = casualty_facts(series)
    since = f", the highest since {f.since}" if f.since else ", the highest on record" if f.peak == f.latest else ""
    civ = f"; {_pct(f.civilian_share)} of those whose status was known were civilians" if f.civilian_share else ""
    text = (f"In {f.latest} the Landmine Monitor recorded {_n(f.latest_total)} casualties of mines and explosive "
            f"remnants of war{since}{civ}. The lowest recorded year was {f.lowest} ({_n(f.lowest_total)}); "
            f"the peak {f.peak} ({_n(f.peak_total)}).")
    return text + (f" No figure for {_years(f.gaps)}." if f.gaps else "")


def _years(years: tuple[int, ...]) -> str:
    """1999, 2002, 2005 or runs as 1999–2018."""
    runs, start = [], None
    for i, y in enumerate(years):
        start = y if start is None else start
        if i + 1 == len(years) or years[i + 1] != y + 1:
            runs.append(str(y) if start == y else f"{start}–{y}")
            start = None
    return ", ".join(runs)


def shares_sentence(series: pd.DataFrame) -> str:
    """The sentence under the civilian and child shares chart."""
    civ = series.dropna(subset=["civilian_share"])
    child = series.dropna(subset=["child_share"])
    if civ.empty:
        return "No civilian share was published."
    text = (f"Civilians were between {_pct(civ['civilian_share'].min())} and {_pct(civ['civilian_share'].max())} "
            f"of casualties whose status was known in the {len(civ)} years with a published share")
    if len(child):
        last = child.iloc[-1]
        text += (f"; children were {_pct(last['child_share'])} of civilian casualties in {int(last['year'])} "
                 f"(highest: {_pct(child['child_share'].max())}, "
                 f"{int(child.loc[child['child_share'].idxmax(), 'year'])})")
    return text + ". Years without a published share are gaps."


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


def country_ranking_sentence(rows: pd.DataFrame, year: int) -> str:
    """The sentence under the ranking: who is first, and how the named casualties split by treaty status."""
    if rows.empty:
        return f"No country figures for {year} in the data."
    top = rows.iloc[0]
    inside = rows[rows["status"].isin(["state_party", "withdrawal_pending"])]
    return (f"In {year} the most recorded casualties among the {len(rows)} countries named in the data were in "
            f"{top['country']} ({_n(top['total'])}). {len(inside)} of them, with {_n(inside['total'].sum())} "
            f"casualties, were States Parties; {len(rows) - len(inside)}, with "
            f"{_n(rows['total'].sum() - inside['total'].sum())}, were not. Countries not named are not zero: "
            "the data lists only the most affected.")


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
    return pd.DataFrame(out)


def clearance_sentence(world: pd.DataFrame) -> str:
    m = world[(world["publisher"] == "Landmine Monitor")]
    area = m.dropna(subset=["cleared_km2"])
    mines = m.dropna(subset=["ap_mines_destroyed"])
    parts = []
    if len(area):
        last = area.iloc[-1]
        parts.append(f"The Landmine Monitor's latest worldwide figure for land cleared is {last['cleared_km2']:,.0f} "
                     f"km² in {int(last['year'])}")
    released = m.dropna(subset=["land_released_km2"])
    if len(released):
        parts.append("it published a worldwide total of land released (cleared, reduced or cancelled) for "
                     + ", ".join(f"{int(r.year)} ({r.land_released_km2:,.0f} km²)" for r in released.itertuples()))
    if len(mines):
        last = mines.iloc[-1]
        parts.append(f"its latest count of anti-personnel mines destroyed in clearance is {_n(last['ap_mines_destroyed'])} "
                     f"in {int(last['year'])} (a lower bound where the report says 'over')")
    return ("; ".join(parts) + ". Mine Action Review's figures use a different method and are drawn apart. "
            "Years without a figure are gaps.") if parts else "No worldwide clearance figures in the data."


# ------------------------------------------------------------------ Article 5
COMPLETED, ON_TIME, PASSED, UNKNOWN = "completed", "on_time", "deadline_passed", "deadline_unknown"
ARTICLE5_STATUS = {
    COMPLETED: "Completed",
    ON_TIME: "On time (deadline ahead)",
    PASSED: "Deadline passed, no extension recorded",
    UNKNOWN: "Deadline not known",
}


def article5_tracker(article5: pd.DataFrame, on: date | str | pd.Timestamp) -> pd.DataFrame:
    """Every State Party with Article 5 obligations and where it stands on `on`.

    Completed: declared completion (dated or not), and no later re-opening. Otherwise the current deadline decides:
    ahead is on time; behind, with no later extension in the data, is "deadline passed"; no recorded
    deadline is "not known" (a gap in the sources, not a judgement).
    """
    d = pd.Timestamp(on)
    t = article5.copy()
    reopened = t["obligations_reopened"].fillna(False).astype(bool)
    declared = (t["completed_date"] <= d) | (t["completed_precision"] == "unknown")  # date not found, still done
    done = declared.fillna(False).astype(bool) & ~reopened
    t["status"] = UNKNOWN
    t.loc[t["current_deadline"].notna() & (t["current_deadline"] >= d), "status"] = ON_TIME
    t.loc[t["current_deadline"].notna() & (t["current_deadline"] < d), "status"] = PASSED
    t.loc[done, "status"] = COMPLETED
    t["status_label"] = t["status"].map(ARTICLE5_STATUS)
    order = {COMPLETED: 3, ON_TIME: 1, PASSED: 0, UNKNOWN: 2}
    t = t.sort_values(["status", "current_deadline"], key=lambda c: c.map(order) if c.name == "status" else c)
    return t.reset_index(drop=True)


def article5_sentence(tracker: pd.DataFrame, on) -> str:
    counts = tracker["status"].value_counts()
    passed = tracker[tracker["status"] == PASSED]
    text = (f"On {pd.Timestamp(on):%-d %B %Y}, of the {len(tracker)} States Parties with Article 5 obligations in "
            f"the data, {counts.get(COMPLETED, 0)} had declared completion, {counts.get(ON_TIME, 0)} had a deadline "
            f"ahead and {counts.get(PASSED, 0)} had passed their last recorded deadline")
    if len(passed):
        text += f" ({', '.join(passed['country'])})"
    if counts.get(UNKNOWN, 0):
        text += f"; for {counts[UNKNOWN]} the data has no current deadline"
    return text + "."


# ------------------------------------------------------------------ one state
def status_periods(tl: pd.DataFrame, iso3: str, until) -> pd.DataFrame:
    """A state's statuses on the treaty as periods (start, end, status), from the same rules as the map."""
    row = tl[tl["iso3"] == iso3]
    cols = ["signed", "deposited", "in_force", "withdrawal_received", "withdrawal_effective"]
    changes = sorted({pd.Timestamp(v) for v in row[cols].iloc[0] if pd.notna(v) and pd.Timestamp(v) <= pd.Timestamp(until)})
    start = pd.Timestamp("1997-09-18")  # the treaty text was adopted in Oslo
    points = [start] + [c for c in changes if c > start]
    out = []
    for a, b in zip(points, points[1:] + [pd.Timestamp(until)]):
        s = status_on(row, a).iloc[0]["status"]
        if out and out[-1]["status"] == s:
            out[-1]["end"] = b
        else:
            out.append({"start": a, "end": b, "status": s, "label": STATUS_LABELS[s]})
    return pd.DataFrame(out)
