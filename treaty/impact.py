"""Humanitarian figures per state: recorded casualties and contamination (pure, from the loaders' frames)."""
from __future__ import annotations

import pandas as pd


def latest_casualties(by_country: pd.DataFrame) -> tuple[int, pd.Series]:
    """The latest year with country figures, and each country's recorded total that year (latest report wins)."""
    year = int(by_country["year"].max())
    rows = by_country[(by_country["year"] == year) & by_country["total"].notna()]
    rows = rows.sort_values("report").drop_duplicates("iso3", keep="last")
    return year, rows.set_index("iso3")["total"].astype("float64")


def contamination(article5: pd.DataFrame) -> pd.Series:
    """Latest anti-personnel mined-area estimate (km²) per State Party with Article 5 obligations."""
    rows = article5[article5["contamination_km2"].notna()]
    return rows.set_index("iso3")["contamination_km2"].astype("float64")
