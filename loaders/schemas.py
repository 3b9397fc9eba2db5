"""One pandera schema per dataset: the single source of truth for the column contract.

The same schema validates the bundled CSVs and an analyst's upload, types the columns, and
documents them (each Column's title/description; `docs/DATA.md` is generated from here).
Every check carries an `error` text that says what to do, because that text is what a person reads.
"""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from i18n import N_, _
from loaders.columns import (
    BOOL,
    CONFIDENCE,
    CONSENT_TYPES,
    CONTAMINATION_LEVELS,
    DATE,
    DATE_CERTAINTY,
    EVENT_TYPES,
    FLOAT,
    INT,
    NON_NEGATIVE,
    NOT_BLANK,
    PRECISION,
    SHARE,
    STR,
    both_or_neither,
    count_column,
    iso3_column,
    not_after,
    one_of,
    precision_agrees,
    row_check,
    said,
    source_columns,
    split_matches,
    unique_key,
    year_column,
)
from treaty.rules import (
    OPENED_FOR_SIGNATURE,
    SIGNATURE_CLOSED,
    entry_into_force,
    entry_into_force_series,
)


# ------------------------------------------------------------------ membership
def _eif_matches_article17(df: pd.DataFrame) -> pd.Series:
    expected = entry_into_force_series(df["consent_date"])
    ok = df["entry_into_force_date"].isna() | (df["entry_into_force_date"] == expected)
    return (ok | (df["consent_type"] == "succession")).fillna(False).astype(bool)


MEMBERSHIP = pa.DataFrameSchema(
    {
        "iso3": iso3_column(),
        "name": pa.Column(STR, NOT_BLANK, title=N_("Name"), description=N_("Display name (current UN usage).")),
        "signature_date": pa.Column(DATE, pa.Check.in_range(
            pd.Timestamp(OPENED_FOR_SIGNATURE), pd.Timestamp(SIGNATURE_CLOSED),
            error=said(N_("signature was possible only from {opened} until entry into force ({closed}, Article 15); "
                          "a later joiner accedes: leave signature_date empty"), opened=OPENED_FOR_SIGNATURE,
                       closed=SIGNATURE_CLOSED)),
            nullable=True, title=N_("Signed"), description=N_("Date the state signed (empty if it never signed).")),
        "consent_date": pa.Column(DATE, pa.Check.ge(pd.Timestamp(OPENED_FOR_SIGNATURE),
                                                    error=said(N_("must be on or after {date}"), date=OPENED_FOR_SIGNATURE)),
                                  nullable=True, title=N_("Instrument deposited"),
                                  description=N_("Date the instrument of ratification, acceptance, approval, accession "
                                              "or succession was deposited with the UN Secretary-General.")),
        "consent_type": pa.Column(STR, one_of(CONSENT_TYPES, "consent_type"), nullable=True, title=N_("Consent type"),
                                  description=N_("How the state consented to be bound.")),
        "entry_into_force_date": pa.Column(DATE, nullable=True, title=N_("Entry into force"),
                                           description=N_("Date the Convention entered into force for the state (Article 17).")),
        **source_columns(),
    },
    checks=[
        unique_key(("iso3",)),
        row_check("consent_type_with_date", ("consent_date", "consent_type"),
                  lambda d: both_or_neither(d["consent_date"], d["consent_type"]),
                  N_("consent_date and consent_type go together: fill both or neither")),
        row_check("consent_after_signature", ("signature_date", "consent_date"),
                  lambda d: not_after(d["signature_date"], d["consent_date"]),
                  N_("consent_date is before signature_date: a state consents after signing; check both dates")),
        row_check("signed_before_ratifying", ("signature_date", "consent_type"),
                  lambda d: ~(d["consent_type"].isin(["ratification", "acceptance", "approval"]).fillna(False)
                              & d["signature_date"].isna()),
                  N_("ratification, acceptance and approval follow a signature: add signature_date, "
                  "or use consent_type 'accession'")),
        row_check("eif_with_consent", ("consent_date", "entry_into_force_date"),
                  lambda d: both_or_neither(d["consent_date"], d["entry_into_force_date"]),
                  N_("entry_into_force_date and consent_date go together: fill both or neither")),
        row_check("eif_article17", ("consent_date", "entry_into_force_date"), _eif_matches_article17,
                  N_("entry_into_force_date does not follow Article 17: it is 1999-03-01 for instruments deposited by "
                  "1998-09-16, otherwise the first day of the sixth month after deposit (successions excepted)"),
                  explain=lambda d, row: "" if pd.isna(d.at[row, "consent_date"]) else _(
                      "For this deposit date it is {date}.").format(
                      date=entry_into_force(d.at[row, "consent_date"].date()).isoformat())),
    ],
    strict=True,
    name="membership",
    title=N_("Treaty membership"),
    description=N_("One row per state: signature, consent and entry into force. Status is derived, never stored."),
)

