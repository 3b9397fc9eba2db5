"""Domino risk: how exposed each remaining State Party is, and what-if cascades of withdrawals.

An aid to thinking about scenarios, not a prediction: every factor is a documented fact (a land border,
an alliance, a recorded debate), and the score only weighs them as the user chooses.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

import i18n
from i18n import N_, _, ngettext
from treaty.status import BOUND, STATE_PARTY, WITHDRAWAL_PENDING, WITHDRAWN, status_on
from treaty.words import event_words

# What each factor means (shown through _(): the sliders' help, the page's list, the map's hover)
FACTORS = {
    "border_leaver": N_("Shares a land border with a state that withdrew or is withdrawing"),
    "border_mine_user": N_("Shares a land border with a state outside the treaty whose forces the Landmine Monitor "
                           "recently found using anti-personnel mines"),
    # TRANSLATORS: the part before the colon is also shown alone, on the exposure map's hover: keep one colon
    "alliance": N_("Shares an alliance (NATO, EU) with the states that left: the share of them it is allied with"),
    "debate": N_("Has a documented public debate about leaving, or has taken steps towards leaving"),
}
DEFAULT_WEIGHTS = {k: 1.0 for k in FACTORS}
# Steps in the event log that show a state debating or moving towards leaving.
DEBATE_EVENTS = {"debate", "announced", "government_decision", "parliament_reading", "parliament_vote",
                 "law_signed", "suspended"}
RECENT_REPORTS = 3  # "recently": the last three Landmine Monitor reports in the data


def home_borders(borders: pd.DataFrame, overseas: bool = False) -> pd.DataFrame:
    """The borders that make states neighbours: those of their own lands, and those through an overseas territory
    (France–Brazil through French Guiana) only if `overseas` (the `overseas` column of loaders.geometry)."""
    if overseas or "overseas" not in borders:
        return borders
    return borders[borders["overseas"].eq("")]


def neighbours(borders: pd.DataFrame, overseas: bool = False) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    shown = home_borders(borders, overseas)
    for a, b in zip(shown["iso3_a"], shown["iso3_b"], strict=True):
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return out


def border_lengths(borders: pd.DataFrame) -> dict[frozenset, float]:
    return {frozenset((a, b)): km for a, b, km in zip(borders["iso3_a"], borders["iso3_b"], borders["length_km"],
                                                     strict=True)}


def allies_on(alliances: pd.DataFrame, on) -> dict[str, set[str]]:
    """Groups (NATO, EU) each state belongs to on a date."""
    d = pd.Timestamp(on)
    a = alliances[(alliances["joined"] <= d) & (alliances["left"].isna() | (alliances["left"] > d))]
    return a.groupby("iso3")["group"].apply(set).to_dict()


def recent_mine_users(mine_use: pd.DataFrame) -> set[str]:
    """States whose own forces used anti-personnel mines in the latest reports (allegations excluded)."""
    years = mine_use["report"].str.extract(r"(\d{4})")[0].astype(int)
    latest = sorted(years.unique())[-RECENT_REPORTS:]
    rows = mine_use[(mine_use["actor"] == "state_forces") & ~mine_use["allegation"].astype(bool) & years.isin(latest)]
    return set(rows["iso3"])


def exposure(tl: pd.DataFrame, borders: pd.DataFrame, alliances: pd.DataFrame, mine_use: pd.DataFrame,
             events: pd.DataFrame, on, weights: dict[str, float] | None = None) -> pd.DataFrame:
    """One row per remaining State Party (bound and not leaving) on `on`: each factor in 0..1, the reasons,
    and the weighted score (weighted mean of the factors, 0..1), ranked."""
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    status = status_on(tl, on).set_index("iso3")["status"]
    names = tl.set_index("iso3")["name"]
    leavers = set(status[status.isin([WITHDRAWN, WITHDRAWAL_PENDING])].index)
    outside = set(status[~status.isin(BOUND)].index)
    users = recent_mine_users(mine_use) & outside
    nb = neighbours(borders)
    groups = allies_on(alliances, on)
    d = pd.Timestamp(on)
    steps = events[(events["date"] <= d) & events["event"].isin(DEBATE_EVENTS)].groupby("iso3")["event"].apply(list)
    rows = []
    for iso3 in sorted(status[status == STATE_PARTY].index):
        near = nb.get(iso3, set())
        left_near, users_near = sorted(near & leavers), sorted(near & users)
        allied = sorted(s for s in leavers if groups.get(iso3, set()) & groups.get(s, set()))
        debate = steps.get(iso3, [])
        f = {
            "border_leaver": 1.0 if left_near else 0.0,
            "border_mine_user": 1.0 if users_near else 0.0,
            "alliance": len(allied) / len(leavers) if leavers else 0.0,
            "debate": 1.0 if debate else 0.0,
        }
        total = sum(weights.values())
        score = sum(weights[k] * v for k, v in f.items()) / total if total else 0.0
        rows.append({"iso3": iso3, "name": names[iso3], **f, "score": score,
                     "leaver_neighbours": ", ".join(names.get(x, x) for x in left_near),
                     "mine_user_neighbours": ", ".join(names.get(x, x) for x in users_near),
                     "allied_leavers": ", ".join(names.get(x, x) for x in allied),
                     "debate_steps": ", ".join(sorted({event_words(e) for e in debate}))})
    columns = ["iso3", "name", *FACTORS, "score", "leaver_neighbours", "mine_user_neighbours", "allied_leavers",
               "debate_steps"]  # the same columns when no State Party remains to be scored
    out = pd.DataFrame(rows, columns=columns).sort_values(["score", "name"], ascending=[False, True])
    out = out.reset_index(drop=True)
    out.insert(0, "rank", out["score"].rank(method="min", ascending=False).astype(int))
    return out


@dataclass(frozen=True)
class Reason:
    """Why a state leaves in a scenario: chosen (a seed), or the share of its peers that had left before."""
    round: int
    chosen: bool
    gone: tuple[str, ...] = ()   # the peers that had left (ISO3)
    peers: int = 0               # how many peers it has
    share: float = 0.0           # the share that decided it (of peers, or of border length when weighted)

    def words(self, names: dict[str, str], peers: str, weighted: bool) -> str:
        """The reason in the visitor's language (the cascade map's hover and the scenario's CSV)."""
        if self.chosen:
            return _("Round {round}: chosen to leave in this scenario").format(round=self.round)
        share = i18n.percent(self.share)
        # TRANSLATORS: {share} is a percentage ("33%"): the share of a state's land border along states that had left
        share = _("{share} of its border length").format(share=share) if weighted else share
        if peers == "neighbours":
            # TRANSLATORS: English says "neighbours" for every count; {who}: the names of those that had left
            text = ngettext("Round {round}: {gone} of its {peers} neighbours had left ({who}): {share}",
                            "Round {round}: {gone} of its {peers} neighbours had left ({who}): {share}", self.peers)
        elif peers == "allies":
            text = ngettext("Round {round}: {gone} of its {peers} allies had left ({who}): {share}",
                            "Round {round}: {gone} of its {peers} allies had left ({who}): {share}", self.peers)
        else:
            text = ngettext("Round {round}: {gone} of its {peers} neighbours and allies had left ({who}): {share}",
                            "Round {round}: {gone} of its {peers} neighbours and allies had left ({who}): {share}",
                            self.peers)
        return text.format(round=self.round, gone=i18n.number(len(self.gone)), peers=i18n.number(self.peers),
                           who=", ".join(names.get(c, c) for c in self.gone), share=share)


