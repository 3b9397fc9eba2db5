"""Every page runs headless (Streamlit's AppTest) and shows what the data says."""
import re

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import ui
from paths import ROOT
from treaty.status import counts_on


def run(**params):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def shown(markdown: str) -> str:
    """What a reader sees of Markdown that holds data text (charts.text.markdown_text): no escapes, no word joiners."""
    return re.sub(r"\\([^\w\s]|_)", r"\1", markdown).replace("\u2060", "")


def summary(at):
    return next(m.value for m in at.markdown if "were bound" in m.value)


def test_map_is_the_landing_page_and_says_todays_count(tl):
    at = run()
    assert not at.exception
    assert at.title[0].value == "Who is bound by the ban?"
    n = counts_on(tl, ui.today())["states_parties"]
    assert f"**{n} states were bound**" in summary(at)
    assert len(at.get("plotly_chart")) == 1


@pytest.mark.parametrize("on, n", [("2025-12-01", 166), ("2026-03-01", 161), ("1999-02-28", 0)])
def test_date_from_the_url(on, n):
    at = run(date=on)
    assert f"**{n} states were bound**" in summary(at)


def test_key_moment_buttons_jump_to_their_date():
    at = run()
    at.button(key="moment-2025-12-01").click().run()
    assert "On 1 December 2025, **166 states were bound**" in summary(at)
    assert "5 of them with a withdrawal pending" in summary(at)
    assert at.query_params["date"] in ("2025-12-01", ["2025-12-01"])  # a link made now reopens this day
    at.button(key=f"moment-{ui.today()}").click().run()
    assert "date" not in at.query_params  # today is no date in the link: it keeps following today


@pytest.mark.parametrize("bad", ["1990-01-01", "2999-01-01", "yesterday", ""])
def test_a_date_the_map_cannot_show_opens_today(bad, tl):
    at = run(date=bad)
    assert not at.exception
    assert f"On {ui.today():%-d %B %Y}, **{counts_on(tl, ui.today())['states_parties']} states" in summary(at)


def test_the_time_lapse_steps_through_the_frames_and_the_link_follows(tl):
    at = run(date="2025-11-30")
    at.button(key="play").click().run()
    assert at.button(key="play").label == "Pause"
    frames = ui.timelapse_today(ui.today())
    at.session_state["advanced-at"] = 0.0  # as if two seconds had passed: the next tick moves on
    at.run()
    shown_day = next(d for d in frames if d > pd.Timestamp("2025-11-30").date())
    n = counts_on(tl, shown_day)["states_parties"]
    assert f"On {shown_day:%-d %B %Y}, **{n} states were bound**" in summary(at)
    assert at.query_params["date"] in (shown_day.isoformat(), [shown_day.isoformat()])
    at.button(key="play").click().run()  # pause: the day stays
    assert at.button(key="play").label == "Time-lapse" and f"On {shown_day:%-d %B %Y}" in summary(at)


def test_region_filters_the_counts():
    at = run(date="2025-12-01", region="Europe")
    assert "states in Europe were bound" in summary(at)


def test_country_from_the_url_opens_its_details():
    at = run(date="2025-12-01", country="UKR")
    assert [s.value for s in at.subheader] == ["Ukraine"]
    assert any("the claim is contested" in w.value for w in at.warning)  # rejected only on 5 Dec 2025
    at.button(key="close-panel").click().run()
    assert not at.subheader


def test_suspension_rejected_after_the_meeting_of_states_parties():
    at = run(date="2026-01-01", country="UKR")
    assert any("On 5 December 2025 the States Parties found" in w.value and "remains bound" in w.value
               for w in at.warning)


def test_search_box_opens_details_and_puts_them_in_the_url():
    at = run()
    at.selectbox(key="country").select("POL").run()
    assert [s.value for s in at.subheader] == ["Poland"]
    assert "**Withdrawn**" in " ".join(m.value for m in at.markdown)
    assert at.query_params["country"] in ("POL", ["POL"])