# ------------------------------------------------------------------ withdrawals
WITHDRAWALS = pa.DataFrameSchema(
    {
        "iso3": iso3_column(("INT",), N_("The state the event concerns (ISO 3166-1 alpha-3), or INT, not an ISO code: an "
                                        "international body speaking for no one state (e.g. a Meeting of the States "
                                        "Parties, the UN Secretary-General, the ICBL).")),
        "date": pa.Column(DATE, title=N_("Date"), description=N_("Date of the event (see date_certainty).")),
        "event": pa.Column(STR, one_of(EVENT_TYPES, "event"), title=N_("Event"), description=N_("Kind of step: stays = a government that has not moved to leave said its state stays; debate = a recorded public debate about leaving.")),
        "detail": pa.Column(STR, NOT_BLANK, title=N_("Detail"), description=N_("What happened, with vote counts where known.")),
        "date_certainty": pa.Column(STR, one_of(DATE_CERTAINTY, "date_certainty"), title=N_("Date certainty"),
                                    description=N_("exact; inferred (from a weekday or context); approximate; "
                                                "report_date (the date it was reported).")),
        "confidence": pa.Column(STR, one_of(CONFIDENCE, "confidence"), title=N_("Confidence"),
                                description=N_("'lower' where the only sources are state media of a party to the conflict.")),
        **source_columns(),
    },
    checks=[unique_key(("iso3", "date", "event", "detail"))],
    strict=True,
    name="withdrawals",
    title=N_("Withdrawal event log"),
    description=N_("Dated steps towards withdrawal (and reactions), 2024 onward."),
)

# ------------------------------------------------------------------ casualties
_GLOBAL_FIGURES = ["total", "killed", "injured", "status_unknown", "civilian_share", "child_share",
                   "improvised_mine_casualties"]


def _has_figure(df: pd.DataFrame, cols: list[str]) -> pd.Series:
    return df[cols].notna().any(axis=1)


CASUALTIES_GLOBAL = pa.DataFrameSchema(
    {
        "year": year_column(),
        "total": pa.Column(INT, NON_NEGATIVE, nullable=True, title=N_("Recorded casualties"),
                           description=N_("People killed or injured by mines/ERW as recorded by the Landmine Monitor.")),
        "killed": count_column(N_("Killed"), N_("People killed, from the same report as the total.")),
        "injured": count_column(N_("Injured"), N_("People injured, from the same report as the total.")),
        "status_unknown": count_column(N_("Outcome unknown"), N_("Casualties whose survival outcome is unknown.")),
        "civilian_share": pa.Column(FLOAT, SHARE, nullable=True, title=N_("Civilian share"),
                                    description=N_("Civilians among casualties whose status was known (0..1).")),
        "child_share": pa.Column(FLOAT, SHARE, nullable=True, title=N_("Child share"),
                                 description=N_("Children among civilian casualties whose age was known (0..1).")),
        "improvised_mine_casualties": pa.Column(INT, NON_NEGATIVE, nullable=True, title=N_("Improvised mines"),
                                                description=N_("Casualties of improvised (victim-activated) mines.")),
        **source_columns(required=False),
    },
    checks=[
        unique_key(("year",)),
        row_check("split_within_total", ("total", "killed", "injured", "status_unknown"),
                  lambda d: (d["total"].isna() | (d[["killed", "injured", "status_unknown"]].fillna(0).sum(axis=1)
                                                  <= d["total"])).astype(bool),
                  N_("killed + injured + status_unknown exceeds total: check the figures come from the same report")),
        row_check("split_matches_total", ("total", "killed", "injured", "status_unknown", "note"),
                  lambda d: split_matches(d, d["killed"] + d["injured"] + d["status_unknown"].fillna(0)),
                  N_("killed + injured + status_unknown do not add up to total: correct the figures, or say in note "
                  "by how much they fall 'short of the total' and why")),
        row_check("improvised_within_total", ("total", "improvised_mine_casualties"),
                  lambda d: not_after(d["improvised_mine_casualties"], d["total"]),
                  N_("improvised_mine_casualties exceeds total")),
        row_check("figure_has_source", ("report", "source_url"),
                  lambda d: ~_has_figure(d, _GLOBAL_FIGURES) | (d["report"].notna() & d["source_url"].notna()),
                  N_("a row with figures needs report and source_url: say where each number was read")),
        row_check("gap_explained", ("note",),
                  lambda d: _has_figure(d, ["total"]) | d["note"].notna(),
                  N_("a year without a total must say why in note (e.g. 'no published figure found')")),
    ],
    strict=True,
    name="casualties_global",
    title=N_("Recorded casualties, worldwide"),
    description=N_("One row per calendar year. Empty cells mean no published figure was found."),
)

