"""Exposure and what-if cascades: pinned on small hand-made graphs and on the real data."""
import pandas as pd
import pytest

import loaders
from loaders.geometry import load_borders
from treaty.domino import (
    FACTORS,
    border_outside_km,
    cascade,
    cascade_table,
    exposure,
    recent_mine_users,
)
from treaty.status import timelines

T = pd.Timestamp


def toy():
    """A line of four States Parties A-B-C-D, plus E outside; A has withdrawn; A, B in group 'NATO'."""
    members = pd.DataFrame({
        "iso3": list("ABCDE"), "name": ["Aland", "Bland", "Cland", "Dland", "Eland"],
        "signature_date": pd.NaT, "consent_date": [T("2000-01-01")] * 4 + [pd.NaT],
        "consent_type": ["accession"] * 4 + [None],
        "entry_into_force_date": [T("2000-07-01")] * 4 + [pd.NaT],
        "report": "r", "source_url": "https://example.org", "note": None})
    events = pd.DataFrame({"iso3": ["A", "A", "C"], "event": ["notification_deposited", "effective", "debate"],
                           "date": [T("2024-01-01"), T("2024-07-01"), T("2024-02-01")]})
    borders = pd.DataFrame({"iso3_a": ["A", "B", "C", "D"], "iso3_b": ["B", "C", "D", "E"],
                            "length_km": [10.0, 20.0, 30.0, 40.0]})
    alliances = pd.DataFrame({"iso3": ["A", "B"], "group": ["NATO", "NATO"], "joined": [T("1990-01-01")] * 2,
                              "left": [pd.NaT, pd.NaT]})
    mine_use = pd.DataFrame({"iso3": ["E"], "actor": ["state_forces"], "allegation": [False],
                             "report": ["Landmine Monitor 2025"]})
    return timelines(members, events), borders, alliances, mine_use, events


def test_toy_exposure_factors():
    tl, borders, alliances, mine_use, events = toy()
    e = exposure(tl, borders, alliances, mine_use, events, "2025-01-01").set_index("iso3")
    assert list(e.index.sort_values()) == ["B", "C", "D"]  # A has left; E never joined
    assert e.loc["B", "border_leaver"] == 1 and e.loc["B", "alliance"] == 1 and e.loc["B", "debate"] == 0
    assert e.loc["C", "border_leaver"] == 0 and e.loc["C", "debate"] == 1
    assert e.loc["D", "border_mine_user"] == 1 and e.loc["D", "mine_user_neighbours"] == "Eland"
    assert e.loc["B", "score"] == pytest.approx(0.5) and e.loc["B", "rank"] == 1


def test_weights_pick_what_counts():
    tl, borders, alliances, mine_use, events = toy()
    only_debate = {k: 0.0 for k in FACTORS} | {"debate": 1.0}
    e = exposure(tl, borders, alliances, mine_use, events, "2025-01-01", only_debate).set_index("iso3")
    assert e["score"].to_dict() == {"C": 1.0, "B": 0.0, "D": 0.0}


def test_toy_threshold_cascade_runs_down_the_line():
    tl, borders, alliances, *_ = toy()
    c = cascade(tl, borders, alliances, "2025-01-01", threshold=0.5)
    assert [r.leaving for r in c.rounds] == [(), ("B",), ("C",), ("D",)]
    assert [r.parties for r in c.rounds] == [3, 2, 1, 0]


def test_toy_high_threshold_stops_and_seeds_leave_first():
    tl, borders, alliances, *_ = toy()
    assert len(cascade(tl, borders, alliances, "2025-01-01", threshold=1.0).rounds) == 1
    c = cascade(tl, borders, alliances, "2025-01-01", seeds=["D"])
    assert [r.leaving for r in c.rounds] == [(), ("D",)] and c.left == {"D"}


def test_footprint_border_between_parties_and_outside():
    tl, borders, *_ = toy()
    # parties B, C, D; outside A (left) and E: borders A-B (10) and D-E (40)
    assert border_outside_km({"B", "C", "D"}, set("ABCDE"), borders) == 50.0
    assert border_outside_km({"B"}, set("ABCDE"), borders) == 30.0


@pytest.fixture(scope="module")
def real(tl):
    return tl, load_borders(), loaders.load_alliances(), loaders.load_ap_mine_use(), loaders.load_withdrawals()


def test_norway_exposed_through_finland_and_russia(real):
    e = exposure(*real, "2026-11-26").set_index("iso3")
    assert e.loc["NOR", "leaver_neighbours"] == "Finland"
    assert "Russian Federation" in e.loc["NOR", "mine_user_neighbours"]
    assert e.loc["NOR", "score"] > 0
    assert "POL" not in e.index and "FIN" not in e.index  # they left
    assert e.loc["SWE", "debate"] == 1 and e.loc["UKR", "debate"] == 1


def test_before_any_withdrawal_no_one_borders_a_leaver(real):
    e = exposure(*real, "2025-01-01")
    assert (e["border_leaver"] == 0).all() and (e["alliance"] == 0).all()
    assert len(e) == 164


def test_recent_mine_users_come_from_the_latest_reports_without_allegations(real):
    users = recent_mine_users(real[3])
    assert {"RUS", "MMR"} <= users and "KHM" not in users


