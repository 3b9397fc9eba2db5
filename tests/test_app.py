"""Every page runs headless (Streamlit's AppTest) and shows what the data says."""
from streamlit.testing.v1 import AppTest

from treaty.status import counts_on
import ui
from tests.conftest import ROOT


def test_home_page_shows_todays_counts(tl):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    expected = counts_on(tl, ui.today())
    assert metrics["States Parties"] == str(expected["states_parties"])
    assert metrics["Withdrawn"] == str(expected["withdrawn"])
    assert "verified to about 2026-02-20" in at.caption[0].value
    assert any("166 States Parties" in c.value for c in at.caption)