CASUALTIES_BY_COUNTRY = pa.DataFrameSchema(
    {
        "iso3": iso3_column(),
        "country": pa.Column(STR, NOT_BLANK, title=N_("Country"), description=N_("Country name as the source gives it.")),
        "year": year_column(),
        "total": count_column(N_("Recorded casualties"), N_("People killed or injured by mines/ERW in the country, as recorded.")),
        "killed": count_column(N_("Killed"), N_("People killed, from the same report as the total.")),
        "injured": count_column(N_("Injured"), N_("People injured, from the same report as the total.")),
        **source_columns(),
    },
    checks=[
        unique_key(("iso3", "year", "report")),
        row_check("split_within_total", ("total", "killed", "injured"),
                  lambda d: (d["total"].isna() | (d[["killed", "injured"]].fillna(0).sum(axis=1) <= d["total"])).astype(bool),
                  N_("killed + injured exceeds total: check the figures come from the same report")),
        row_check("split_matches_total", ("total", "killed", "injured", "note"),
                  lambda d: split_matches(d, d["killed"] + d["injured"]),
                  N_("killed + injured do not add up to total: correct the figures, or say in note by how much they "
                  "fall 'short of the total' and why")),
        row_check("has_figure_or_note", ("total", "note"),
                  lambda d: _has_figure(d, ["total", "killed", "injured"]) | d["note"].notna(),
                  N_("a row without figures must say why in note")),
    ],
    strict=True,
    name="casualties_by_country",
    title=N_("Recorded casualties by country"),
    description=N_("One row per country, year and report (the most affected countries the reports name)."),
)

# ------------------------------------------------------------------ clearance
ARTICLE5 = pa.DataFrameSchema(
    {
        "iso3": iso3_column(),
        "country": pa.Column(STR, NOT_BLANK, title=N_("Country"), description=N_("Country name as the source gives it.")),
        "contamination_km2": pa.Column(FLOAT, NON_NEGATIVE, nullable=True, title=N_("Contamination (km²)"),
                                       description=N_("Latest anti-personnel mined-area estimate.")),
        "contamination_as_of": pa.Column(DATE, nullable=True, title=N_("Contamination as of"),
                                         description=N_("Date the contamination estimate refers to.")),
        "contamination_level": pa.Column(STR, one_of(CONTAMINATION_LEVELS, "contamination_level"), nullable=True,
                                         title=N_("Contamination level"),
                                         description=N_("massive >100 km², heavy 20-100, medium 5-20, light <5.")),
        **source_columns(),
    },
    checks=[
        unique_key(("iso3",)),
        row_check("contamination_dated", ("contamination_km2", "contamination_as_of"),
                  lambda d: d["contamination_km2"].isna() | d["contamination_as_of"].notna(),
                  N_("a contamination figure needs the date it refers to (contamination_as_of)")),
    ],
    strict=True,
    name="article5",
    title=N_("Article 5 clearance obligations"),
    description=N_("One row per State Party with past or present Article 5 obligations, with its latest contamination "
                "estimate. Deadlines, extensions and completion are dated events in article5_events."),
)

A5_EVENTS = ["extension_requested", "extension_decided", "completion_declared", "obligations_reopened"]
A5_OUTCOMES = ["granted", "interim", "not_granted"]
_GRANTS = ["granted", "interim"]


def _granted_deadline(d: pd.DataFrame) -> pd.Series:
    grant = d["event"].eq("extension_decided") & d["outcome"].isin(_GRANTS)
    explained = d["note"].fillna("").str.contains(r"not found|not known|unknown", case=False, regex=True)
    return (~grant | d["deadline"].notna() | explained).astype(bool)