def test_threshold_one_with_nothing_seeded_leaves_everyone_in(real):
    tl, borders, alliances, *_ = real
    c = cascade(tl, borders, alliances, "2026-11-26", threshold=1.0)
    assert len(c.rounds) == 1 and c.rounds[0].parties == 161


def test_seeded_cascade_counts_parties_and_border(real):
    tl, borders, alliances, *_ = real
    c = cascade(tl, borders, alliances, "2026-11-26", seeds=["NOR", "SWE"])
    assert c.rounds[1].parties == 159
    # Norway and Sweden outside: the Norway-Russia border no longer separates a party from a non-party
    assert c.rounds[1].border_km < c.rounds[0].border_km


def test_timeline_lanes_put_governments_that_stay_in_their_own_lane(real):
    from charts.domino import STAYING, lanes  # noqa: F401 (STAYING is used inside the query)
    tl, *_, events = real
    staying = lanes(events, tl).query("lane == @STAYING")
    assert set(staying["iso3"]) == {"NOR", "DEU", "THA"}
    assert (staying["event"] == "stays").all()


def test_cascade_map_plays_round_by_round(real):
    from charts.domino import cascade_map
    tl, borders, alliances, *_ = real
    c = cascade(tl, borders, alliances, "2026-11-26", seeds=["NOR"], threshold=0.25, peers="neighbours")
    names = dict(zip(tl["iso3"], tl["name"], strict=True))
    spec = cascade_map("/g.json", c, names)
    frames = spec["frames"]
    assert len(frames) == len(c.rounds) and len(c.rounds) > 2
    # every state outlined behind, so a small scenario is seen in place
    assert spec["data"][0]["locations"] == list(names)
    # grey: the five that left by the start date; round 0 adds nothing, each later frame that round's leavers
    assert set(spec["data"][1]["locations"]) == {"EST", "LVA", "LTU", "FIN", "POL"}
    assert frames[0]["data"][0]["locations"] == [] and frames[0]["traces"] == [2]
    for k in range(1, len(frames)):
        added = set(frames[k]["data"][0]["locations"]) - set(frames[k - 1]["data"][0]["locations"])
        assert added == set(c.rounds[k].leaving)
    # the figure as first drawn shows the outcome, and the slider starts at the last round
    assert spec["data"][2]["locations"] == frames[-1]["data"][0]["locations"]
    assert spec["layout"]["sliders"][0]["active"] == len(frames) - 1


def test_borders_through_overseas_territories_are_found_on_the_map():
    b = load_borders()
    overseas = b[b["overseas"] != ""]
    # French Guiana's borders, and no exclave near home (Kaliningrad, Nakhchivan, Cabinda, Gaza, Timor)
    assert set(zip(overseas["iso3_a"], overseas["iso3_b"], overseas["overseas"], strict=True)) == {
        ("BRA", "FRA", "FRA"), ("FRA", "SUR", "FRA")}


def test_a_cascade_does_not_cross_an_ocean_through_french_guiana_unless_asked(real):
    tl, borders, alliances, *_ = real
    americas = {"BRA", "SUR", "GUY", "COL", "MEX", "VEN", "PER"}
    home = cascade(tl, borders, alliances, "2026-11-26", seeds=["NOR", "SWE"], threshold=0.25)
    wide = cascade(tl, borders, alliances, "2026-11-26", seeds=["NOR", "SWE"], threshold=0.25, overseas=True)
    assert not home.left & americas and wide.left & americas
    assert len(wide.left) == 55 and len(home.left) < 40  # the 55, with French Guiana as France
    assert "FRA" in wide.reasons["BRA"].gone  # Brazil goes because France (through French Guiana) went


def test_border_length_weighting_and_each_reason():
    tl, borders, alliances, *_ = toy()  # A-B 10 km, B-C 20 km: B has lost a third of its border, half its neighbours
    counted = cascade(tl, borders, alliances, "2025-01-01", threshold=0.4)
    weighted = cascade(tl, borders, alliances, "2025-01-01", threshold=0.4, weighted=True)
    assert counted.rounds[1].leaving == ("B",) and len(weighted.rounds) == 1
    r = counted.reasons["B"]
    assert (r.round, r.chosen, r.gone, r.peers, r.share) == (1, False, ("A",), 2, 0.5)
    names = {"A": "Aland", "B": "Bland"}
    assert r.words(names, "neighbours", False) == "Round 1: 1 of its 2 neighbours had left (Aland): 50%"
    w = cascade(tl, borders, alliances, "2025-01-01", threshold=0.3, weighted=True).reasons["B"]
    assert w.share == pytest.approx(10 / 30) and w.words(names, "neighbours", True).endswith("33% of its border length")
    seeded = cascade(tl, borders, alliances, "2025-01-01", seeds=["D"], threshold=0.4)
    assert seeded.reasons["D"].chosen and seeded.reasons["D"].words(names, "neighbours", False).endswith(
        "chosen to leave in this scenario")
    table = cascade_table(seeded, names, "neighbours", False)
    assert set(table["iso3"]) == seeded.left and list(table["round"]) == sorted(table["round"])
    assert table.set_index("iso3").loc["B", "peers_that_had_left"] == "Aland"
