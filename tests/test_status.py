"""Status of every state on any date, checked against published counts."""
import csv
from datetime import date

import pandas as pd
import pytest

from paths import ROOT
from treaty.rules import ArmedConflict
from treaty.status import counts_on, parties_on, parties_over_time, status_on, timelines


@pytest.mark.parametrize("on, expected", [
    ("2013-12-31", 161),
    ("2018-12-31", 164),
    ("2022-12-31", 164),
    ("2025-12-01", 166),
    ("2025-12-27", 163),
    ("2026-01-10", 162),
    ("2026-02-20", 161),
    ("2026-11-26", 161),
])
def test_published_counts_of_states_parties(tl, on, expected):
    assert counts_on(tl, on)["states_parties"] == expected
    assert len(parties_on(tl, on)) == expected


def test_133_signatories(tl):
    assert counts_on(tl, "2026-11-26")["signatories"] == 133


def test_count_holds_from_2026_02_20_onward(tl):
    for d in pd.date_range("2026-02-20", "2026-11-26", freq="7D"):
        assert counts_on(tl, d)["states_parties"] == 161


def test_the_day_before_each_withdrawal_takes_effect(tl):
    assert counts_on(tl, "2025-12-26")["states_parties"] == 166
    assert counts_on(tl, "2026-01-09")["states_parties"] == 163
    assert counts_on(tl, "2026-02-19")["states_parties"] == 162


def test_no_state_party_before_entry_into_force(tl):
    c = counts_on(tl, "1999-02-28")
    assert c["states_parties"] == 0 and c["not_yet_in_force"] > 0
    assert counts_on(tl, "1999-03-01")["states_parties"] > 0


def _status(tl, iso3, on):
    s = status_on(tl, on)
    return s.set_index("iso3").loc[iso3]


def test_withdrawing_state_is_pending_and_still_a_party(tl):
    assert _status(tl, "POL", "2025-09-01")["status"] == "withdrawal_pending"
    assert "POL" in parties_on(tl, "2025-09-01")
    assert _status(tl, "POL", "2026-02-20")["status"] == "withdrawn"
    assert _status(tl, "POL", "2025-08-19")["status"] == "state_party"


def test_tonga_joined_then_in_force(tl):
    assert _status(tl, "TON", "2025-06-24")["status"] == "not_party"
    assert _status(tl, "TON", "2025-06-25")["status"] == "not_yet_in_force"
    assert _status(tl, "TON", "2025-12-01")["status"] == "state_party"


def test_marshall_islands_signatory_for_decades(tl):
    assert _status(tl, "MHL", "2010-01-01")["status"] == "signatory"
    assert _status(tl, "MHL", "2025-09-01")["status"] == "state_party"


def test_south_sudan_bound_from_independence(tl):
    assert _status(tl, "SSD", "2011-07-09")["status"] == "state_party"
    assert _status(tl, "SSD", "2011-07-08")["status"] != "state_party"


def test_ukraine_remains_bound_with_its_suspension_claim_rejected(tl):
    assert _status(tl, "UKR", "2025-07-17")["suspension"] is None
    assert _status(tl, "UKR", "2025-08-01")["suspension"] == "claimed"
    s = _status(tl, "UKR", "2026-11-26")
    assert s["status"] == "state_party" and s["suspension"] == "rejected"


def test_recorded_effective_dates_follow_article_20(withdrawals, membership):
    """The log's effective dates agree with six months after receipt (none of the five was held by Art. 20(3))."""
    recorded = withdrawals[withdrawals["event"] == "effective"].set_index("iso3")["date"]
    computed = timelines(membership, withdrawals[withdrawals["event"] != "effective"]).set_index("iso3")[
        "withdrawal_effective"]
    assert len(recorded) == 5
    for iso3, d in recorded.items():
        assert computed[iso3] == d, iso3


def test_withdrawal_held_by_armed_conflict_stays_pending(membership, withdrawals):
    hypo = pd.concat([withdrawals, pd.DataFrame([{
        "iso3": "UKR", "date": pd.Timestamp("2025-07-18"), "event": "notification_deposited"}])],
        ignore_index=True)
    tl = timelines(membership, hypo, conflicts={"UKR": (ArmedConflict(date(2022, 2, 24)),)})
    assert _status(tl, "UKR", "2030-01-01")["status"] == "withdrawal_pending"
    assert "UKR" in parties_on(tl, "2030-01-01")


def test_derived_status_matches_the_curators_cross_check(tl):
    """The reference data's hand-made status column (kept only as this fixture) agrees with the derivation."""
    with open(ROOT / "tests" / "fixtures" / "status_2026_11.csv", encoding="utf-8") as f:
        expected = {r["iso3"]: r["status_2026_11"] for r in csv.DictReader(f)}
    mapping = {"state_party": "state_party", "withdrawn": "withdrawn", "non_signatory": "not_party"}
    derived = status_on(tl, "2026-11-26").set_index("iso3")["status"].to_dict()
    assert len(derived) == 197
    assert {k: mapping[v] for k, v in expected.items()} == derived


def test_parties_over_time_peaks_at_166_then_first_decline(tl):
    s = parties_over_time(tl, "2026-11-26")
    assert s["states_parties"].max() == 166
    peak_end = s[s["states_parties"] == 166]["date"].max()
    after = s[s["date"] > peak_end]
    assert after.iloc[0]["states_parties"] == 163 and after.iloc[0]["date"] == pd.Timestamp("2025-12-27")
    assert (s["states_parties"].diff().dropna() < 0).sum() == 3  # three dates of decline, none before 2025


def test_running_count_agrees_with_status_on_every_change_day(tl):
    s = parties_over_time(tl, "2026-11-26")
    for row in s.itertuples():
        c = counts_on(tl, row.date)
        assert (row.states_parties, row.signatories) == (c["states_parties"], c["signatories"]), row.date


def test_a_window_starts_with_the_counts_of_its_first_day(tl):
    w = parties_over_time(tl, "2026-11-26", start="2024-06-01")
    assert w["date"].iloc[0] == pd.Timestamp("2024-06-01")
    assert (w["states_parties"].iloc[0], w["not_leaving"].iloc[0]) == (164, 164)
    assert w["not_leaving"].min() == 159  # three Baltic, Finnish and Polish notices before MHL and TON came in
