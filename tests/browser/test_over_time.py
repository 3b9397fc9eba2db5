"""The 'Over time' page in a real Chromium: drawn, with no request leaving the machine and no console errors."""
import pytest

pytestmark = pytest.mark.browser


def test_over_time_renders_offline(app_url, visit):
    v = visit()
    page = v.open(f"{app_url}/over-time")
    page.wait_for_selector("[data-testid='stMetricValue']")
    page.wait_for_selector(".js-plotly-plot .scatterlayer .trace", timeout=30_000)
    values = page.locator("[data-testid='stMetricValue']").all_inner_texts()
    assert values[0].strip() == "161"
    assert page.locator(".js-plotly-plot .scatterlayer .trace").count() == 2
    page.wait_for_timeout(1500)  # late requests (fonts, icons) would show up here
    assert v.outside == [], f"requests left the machine: {v.outside}"
    assert v.errors == [], v.errors