def offered(at, key: str, typed: str) -> list[str]:
    """What a search box offers for what a visitor types (its filter is "contains", in any case)."""
    return [label for label in at.selectbox(key=key).options if typed.casefold() in label.casefold()]


def test_search_finds_states_by_the_names_people_type():
    at = run(date="2025-12-01", country="FIN")
    names = {s.value for s in at.subheader}
    assert names == {"Finland"}
    assert offered(at, "country", "Finland") == ["Finland"]  # not the United Kingdom of … Northern Ireland
    for typed, shown in [("Vatican", "Holy See"), ("Turkey", "Türkiye"), ("Ivory Coast", "Côte d'Ivoire"),
                         ("Burma", "Myanmar"), ("Swaziland", "Eswatini"), ("Czech Republic", "Czechia")]:
        assert f"{typed} → {shown}" in offered(at, "country", typed), typed
    at.selectbox(key="country").select("VAT:Vatican").run()
    assert not at.exception
    assert [s.value for s in at.subheader] == ["Holy See"]
    assert at.selectbox(key="country").value == "VAT" and at.query_params["country"] in ("VAT", ["VAT"])


def test_profile_picker_takes_other_names_too():
    at = page("country", country="KHM")
    at.selectbox(key="profile").select("MMR:Burma").run()
    assert not at.exception and at.title[0].value == "Myanmar"
    assert at.query_params["country"] in ("MMR", ["MMR"])


def test_state_panel_says_nothing_for_an_empty_note():
    for iso3 in ("PSE", "MHL"):
        at = run(date="2025-12-01", country=iso3)
        text = " ".join([m.value for m in at.markdown] + [c.value for c in at.caption])
        assert not re.search(r"\b(nan|None)\b", text), (iso3, text)
        assert all(c.value.strip() for c in at.caption), iso3


def test_3d_view_draws_a_deck_with_a_legend():
    at = run(view="3D")
    assert not at.exception
    assert len(at.get("deck_gl_json_chart")) == 1
    assert any("Other states are flat: not in that list, which is not zero" in shown(c.value) for c in at.caption)
    assert any(shown(c.value).startswith("Height is proportional to recorded casualties") for c in at.caption)
    deck = at.get("deck_gl_json_chart")[0].proto.json
    assert "countries the 2024 report lists (not zero)" in deck  # a state outside the list, in its tooltip


def test_over_time_page(tl):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("views/over_time.py").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    expected = counts_on(tl, ui.today())
    assert metrics["States Parties"] == str(expected["states_parties"])
    assert any("166 States Parties" in c.value for c in at.caption)


def domino(section=None):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("views/domino.py").run()
    return open_section(at, section) if section else at


def open_section(at, label):
    """What a click on a tab of a page drawn in sections does."""
    at.session_state["section"] = label
    return at.run()


