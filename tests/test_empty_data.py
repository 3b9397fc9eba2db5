"""Every page survives any valid published dataset, an empty one (header only) or a single row: it says what is
missing in a sentence and never shows a traceback (issue "Hostile input")."""
from __future__ import annotations

import pytest
import streamlit as st
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

import loaders
import ui
from loaders.story import read_steps
from paths import ROOT
from publish.store import Store
from tests.test_app import shown

STEPS = [s.step for s in read_steps()]
# Where each dataset is drawn, and what those pages say when it is empty
SAYS = {
    "membership": (["atlas", "over-time", "domino", "country", "story"],
                   "No states in the published data yet: the membership dataset is empty."),
    "withdrawals": (["domino"], "No withdrawal steps, statements or debate in the published data yet: the withdrawals "
                                "dataset is empty."),
    "casualties_global": (["impact", "story"],
                          "No recorded casualties in the published data yet: the casualties_global dataset is empty."),
    "casualties_by_country": (["impact", "country", "atlas"], "No casualty figures by country in the published data "
                                                              "yet: the casualties_by_country dataset is empty."),
    "article5": (["impact", "country", "story"], "No States Parties with Article 5 obligations in the published data "
                                                 "yet: the article5 dataset is empty."),
    "article5_events": (["impact"], "No Article 5 requests, decisions or completions in the published data yet: the "
                                    "article5_events dataset is empty."),
    "clearance_annual": (["impact", "country"], "the clearance_annual dataset is empty."),
    "alliances": (["domino"], "No alliance memberships in the published data yet: the alliances dataset is empty."),
    "ap_mine_use": (["domino"], "No recorded use of anti-personnel mines in the published data yet: the ap_mine_use "
                                "dataset is empty."),
}
SKIP = {"plotly_chart", "deck_gl_json_chart", "arrow_data_frame"}  # figures and tables: data, not messages


def texts(at: AppTest) -> list[str]:
    """Every string an element of the page carries (its message, label, help, body...)."""
    out = []

    def strings(x):
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                strings(v)
        elif isinstance(x, list):
            for v in x:
                strings(v)

    for node in at._tree:
        if getattr(node, "type", None) in SKIP or getattr(node, "proto", None) is None:
            continue
        strings(MessageToDict(node.proto))
    return [shown(t) for t in out]  # as a reader sees it: data text is escaped Markdown (charts.text)


class Walk:
    """One session walking the pages; each run is checked for a traceback, and what it said is kept."""

    def __init__(self):
        self.at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        self.said: dict[str, list[str]] = {}

    def run(self, where: str) -> AppTest:
        at = self.at.run()
        assert not at.exception, f"{where}: {[e.message for e in at.exception]}"
        seen = texts(at)
        shown = [t for t in seen if "Traceback" in t or 'File "' in t]
        assert not shown, f"{where}: {shown[0][:300]}"
        self.said.setdefault(where.split(" ")[0], []).extend(seen)
        return at

    def page(self, path: str, where: str, **params) -> AppTest:
        self.at.switch_page(path)
        for k, v in params.items():
            self.at.query_params[k] = v
        return self.run(where)

    def state(self, where: str, **values) -> AppTest:
        for k, v in values.items():
            self.at.session_state[k] = v
        return self.run(where)


def walk(dataset: str = "membership") -> dict[str, list[str]]:
    """Every page, every tab, view and step, the atlas's details panel, a country profile, the sources with their
    versions and citation, the story's exports, and the update page of `dataset`."""
    w = Walk()
    w.at.query_params["country"] = "UKR"
    w.run("atlas")
    # a segmented control or radio bound to the URL follows its session state once drawn (a tab follows the URL)
    w.state("atlas 3D", view="3D", metric="Recorded casualties")
    w.state("atlas 3D contamination", metric="AP mine contamination")
    w.page("views/over_time.py", "over-time")
    w.page("views/domino.py", "domino")
    for section in ("The treaty's size", "Exposure", "What if more left?"):
        w.page("views/domino.py", f"domino {section}", section=section)  # a tab is opened through its URL
    w.page("views/impact.py", "impact", section="Recorded casualties")
    w.state("impact civilians", **{"casualty-view": "Civilians and children"})
    for section in ("By country", "Clearance", "Article 5 deadlines"):
        w.page("views/impact.py", f"impact {section}", section=section)
    w.state("impact sources", **{ui.SOURCES: True})
    w.state("impact citation", **{ui.CITE: True})
    w.at.query_params.pop("section")
    w.page("views/country.py", "country AFG", country="AFG")
    w.state("country AFG clearance", **{"clearance-years": True})
    w.page("views/data.py", "data", dataset=dataset)
    for step in STEPS:
        w.page("views/story.py", f"story {step}", step=step)
    w.state("story exports", exports=True)
    return w.said


def publish(dataset: str, rows: int, tmp_path, monkeypatch) -> None:
    """`dataset` published as its header and its first `rows` rows, in a fresh versions database, caches cleared."""
    monkeypatch.setenv("MBT_VERSIONS_DB", str(tmp_path / "versions.sqlite3"))
    lines = loaders.bundled_text(dataset).splitlines(keepends=True)
    Store().add(dataset, "".join(lines[:1 + rows]), "test", f"{dataset} with {rows} row(s)")
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(autouse=True)
def _fresh_caches():
    yield
    st.cache_data.clear()  # the next test must not see this one's published numbers
    st.cache_resource.clear()


def test_the_walk_reaches_every_view(monkeypatch, tmp_path):
    """On the bundled data, each stop of the walk shows what it is there for (else the walk would test nothing)."""
    monkeypatch.setenv("MBT_VERSIONS_DB", str(tmp_path / "versions.sqlite3"))
    said = {page: "\n".join(t) for page, t in walk().items()}
    for page, words in [("atlas", "Height: casualties recorded"), ("atlas", "Height: latest anti-personnel"),
                        ("atlas", "Ukraine notified a 'suspension'"), ("over-time", "States Parties"),
                        ("domino", "peaked at"), ("domino", "not a prediction"), ("domino", "Rounds"),
                        ("impact", "casualties of mines"), ("impact", "children were"),
                        ("impact", "most recorded casualties"), ("impact", "latest worldwide figure"),
                        ("impact", "Article 5 obligations in the data"), ("country", "Clearance year by year"),
                        ("data", "Versions are stored"), ("story", "Step 8 of 8"),
                        ("impact", "Mine Ban Treaty dashboard: Humanitarian impact"),
                        ("story", "This step's address opens it directly")]:
        assert words in said[page], (page, words)


@pytest.mark.parametrize("dataset", loaders.DATASETS)
def test_every_page_says_what_an_empty_dataset_leaves_out(dataset, tmp_path, monkeypatch):
    publish(dataset, 0, tmp_path, monkeypatch)
    said = walk(dataset)
    pages, sentence = SAYS[dataset]
    for page in pages:
        assert any(sentence in t for t in said[page]), f"{page} does not say: {sentence}"


@pytest.mark.parametrize("dataset", loaders.DATASETS)
def test_every_page_survives_a_dataset_of_one_row(dataset, tmp_path, monkeypatch):
    publish(dataset, 1, tmp_path, monkeypatch)
    said = walk(dataset)
    assert "Current data (version 1, 1 rows)" in said["data"]  # the walk saw the published version
