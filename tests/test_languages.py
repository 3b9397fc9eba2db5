"""Languages (issue 19): the catalogues cover every message in the code with its placeholders, dates, numbers and
names follow each language's rules, a visitor's choice of language holds from page to page, and a French or
Spanish page shows no English words of the app's own (data values, such as a source's title, aside)."""
import json
import re
from datetime import date

import pytest

import i18n
from i18n import catalogues
from loaders.story import read_steps
from tests.english import english_in
from tests.test_app import shown
from tests.test_reader_text import page, seen

OTHER = [lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE]


@pytest.fixture(scope="module")
def template():
    return catalogues.template()


@pytest.mark.parametrize("lang", OTHER)
def test_every_message_is_translated_with_its_placeholders(template, lang):
    assert len(template) > 300  # the scan found the app's messages, not an empty folder
    assert catalogues.problems(lang, template) == []


def test_the_check_names_a_missing_message_and_a_lost_placeholder(tmp_path, monkeypatch, template):
    """The check above can fail: a message absent from a catalogue, and a translation that lost a placeholder."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po
    po = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    catalog = Catalog(locale="fr")
    catalog.add("On {day}, {n} states were bound", "Le {day}, des États étaient liés")
    with open(po, "wb") as f:
        write_po(f, catalog)
    monkeypatch.setattr(catalogues, "locale_dir", lambda: tmp_path)
    tmpl = Catalog()
    tmpl.add("On {day}, {n} states were bound", locations=[("treaty/sentences.py", 1)])
    tmpl.add("Language", locations=[("ui/language.py", 2)])
    found = catalogues.problems("fr", tmpl)
    assert len(found) == 2
    assert "placeholders ['{day}'] instead of ['{day}', '{n}']" in found[0]
    assert "not in the catalogue (ui/language.py:2): 'Language'" in found[1]


@pytest.mark.parametrize("lang, day, short, month, n, share, names", [
    ("en", "30 November 2026", "5 Dec 2025", "November 2026", "6,279", "80%", "Chad, Niger and Peru"),
    ("fr", "30 novembre 2026", "5 déc. 2025", "novembre 2026", "6\u202f279", "80\xa0%", "Chad, Niger et Peru"),
    ("es", "30 de noviembre de 2026", "5 dic 2025", "noviembre de 2026", "6.279", "80\xa0%", "Chad, Niger y Peru"),
])
def test_dates_numbers_and_lists_follow_the_language(lang, day, short, month, n, share, names):
    with i18n.speaking(lang):
        assert i18n.day(date(2026, 11, 30)) == day
        assert i18n.short_day(date(2025, 12, 5)) == short
        assert i18n.month(date(2026, 11, 30)) == month
        assert i18n.number(6279) == n
        assert i18n.percent(0.8) == share
        assert i18n.listing(["Chad", "Niger", "Peru"]) == names


def test_country_names_come_from_cldr_and_english_keeps_the_recorded_name():
    with i18n.speaking("fr"):
        assert [i18n.country_name(c, "?") for c in ("DEU", "CIV", "USA", "XKX")] == \
               ["Allemagne", "Côte d’Ivoire", "États-Unis", "Kosovo"]
        assert i18n.country_name("QQQ", "Somewhere") == "Somewhere"  # no such code: the name as recorded
    with i18n.speaking("es"):
        assert i18n.country_name("DEU", "?") == "Alemania"
    assert i18n.country_name("DEU", "Germany (recorded)") == "Germany (recorded)"


@pytest.mark.parametrize("header, lang", [("fr-CH", "fr"), ("es-419,en;q=0.8", "es"), ("de-DE,fr;q=0.5", "fr"),
                                          ("de-DE", None), (None, None), ("", None)])
def test_the_browser_language_is_matched_to_ours(header, lang):
    assert i18n.best_match(header) == lang


def test_a_compiled_catalogue_is_what_gettext_reads(tmp_path):
    import gettext
    mo = catalogues.compiled(catalogues.po_path("fr"))
    assert gettext.GNUTranslations(mo).gettext("Language") == "Langue"
    with i18n.speaking("es"):
        assert i18n._("Language") == "Idioma"
    assert i18n._("Language") == "Language"


# ------------------------------------------------------------------ on the pages (AppTest)
def _html(at) -> str:
    return " ".join(e.proto.body for e in at.get("html"))


@pytest.mark.parametrize("lang, title, label", [("fr", "Carte du traité", "Langue"), ("es", "Mapa del tratado", "Idioma")])
def test_lang_in_the_url_sets_the_language_and_stays_in_it(lang, title, label):
    at = page("atlas", lang=lang)
    assert not at.exception
    assert at.query_params["lang"] in (lang, [lang])
    selector = at.selectbox(key="lang")
    assert selector.label == label and selector.value == lang
    assert f"document.documentElement.lang = '{lang}';" in _html(at)
    # switching page keeps the language (the selector's state, written back into the URL)
    with i18n.speaking(lang):  # AppTest formats the selectboxes' values in its own thread, with the app's format_func
        at.switch_page("views/impact.py").run()
    assert at.query_params["lang"] in (lang, [lang]) and at.selectbox(key="lang").value == lang
    assert title  # the navigation's titles are checked in the browser, where the sidebar is drawn


def test_choosing_english_on_a_french_page_switches_every_word():
    at = page("atlas", lang="fr")
    assert any("États parties" in w or "liés" in w for w in seen(at))
    with i18n.speaking("fr"):  # AppTest formats the selectboxes' values in its own thread, with the app's format_func
        at.selectbox(key="lang").set_value("en").run()
    assert "lang" not in at.query_params  # English for an English browser: links stay as they were
    assert any("states were bound" in w for w in seen(at))


def test_an_unknown_language_is_english():
    at = page("atlas", lang="xx")
    assert not at.exception and at.selectbox(key="lang").value == "en"


# ------------------------------------------------------------------ the sentences carry the charts' numbers
_NUMBER = {"en": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
           "fr": "\\d{1,3}(?:[\u202f\xa0]\\d{3})+(?:,\\d+)?|\\d+(?:,\\d+)?",
           "es": r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"}


def numbers(text: str, lang: str) -> list[float]:
    """The numbers of a text as its language writes them: 6,279 · 6 279 · 6.279 are all 6279."""
    found = []
    for n in re.findall(_NUMBER[lang], text):
        if lang == "en":
            n = n.replace(",", "")
        else:
            n = re.sub("[\u202f\xa0.]", "", n) if lang == "es" else re.sub("[\u202f\xa0]", "", n)
            n = n.replace(",", ".")
        found.append(float(n))
    return found


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_map_sentence_says_the_legend_counts(lang):
    at = page("atlas", date="2026-03-01", lang=lang)
    sentence = next(m.value for m in at.markdown if "**" in m.value)
    legend = {}
    for trace in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]:
        if m := re.fullmatch(r"(.+?)\s*:\s*([\d\s.,\u202f\xa0]+)", trace.get("name") or ""):
            legend[m[1]] = numbers(m[2], lang)[0]
    with i18n.speaking(lang):
        count = {key: legend[i18n._(key)] for key in ("State Party", "Withdrawn", "Not party", "Signatory",
                                                      "Withdrawal pending")}
    said = numbers(sentence, lang)
    assert said[:2] == [1, 2026]  # 1 March 2026
    expected = [count["State Party"]] + ([count["Withdrawal pending"]] if count["Withdrawal pending"] else []) + \
        ([count["Withdrawn"]] if count["Withdrawn"] else []) + [count["Not party"] + count["Signatory"]]
    assert said[2:2 + len(expected)] == expected and count["State Party"] > 150


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_casualty_sentence_says_the_chart_totals(lang):
    at = page("impact", lang=lang)
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    totals: dict[int, float] = {}
    for trace in chart["data"]:
        for year, y in zip(trace["x"], trace["y"], strict=True):
            if y is not None:
                totals[year] = totals.get(year, 0) + y
    with i18n.speaking(lang):
        latest = i18n.number(totals[max(totals)])
    sentence = next(shown(c.value) for c in at.caption if latest in c.value)
    said = numbers(sentence, lang)
    lowest, peak = min(totals, key=totals.get), max(totals, key=totals.get)
    for year, total in ((max(totals), totals[max(totals)]), (lowest, totals[lowest]), (peak, totals[peak])):
        assert year in said and total in said, (year, total, sentence)


STEPS = [s.step for s in read_steps()]


def test_every_story_sentence_carries_the_same_numbers_in_every_language():
    said = {}
    for lang in i18n.LANGUAGES:
        for step in STEPS:
            at = page("story", step=step, lang=lang)
            assert not at.exception, (lang, step)
            sentence = shown(at.markdown[[m.value for m in at.markdown].index(next(
                m.value for m in at.markdown if len(m.value) > 60))].value)
            said[lang, step] = sorted(numbers(sentence, lang))
    for step in STEPS:
        assert said["fr", step] == said["en", step] == said["es", step], step
    assert any(len(said["en", s]) >= 3 for s in STEPS)


@pytest.mark.parametrize("lang", OTHER)
@pytest.mark.parametrize("view, params", [("atlas", {}), ("atlas", {"country": "UKR"}), ("atlas", {"view": "3D"}),
                                          ("domino", {}), ("domino", {"section": "Exposure"}),
                                          ("domino", {"section": "What if more left?"}), ("impact", {}),
                                          ("impact", {"section": "By country"}), ("impact", {"section": "Clearance"}),
                                          ("impact", {"section": "Article 5 deadlines"}), ("country", {"country": "KHM"}),
                                          ("country", {"country": "FIN"}), ("over_time", {}), ("story", {}),
                                          ("story", {"step": "deadlines"}), ("data", {})])
def test_no_english_of_the_app_on_the_page(lang, view, params):
    """Text, labels, buttons, tabs, captions and every string of every figure (hover texts included)."""
    at = page(view, lang=lang, **params)
    assert not at.exception
    texts = [shown(t) for t in seen(at)] + [t.label for t in at.tabs]
    assert english_in(texts, lang) == []


def test_the_english_scan_finds_english_on_an_english_page():
    """The scan above can fail: on the same page in English it finds the app's own words."""
    at = page("impact")
    found = english_in([shown(t) for t in seen(at)], "fr")
    assert len(found) >= 5 and any("casualties of mines and explosive remnants of war" in f for f in found)


def test_a_scenario_link_made_in_english_opens_the_same_scenario_in_french():
    at = page("domino", section="What if more left?", seeds=["Norway", "Sweden"], lang="fr")
    assert not at.exception
    assert sorted(at.multiselect(key="seeds").value) == ["NOR", "SWE"]
    assert any("Norvège" in w for w in seen(at))  # the scenario's states, named in French