def test_domino_page_runs_only_the_open_section():
    at = domino()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["How the withdrawals unfolded", "The treaty's size", "Exposure",
                                          "What if more left?"]
    assert len(at.get("plotly_chart")) == 1  # the timeline of every step
    assert not at.metric and not at.info and not at.dataframe  # the other sections have not run
    open_section(at, "The treaty's size")
    assert any("166 → 163 on 27 December 2025" in c.value for c in at.caption)
    assert len(at.get("plotly_chart")) == 2  # since 1997 and its close-up
    open_section(at, "Exposure")
    assert any("not a prediction" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 1  # the exposure map
    assert len(at.dataframe[0].value) == 161  # every remaining State Party is ranked
    open_section(at, "What if more left?")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["States Parties"] == "161" and metrics["Rounds"] == "0"
    assert metrics["Land border between parties and states outside"].endswith(" km")


def test_domino_weights_change_the_ranking():
    at = domino("Exposure")
    top = at.dataframe[0].value.iloc[0]["name"]
    for key in ("w-border_leaver", "w-border_mine_user", "w-alliance"):
        at.slider(key=key).set_value(0.0)
    at.run()
    table = at.dataframe[0].value
    assert set(table.loc[table["rank"] == 1, "name"]) == {"Germany", "Sweden", "Ukraine"}  # debate only
    assert top in {"Germany", "Norway", "Sweden", "Ukraine"}


def test_domino_what_if():
    at = domino("What if more left?")
    at.multiselect(key="seeds").set_value(["NOR", "SWE"]).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["States Parties"] == "159" and metrics["Rounds"] == "1"
    at.toggle(key="use-threshold").set_value(True).run()
    assert any("**Round 1**" in m.value and "Belarus" in m.value for m in at.markdown)
    assert any("How the scenario is played" in m.value and "French Guiana" in m.value for m in at.markdown)
    at.slider(key="threshold").set_value(0.25).run()
    rounds = next(m.value for m in at.markdown if "**Round 1**" in m.value)
    assert "Brazil" not in rounds and "Mexico" not in rounds  # no jump across the Atlantic
    at.toggle(key="overseas").set_value(True).run()
    assert "Brazil" in next(m.value for m in at.markdown if "**Round 1**" in m.value)


def test_a_shared_scenario_link_opens_on_the_scenario():
    at = page("domino", seeds=["Norway", "Sweden"])
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["States Parties"] == "159" and metrics["Rounds"] == "1"
    open_section(at, "The treaty's size")  # and the visitor can still leave it
    assert not at.metric and any("166 → 163" in c.value for c in at.caption)


def page(view, **params):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    return at.switch_page(f"views/{view}.py").run()


def test_impact_page_says_2024_recorded_casualties():
    at = page("impact")
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Recorded casualties", "By country", "Clearance", "Article 5 deadlines"]
    assert len(at.get("plotly_chart")) == 1 and not at.dataframe  # only the open section ran
    assert any(shown(c.value).startswith("In 2024 the Landmine Monitor recorded 6,279 casualties") for c in at.caption)
    at.segmented_control(key="casualty-view").set_value("Civilians and children").run()
    assert any("children were 46% of civilian casualties in 2024" in shown(c.value) for c in at.caption)
    open_section(at, "By country")
    assert any("Myanmar (2,029)" in shown(c.value) for c in at.caption)
    at.selectbox(key="year").set_value(2016).run()
    assert any(shown(c.value).startswith("In 2016 the most recorded casualties") for c in at.caption)
    open_section(at, "Clearance")
    at.segmented_control(key="area").set_value("Land released").run()
    assert not at.exception and len(at.get("plotly_chart")) == 2
    open_section(at, "Article 5 deadlines")
    assert any("with no extension granted or pending in the data" in shown(c.value) for c in at.caption)
    assert len(at.dataframe) == 1  # the tracker


def test_impact_section_from_the_url():
    at = page("impact", section="Article 5 deadlines")
    assert any("with no extension granted or pending in the data" in c.value for c in at.caption)
    assert not any("6,279" in c.value for c in at.caption)


@pytest.mark.parametrize("iso3, title, says", [
    ("AFG", "Afghanistan", ["recorded 624 casualties in Afghanistan in 2024", "Extension requested, decision pending"]),
    ("AGO", "Angola", ["On time (deadline ahead)", "Angola's Article 5 deadline is 31 December 2030",
                       "22MSP: extension granted to 31 Dec 2030"]),
    ("HRV", "Croatia", ["**Completed.**", "declared completion of its Article 5 clearance on 1 March 2026"]),
    ("SEN", "Senegal", ["Deadline passed, no extension granted or pending", "its request was not granted",
                        "22MSP: extension not granted"]),
    ("KHM", "Cambodia", ["On time", "Cambodia Article 5 extension request 2019"]),
    ("MMR", "Myanmar", ["Not party", "No Article 5 clearance obligation recorded for Myanmar (not bound"]),
    ("FIN", "Finland", ["Withdrawn", "No casualty figures for Finland"]),
    ("UKR", "Ukraine", ["'suspension'", "remains bound", "recorded 293 casualties in Ukraine in 2024"]),
])
def test_country_profile_from_the_url(iso3, title, says):
    at = page("country", country=iso3)
    assert not at.exception
    assert at.title[0].value == title
    text = shown(" ".join([m.value for m in at.markdown] + [c.value for c in at.caption] +
                          [w.value for w in at.warning] + [str(m.value) for m in at.metric]))
    for s in says:
        assert s in text, s
    sources = next(m.value for m in at.markdown if m.value.startswith("- ") and "http" in m.value)
    assert "](http" in sources  # every source used is listed, linked to its address


def test_profile_clearance_years_open_with_their_sources():
    at = page("country", country="KHM")
    label = next(e.label for e in at.expander if e.label.startswith("Clearance year by year"))
    years = pd.read_csv(ROOT / "data" / "clearance_annual.csv").query("iso3 == 'KHM'")["year"]
    assert label == f"Clearance year by year, {years.min()}–{years.max()}: figures and their sources"
    assert not at.dataframe  # the table is drawn once opened
    at.session_state["clearance-years"] = True
    at.run()
    table = at.dataframe[0].value
    assert table["year"].tolist() == sorted(years) and table["report"].notna().all()


def test_update_page_opens_on_the_dataset_of_its_link_with_its_versions():
    at = page("data", dataset="casualties_global")
    assert not at.exception
    assert at.selectbox(key="dataset").value == "casualties_global"
    # AppTest cannot drop a file on the uploader (the browser walk does); the page explains the state instead
    assert any("Versions are stored in SQLite" in c.value for c in at.caption)
    history = at.dataframe[-1].value
    assert history["number"].tolist() == [0] and history["rows"].tolist() == [26]


@pytest.mark.parametrize("path", ["views/atlas.py", "views/domino.py", "views/impact.py", "views/country.py",
                                  "views/data.py", "views/over_time.py", "views/story.py"])
def test_every_page_has_sources_with_caveats_the_date_and_a_citation(path):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()  # a first run registers the url paths
    at.switch_page(path).run()
    assert not at.exception
    assert not [c for c in at.code if c.value.startswith("Mine Ban Treaty dashboard: ")]  # drawn once asked for
    # what the clicks do: open the sources (the profile opens them itself), then "Cite this view"; the story keeps
    # them, with the citation, behind its "Export, share, sources" button
    clicks = {"views/country.py": [ui.CITE], "views/story.py": ["exports"]}.get(path, [ui.SOURCES, ui.CITE])
    for key in clicks:
        at.session_state[key] = True
        at.run()
    assert any(e.label == "Sources and caveats" for e in at.expander)
    text = "\n".join(m.value for m in at.markdown)
    assert re.search(r"data runs to \d{1,2} [A-Z][a-z]+ \d{4}", text) and "_Caveat:_" in text  # a day, in words
    cite = [c.value for c in at.code if c.value.startswith("Mine Ban Treaty dashboard: ")]
    assert len(cite) == 1 and "sources: " in cite[0] and "bundled version 0" in cite[0]
    assert cite[0].startswith(f"Mine Ban Treaty dashboard: {at.session_state[ui.PAGE_TITLE]}.")  # this page's


def test_story_steps_from_the_url_and_the_buttons():
    at = run()
    at.switch_page("views/story.py")
    at.query_params["step"] = "peak"
    at.run()
    assert at.title[0].value == "Membership at its peak"
    assert "**Step 4 of 8**" in [m.value for m in at.markdown]
    at.button(key="next").click().run()
    assert at.title[0].value == "Five States Parties give notice"
    assert at.query_params["step"] == "notices"
    at.button(key="key-pageup").click().run()  # what a clicker's Page Up presses
    at.button(key="key-pageup").click().run()
    assert at.title[0].value == "The fewest recorded casualties"
    assert at.button(key="back").disabled is False


def test_an_unreachable_versions_database_falls_back_to_the_bundled_data(tl, monkeypatch):
    """A presenter's server whose PostgreSQL is down still shows every page, on the bundled data, and says so."""
    monkeypatch.setenv("MBT_DATABASE_URL", "postgresql://nobody:secret@127.0.0.1:1/nothing")
    at = run()
    assert not at.exception
    warning = next(w.value for w in at.warning if "versions database cannot be reached" in w.value)
    assert "bundled data (version 0)" in warning and "check that the database server is running" in warning
    # what went wrong, and where, is for the server log: no host, port, credentials or driver words on the page
    assert not any(w in warning for w in ("secret", "nobody", "127.0.0.1", ":1", "psycopg", "Error", "refused"))
    n = counts_on(tl, ui.today())["states_parties"]
    assert f"**{n} states were bound**" in summary(at)
    at = page("data")
    assert not at.exception
    assert any("cannot be listed, published or rolled back" in e.value for e in at.error)


def test_a_published_version_that_fails_todays_rules_stands_aside_for_the_bundled_one(tmp_path, monkeypatch):
    """Rules grow stricter: a version published before may no longer pass. Pages then show version 0 of that
    dataset, say so, and the Update data page lists why; nobody sees a traceback."""
    from publish.store import Store, bundled_csv
    from ui.versions import _published, _read_version

    db = tmp_path / "versions.sqlite3"
    monkeypatch.setenv("MBT_VERSIONS_DB", str(db))
    broken = bundled_csv("casualties_global").replace("2024,6279,", "2024,5000,", 1)  # no longer adds up
    Store(f"sqlite:///{db}").add("casualties_global", broken, "A. Analyst", "before the rule")
    _published.clear(), _read_version.clear()
    try:
        at = page("impact")
        assert not at.exception
        assert any("Published version 1 of casualties_global does not pass the data rules" in w.value
                   for w in at.warning)
        assert any(c.value.startswith("In 2024 the Landmine Monitor recorded 6,279 casualties") for c in at.caption)
        at = page("data", dataset="casualties_global")
        assert not at.exception
        assert any("killed + injured + status_unknown exceeds total" in str(df.value.values.tolist())
                   for df in at.dataframe)
    finally:
        _published.clear(), _read_version.clear()

def _fail():
    raise RuntimeError('boom in File "/srv/app/secret.py", line 1')


def test_a_failing_page_says_so_in_a_sentence_and_logs_the_details(monkeypatch, caplog):
    """The last guard (app.py): whatever goes wrong, a visitor reads a sentence; the traceback is in the server log."""
    monkeypatch.setattr(ui, "casualties", _fail)  # what the impact page's open tab draws first
    with caplog.at_level("ERROR", logger="mine_ban_treaty"):
        at = page("impact")
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert error.startswith("This page could not be shown") and "recorded in the server log" in error
    shown = " ".join(str(m.value) for m in [*at.markdown, *at.caption, *at.error, *at.code])
    assert "Traceback" not in shown and "secret.py" not in shown and "boom" not in shown
    record = next(r for r in caplog.records if r.name == "mine_ban_treaty")
    assert "'Humanitarian impact' (/impact)" in record.getMessage() and record.exc_info[0] is RuntimeError


@pytest.mark.parametrize("control, title", [(st.stop, "What mines still cost"),
                                            (lambda: st.switch_page("views/over_time.py"), "The Mine Ban Treaty today")])
def test_streamlit_control_flow_passes_through_the_guard(monkeypatch, control, title):
    """st.stop and st.switch_page raise Streamlit's own exceptions: they are not failures."""
    monkeypatch.setattr(ui, "casualties", control)
    at = page("impact")
    assert not at.exception and not at.error
    assert at.title[0].value == title