@dataclass(frozen=True)
class Round:
    number: int
    leaving: tuple[str, ...]  # ISO3 codes that leave in this round
    parties: int              # States Parties after the round
    border_km: float          # land border between States Parties and states outside, after the round


@dataclass
class Cascade:
    rounds: list[Round] = field(default_factory=list)
    already: tuple[str, ...] = ()  # withdrawn or withdrawing on the start date
    reasons: dict[str, Reason] = field(default_factory=dict)  # each state that leaves in a round, and why

    @property
    def left(self) -> set[str]:
        return {c for r in self.rounds for c in r.leaving}


def border_outside_km(parties: set[str], states: set[str], borders: pd.DataFrame) -> float:
    """Length of land border between States Parties and states outside (territories without data left out)."""
    a_in, b_in = borders["iso3_a"].isin(parties), borders["iso3_b"].isin(parties)
    both_states = borders["iso3_a"].isin(states) & borders["iso3_b"].isin(states)
    return float(borders.loc[both_states & (a_in != b_in), "length_km"].sum())


def cascade(tl: pd.DataFrame, borders: pd.DataFrame, alliances: pd.DataFrame, on, seeds=(),
            threshold: float | None = None, peers: str = "neighbours", max_rounds: int = 50,
            overseas: bool = False, weighted: bool = False) -> Cascade:
    """What if `seeds` left on top of what happened by `on`, and then every State Party left once the share
    of its peers ("neighbours", "allies" or "both") that have left reached `threshold`?

    Round 0 is the situation on `on` (no one leaves); round 1 the seeds and any state already over the
    threshold; then one round per wave until none is due.
    A peer "has left" if it withdrew, is withdrawing, or left in an earlier round; peers that never
    joined do not count as having left (they still count in the share's denominator).
    Neighbours share a land border of their own lands; a border through an overseas territory (France–Brazil,
    through French Guiana) makes neighbours only if `overseas`. `weighted` (neighbours only): the share is of
    the state's land border length, not of its neighbours' number.
    The land border between parties and states outside counts every border, overseas ones included.
    """
    status = status_on(tl, on).set_index("iso3")["status"]
    states = set(status.index)
    parties = set(status[status == STATE_PARTY].index)  # withdrawing states are on their way out
    gone = set(status[status.isin([WITHDRAWN, WITHDRAWAL_PENDING])].index)
    nb = neighbours(borders, overseas)
    km = border_lengths(borders)
    groups = allies_on(alliances, on)
    weighted = weighted and peers == "neighbours"

    def peers_of(iso3: str) -> set[str]:
        out = set()
        if peers in ("neighbours", "both"):
            out |= nb.get(iso3, set()) & states
        if peers in ("allies", "both"):
            out |= {s for s, g in groups.items() if s != iso3 and g & groups.get(iso3, set())}
        return out

    def share(iso3: str, p: set[str]) -> float:
        if not weighted:
            return len(p & gone) / len(p)
        total = sum(km[frozenset((iso3, q))] for q in p)
        return sum(km[frozenset((iso3, q))] for q in p & gone) / total if total else 0.0

    def due() -> dict[str, Reason]:
        if threshold is None:
            return {}
        out = {}
        for s in sorted(parties):
            if (p := peers_of(s)) and (f := share(s, p)) >= threshold:
                out[s] = Reason(number, False, tuple(sorted(p & gone)), len(p), f)
        return out

    result = Cascade([Round(0, (), len(parties), border_outside_km(parties, states, borders))], tuple(sorted(gone)))
    number = 1
    wave = {s: Reason(number, True) for s in sorted(set(seeds) & parties)}
    wave = due() | wave  # a seed is "chosen", even when it was also due
    while wave and number <= max_rounds:
        parties -= set(wave)
        gone |= set(wave)
        result.reasons |= wave
        result.rounds.append(Round(number, tuple(sorted(wave)), len(parties),
                                   border_outside_km(parties, states, borders)))
        number += 1
        wave = due()
    return result


def cascade_table(result: Cascade, names: dict[str, str], peers: str, weighted: bool) -> pd.DataFrame:
    """The scenario as a table (its CSV): each state that leaves, the round, and why."""
    rows = [{"round": r.round, "iso3": c, "state": names.get(c, c), "chosen": r.chosen,
             "peers_that_had_left": "; ".join(names.get(g, g) for g in r.gone), "peers": r.peers,
             "share": round(r.share, 3), "reason": r.words(names, peers, weighted)}
            for c, r in result.reasons.items()]
    columns = ["round", "iso3", "state", "chosen", "peers_that_had_left", "peers", "share", "reason"]
    return pd.DataFrame(rows, columns=columns).sort_values(["round", "state"]).reset_index(drop=True)
