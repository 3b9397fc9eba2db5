"""The building blocks of the dataset schemas (loaders/schemas.py): column types, column factories, checks with
the error text an analyst reads, and row rules across columns."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from i18n import N_, _
from loaders.countries import known_codes

DATE = "datetime64[ns]"
INT = "Int64"
FLOAT = "Float64"
BOOL = "boolean"
STR = "str"

CONSENT_TYPES = ["ratification", "accession", "acceptance", "approval", "succession"]
EVENT_TYPES = [
    "precedent", "announced", "government_decision", "parliament_reading", "parliament_vote", "law_signed",
    "notification_deposited", "effective", "suspended", "suspension_rejected", "debate", "stays",
    "statement",
]
DATE_CERTAINTY = ["exact", "inferred", "approximate", "report_date"]
CONFIDENCE = ["standard", "lower"]
CONTAMINATION_LEVELS = ["massive", "heavy", "medium", "light"]
PRECISION = ["day", "month", "year", "unknown"]

# A check's error text is English where it is defined (pandera keeps it, docs/DATA.md prints it); one made from a
# template with values is remembered here, so `shown` can translate the template and fill the same values in.
_TEMPLATES: dict[str, tuple[str, dict]] = {}


def said(template: str, **values) -> str:
    """The English text of a check's error from a template marked N_ and its values (remembered for `shown`)."""
    text = template.format(**values)
    _TEMPLATES[text] = (template, values)
    return text


def shown(error: str) -> str:
    """A check's error text (or a schema's title or description) in the visitor's language."""
    template, values = _TEMPLATES.get(error, (error, None))
    return _(template).format(**values) if values is not None else _(template)


def one_of(values, what: str) -> pa.Check:
    return pa.Check.isin(values, error=said(N_("{column} must be one of: {values}"), column=what,
                                            values=", ".join(values)))


def state_code(extra: tuple[str, ...] = ()) -> pa.Check:
    allowed = sorted(known_codes() | set(extra))
    if extra:
        error = said(N_("use an ISO 3166-1 alpha-3 code such as FRA (or {codes}); Kosovo is XKX; a country name can "
                        "be converted with the upload page"), codes=", ".join(extra))
    else:
        error = N_("use an ISO 3166-1 alpha-3 code such as FRA; Kosovo is XKX; a country name can be converted with "
                   "the upload page")
    return pa.Check.isin(allowed, error=error)


NON_NEGATIVE = pa.Check.ge(0, error=N_("must be 0 or more"))
SHARE = pa.Check.in_range(0, 1, error=N_("a share must be between 0 and 1 (write 85% as 0.85)"))
# Only web addresses: the dashboard links them, and a javascript: or data: address would run or draw in the page.
URLS = pa.Check.str_matches(r"^https?://\S+( \| https?://\S+)*$",
                            error=N_("give the web address of the source, starting with http:// or https:// "
                                     "(several separated by ' | '); javascript:, data: or file addresses are refused"))
NOT_BLANK = pa.Check.str_length(min_value=1, error=N_("must not be empty"))


def iso3_column(extra: tuple[str, ...] = (), description: str = N_("ISO 3166-1 alpha-3 code of the state.")
                ) -> pa.Column:
    return pa.Column(STR, state_code(extra), title=N_("ISO3"), description=description)


def year_column() -> pa.Column:
    return pa.Column(INT, pa.Check.in_range(1997, 2100, error=N_("a calendar year from 1997")), title=N_("Year"),
                     description=N_("Calendar year the figures refer to (not the report's year)."))


def count_column(title: str, description: str) -> pa.Column:
    return pa.Column(INT, NON_NEGATIVE, nullable=True, title=title, description=description)


def source_columns(required: bool = True) -> dict[str, pa.Column]:
    return {
        "report": pa.Column(STR, NOT_BLANK, nullable=not required, title=N_("Report"),
                            description=N_("The publication the row comes from, e.g. 'Landmine Monitor 2025'.")),
        "source_url": pa.Column(STR, URLS, nullable=not required, title=N_("Source URL"),
                                description=N_("Address of the page the figure was read in; several separated by "
                                               "' | '.")),
        "note": pa.Column(STR, nullable=True, title=N_("Note"),
                          description=N_("Doubts and caveats a reader should see (revisions, lower bounds, inferred "
                                         "dates).")),
    }


def row_check(name: str, columns: tuple[str, ...], fn, error: str, explain=None) -> pa.Check:
    """A rule across columns of one row; `columns` are named in the problems it reports.

    `explain(frame, row)` may add a row-specific hint, e.g. the date the rule expects.
    """
    return pa.Check(lambda df, **kwargs: fn(df), name=name, error=error, columns=columns, explain=explain)


def unique_key(columns: tuple[str, ...]) -> pa.Check:
    return row_check(f"unique_{'_'.join(columns)}", columns,
                     lambda df: ~df.duplicated(list(columns), keep="first"),
                     said(N_("duplicate {key}: each {key} may appear once; remove or merge the repeated row"),
                          key=" + ".join(columns)))


def both_or_neither(a: pd.Series, b: pd.Series) -> pd.Series:
    return a.notna() == b.notna()


def not_after(a: pd.Series, b: pd.Series) -> pd.Series:
    """a <= b where both are known (missing values are someone else's rule)."""
    return (a.isna() | b.isna() | (a <= b)).astype(bool)


def precision_agrees(d: pd.DataFrame) -> pd.Series:
    """year-only dates are stored as 31 December, month-only as the month's last day, unknown as no date."""
    day = d["date"]
    p = d["date_precision"]
    ok = pd.Series(True, index=d.index)
    ok &= ~(p.eq("year") & ~((day.dt.month == 12) & (day.dt.day == 31)).fillna(False))
    ok &= ~(p.eq("month") & ~day.dt.is_month_end.fillna(False))
    ok &= p.eq("unknown") == day.isna()
    return ok.fillna(False).astype(bool)


def split_matches(d: pd.DataFrame, split: pd.Series) -> pd.Series:
    """A complete split adds up to the total, or the note says it falls short of it (a split above the total is
    the split_within_total rule's to report)."""
    whole = d["total"].notna() & d["killed"].notna() & d["injured"].notna()
    said = d["note"].fillna("").str.contains("short of the total", case=False, regex=False)
    return (~whole | (split >= d["total"]).fillna(False) | said).astype(bool)
