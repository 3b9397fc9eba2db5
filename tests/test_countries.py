"""Country names and codes go through pycountry plus the alias table."""
import pytest

from loaders.countries import OTHER_NAMES, known_codes, name_of, other_names, suggest, to_iso3


@pytest.mark.parametrize("text, iso3", [
    ("NA", "NAM"), ("Namibia", "NAM"), ("NAM", "NAM"), ("516", "NAM"),
    ("Türkiye", "TUR"), ("Turkey", "TUR"), ("Côte d'Ivoire", "CIV"), ("Cote d'Ivoire", "CIV"),
    ("DR Congo", "COD"), ("Congo", "COG"), ("Lao PDR", "LAO"), ("Holy See", "VAT"), ("Vatican", "VAT"),
    ("State of Palestine", "PSE"), ("Kosovo", "XKX"), ("Micronesia", "FSM"),
    ("Micronesia (Federated States of)", "FSM"), ("Netherlands (Kingdom of the)", "NLD"),
    ("St. Kitts and Nevis", "KNA"), ("  finland ", "FIN"), ("Russian Federation", "RUS"),
    ("Bolivia (Plurinational State of)", "BOL"), ("Iran (Islamic Republic of)", "IRN"),
])
def test_names_and_codes_resolve(text, iso3):
    assert to_iso3(text) == iso3


@pytest.mark.parametrize("text", ["", None, "Atlantis", "ZZZ", "999"])
def test_unknown_is_none(text):
    assert to_iso3(text) is None


def test_every_bundled_membership_name_resolves_to_its_code(membership):
    assert all(to_iso3(r.name) == r.iso3 for r in membership.itertuples())


def test_suggestions_for_a_misspelling():
    assert suggest("Lithunia")[0] == "Lithuania (LTU)"
    assert suggest("Finnland")[0] == "Finland (FIN)"


def test_project_codes():
    assert {"XKX", "XNC", "XSL", "XSG"} <= known_codes()
    assert name_of("XKX") == "Kosovo"


def test_every_other_name_reads_as_its_state():
    wrong = {n: (code, to_iso3(n)) for code, names in OTHER_NAMES.items() for n in names if to_iso3(n) != code}
    assert wrong == {}


@pytest.mark.parametrize("typed, iso3, shown", [
    ("Vatican", "VAT", "Holy See"), ("Turkey", "TUR", "Türkiye"), ("Ivory Coast", "CIV", "Côte d'Ivoire"),
    ("Burma", "MMR", "Myanmar"), ("Swaziland", "SWZ", "Eswatini"), ("Czech Republic", "CZE", "Czechia"),
])
def test_other_names_people_type(typed, iso3, shown):
    assert typed in other_names(iso3, shown)
    assert shown not in other_names(iso3, shown)  # the name shown is not offered twice
