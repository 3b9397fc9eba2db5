"""Odd addresses: whatever a link or a visitor puts in the query, every page opens and says something; never a
traceback (hypothesis generates the queries; AppTest runs the pages)."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from paths import ROOT

VIEWS = ["atlas", "over_time", "domino", "impact", "country", "story", "data"]
# the parameters the pages read (bind="query-params" keys, ?section, ?step, ?country), and one they never read
PARAMS = ["date", "region", "view", "timelapse", "present", "country", "section", "step", "casualty-view", "metric",
          "year", "seeds", "use-threshold", "threshold", "peers", "dataset", "utm_source"]
ODD = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "0", "-1", "1e309", "NaN", "9999-99-99", "1997-12-03", "2099-01-01", "0001-01-01", "KHM",
                     "khm", "XXX", "UKR", "All", "Clearance", "By country", "true", "false", "[]", "{}", "%00",
                     "<script>alert(1)</script>", "![x](http://198.51.100.7/x.png)", "'; DROP TABLE x; --",
                     "a" * 5000, "KHM,UKR,POL", "present", "3D", "notices", "99"]),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(view=st.sampled_from(VIEWS), query=st.dictionaries(st.sampled_from(PARAMS), ODD, max_size=4))
def test_any_query_opens_every_page_without_a_traceback(view, query):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(f"views/{view}.py").run()
    assert not at.exception, (view, query, [e.value for e in at.exception])
    shown = " ".join(str(getattr(e, "value", "")) for e in at.main)
    assert "Traceback" not in shown and 'File "' not in shown
    assert at.title or at.header or at.markdown, (view, query)  # the page said something