def _deadlines_move_later(d: pd.DataFrame) -> pd.Series:
    """Within a state, each granted deadline is no earlier than the one granted before it."""
    grants = d[d["event"].eq("extension_decided") & d["outcome"].isin(_GRANTS) & d["deadline"].notna()]
    grants = grants.sort_values(["iso3", "date"])
    before = grants.groupby("iso3")["deadline"].cummax().groupby(grants["iso3"]).shift()
    ok = pd.Series(True, index=d.index)
    ok[grants.index] = (before.isna() | (grants["deadline"] >= before)).to_numpy()
    return ok.astype(bool)


ARTICLE5_EVENTS = pa.DataFrameSchema(
    {
        "iso3": iso3_column(),
        "date": pa.Column(DATE, nullable=True, title=N_("Date"),
                          description=N_("When it happened: a request's submission, the last day of the Meeting that "
                                      "decided, the declaration of completion, the report of new mined areas.")),
        "date_precision": pa.Column(STR, one_of(PRECISION, "date_precision"), title=N_("Date precision"),
                                    description=N_("day; month (stored as the month's last day); year (stored as 31 "
                                                "December); unknown (a completion whose date was not found: date "
                                                "empty).")),
        "event": pa.Column(STR, one_of(A5_EVENTS, "event"), title=N_("Event"),
                           description=N_("extension_requested, extension_decided (by a Meeting of the States Parties "
                                       "or a Review Conference), completion_declared, obligations_reopened (newly "
                                       "found mined areas after completion).")),
        "meeting": pa.Column(STR, nullable=True, title=N_("Meeting"),
                             description=N_("The Meeting that decided, e.g. 22MSP (22nd Meeting of the States Parties) "
                                         "or 5RC (Fifth Review Conference).")),
        "outcome": pa.Column(STR, one_of(A5_OUTCOMES, "outcome"), nullable=True, title=N_("Outcome"),
                             description=N_("For a decision: granted, interim (a shorter extension until a full request) "
                                         "or not_granted.")),
        "deadline": pa.Column(DATE, nullable=True, title=N_("Deadline"),
                              description=N_("For a request: the deadline asked for; for a granted or interim decision: "
                                          "the new deadline; for obligations re-opened: the new deadline if one was "
                                          "set then.")),
        **source_columns(),
    },
    checks=[
        unique_key(("iso3", "date", "event")),
        row_check("precision_agrees_with_date", ("date", "date_precision"), precision_agrees,
                  N_("date_precision does not fit the date: a year-only date is written as 31 December of that year, a "
                  "month-only date as the month's last day, and only precision 'unknown' leaves the date empty")),
        row_check("undated_only_completion", ("event", "date"),
                  lambda d: d["date"].notna() | d["event"].eq("completion_declared"),
                  N_("only a completion may be undated (precision 'unknown'); give every other event its date")),
        row_check("decision_has_outcome", ("event", "outcome"),
                  lambda d: d["event"].eq("extension_decided") == d["outcome"].notna(),
                  N_("a decision (extension_decided) needs an outcome (granted, interim or not_granted), and only a "
                  "decision has one")),
        row_check("decision_names_meeting", ("event", "meeting"),
                  lambda d: ~d["event"].eq("extension_decided") | d["meeting"].notna() | d["date_precision"].eq("year"),
                  N_("a decision needs the meeting that took it, e.g. 22MSP or 5RC (only a decision known to the year "
                  "alone may leave it empty)")),
        row_check("granted_has_deadline", ("outcome", "deadline"), _granted_deadline,
                  N_("a granted or interim extension needs its new deadline (or a note saying it was not found)")),
        row_check("not_granted_has_no_deadline", ("outcome", "deadline"),
                  lambda d: ~d["outcome"].eq("not_granted") | d["deadline"].isna(),
                  N_("a request that was not granted sets no deadline: leave deadline empty")),
        row_check("deadline_after_decision", ("date", "deadline"), lambda d: not_after(d["date"] - pd.Timedelta(days=366 * 3), d["deadline"]),
                  N_("the deadline is years before the event's date: check the two dates were not swapped")),
        row_check("deadlines_move_later", ("iso3", "deadline"), _deadlines_move_later,
                  N_("this extension's deadline is earlier than one granted before it: an extension moves the "
                  "deadline later")),
        row_check("completion_has_no_deadline", ("event", "deadline"),
                  lambda d: ~d["event"].eq("completion_declared") | d["deadline"].isna(),
                  N_("a completion sets no deadline: leave deadline empty")),
    ],
    strict=True,
    name="article5_events",
    title=N_("Article 5 decisions: extension requests, decisions, completion, re-opened obligations"),
    description=N_("One row per dated event of a State Party's Article 5 obligation. The original deadline (entry "
                "into force + 10 years) is derived, not stored; the status on any date is derived from these rows."),
)

_CLEARANCE_FIGURES = ["cleared_km2", "land_released_km2", "ap_mines_destroyed"]
CLEARANCE_ANNUAL = pa.DataFrameSchema(
    {
        "iso3": iso3_column(("WLD",), N_("Country (ISO 3166-1 alpha-3), or WLD, not an ISO code: a worldwide total "
                                        "as the report publishes it (never a sum of the country rows).")),
        "year": year_column(),
        "cleared_km2": pa.Column(FLOAT, NON_NEGATIVE, nullable=True, title=N_("Cleared (km²)"),
                                 description=N_("Mined area released by clearance.")),
        "land_released_km2": pa.Column(FLOAT, NON_NEGATIVE, nullable=True, title=N_("Land released (km²)"),
                                       description=N_("Cleared + reduced by technical survey + cancelled by non-technical survey.")),
        "ap_mines_destroyed": count_column(N_("AP mines destroyed"), N_("Anti-personnel mines found and destroyed during land release.")),
        **source_columns(),
    },
    checks=[
        unique_key(("iso3", "year", "report")),
        row_check("cleared_within_released", ("cleared_km2", "land_released_km2"),
                  lambda d: not_after(d["cleared_km2"], d["land_released_km2"]),
                  N_("cleared_km2 exceeds land_released_km2: land released includes the cleared area")),
        row_check("has_figure", tuple(_CLEARANCE_FIGURES),
                  lambda d: _has_figure(d, _CLEARANCE_FIGURES),
                  N_("the row has no figure: fill cleared_km2, land_released_km2 or ap_mines_destroyed, or delete the row")),
    ],
    strict=True,
    name="clearance_annual",
    title=N_("Clearance per year"),
    description=N_("One row per country (or WLD), year and report; editions revise and count differently."),
)

# ------------------------------------------------------------------ domino factors
ALLIANCES = pa.DataFrameSchema(
    {
        "iso3": iso3_column(),
        "group": pa.Column(STR, one_of(["NATO", "EU"], "group"), title=N_("Group"), description=N_("NATO or EU.")),
        "joined": pa.Column(DATE, title=N_("Joined"), description=N_("Date membership began (instrument deposited).")),
        "left": pa.Column(DATE, nullable=True, title=N_("Left"), description=N_("Date membership ended (empty: still a member).")),
        **source_columns(),
    },
    checks=[
        unique_key(("iso3", "group")),
        row_check("left_after_joined", ("joined", "left"), lambda d: not_after(d["joined"], d["left"]),
                  N_("left is before joined")),
    ],
    strict=True,
    name="alliances",
    title=N_("Alliance membership"),
    description=N_("NATO and EU membership with dates."),
)

AP_MINE_USE = pa.DataFrameSchema(
    {
        "iso3": iso3_column(),
        "actor": pa.Column(STR, one_of(["state_forces", "nsag"], "actor"), title=N_("Actor"),
                           description=N_("state_forces, or nsag (non-state armed groups in that state).")),
        "period": pa.Column(STR, pa.Check.str_matches(r"^\d{4}(-\d{4})?$", error=N_("write the period as YYYY or YYYY-YYYY")),
                            title=N_("Period"), description=N_("Reporting period of the Monitor report.")),
        "detail": pa.Column(STR, NOT_BLANK, title=N_("Detail"), description=N_("What the Monitor reported.")),
        "allegation": pa.Column(BOOL, title=N_("Allegation"), description=N_("true where use is alleged, not confirmed.")),
        **source_columns(),
    },
    checks=[unique_key(("iso3", "actor", "period", "report"))],
    strict=True,
    name="ap_mine_use",
    title=N_("Anti-personnel mine use"),
    description=N_("Use of anti-personnel mines reported by the Landmine Monitor."),
)

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    s.name: s for s in (MEMBERSHIP, WITHDRAWALS, CASUALTIES_GLOBAL, CASUALTIES_BY_COUNTRY, ARTICLE5, ARTICLE5_EVENTS,
                        CLEARANCE_ANNUAL, ALLIANCES, AP_MINE_USE)
}


def key_columns(dataset: str) -> list[str]:
    """The columns that identify a row of a dataset (its uniqueness rule)."""
    for check in SCHEMAS[dataset].checks:
        if (check.name or "").startswith("unique_"):
            return list(check.statistics["columns"])
    raise KeyError(f"{dataset} has no key")
