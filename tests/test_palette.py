"""The palettes stay readable for protanopia, deuteranopia and tritanopia (simulated, Machado et al. 2009).

Differences are CIEDE2000 (ΔE00): about 1 is a just-noticeable difference side by side, 2-3 is visible at a glance.
A map category is matched against a legend across the screen, often on a small country, so two statuses must differ
by far more than "noticeable": MIN_DE = 10 ΔE00, the usual rule of thumb for colours read as different categories.
"""
from itertools import combinations

import numpy as np
import plotly.colors as pc
import pytest

from charts.impact import ARTICLE5_COLORS, INJURED, KILLED, REST, TOTAL_ONLY
from charts.palette import (
    BORDER,
    STATUS_COLORS,
    ciede2000,
    contrast,
    delta_e,
    lab,
    simulate,
)
from treaty.atlas import NO_DATA

MIN_DE = 10.0
VISIONS = (None, "protanopia", "deuteranopia", "tritanopia")
IDS = ["normal", "protanopia", "deuteranopia", "tritanopia"]
FILLS = {s: c for s, c in STATUS_COLORS.items() if s != NO_DATA}  # NO_DATA is transparent: the page shows through
PAGES = {"light": "#FFFFFF", "dark": "#0E1117"}  # Streamlit's light and dark theme backgrounds
SCALES = {  # the sequential scales the charts use
    "Cividis (charts/domino.py)": pc.get_colorscale("Cividis"),
    "YlOrRd (charts/impact.py casualty map)": pc.get_colorscale("YlOrRd"),
    "rounds #FDBB84-#7F0000 (charts/domino.py)": [[0, "#FDBB84"], [1, "#7F0000"]],
}


def seen(a: str, b: str, vision: str | None) -> float:
    """ΔE00 between two colours as a person with this vision sees them."""
    return delta_e(simulate(a, vision), simulate(b, vision))


def test_contrast_known_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#FFFFFF", "#767676") == pytest.approx(4.54, abs=0.01)  # the classic "lightest AA grey"


@pytest.mark.parametrize(("lab1", "lab2", "expected"), [  # Sharma, Wu & Dalal (2005) test data, pairs 1, 17, 21
    ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
    ((50, -0.001, 2.49), (50, 0.0009, -2.49), 4.8045),
    ((50, 2.5, 0), (73, 25, -18), 27.1492),
])
def test_ciede2000_matches_reference_data(lab1, lab2, expected):
    assert ciede2000(np.array(lab1), np.array(lab2)) == pytest.approx(expected, abs=1e-4)


def test_simulation_catches_a_bad_palette():
    red, green = "#D62728", "#2CA02C"  # matplotlib's default red and green
    assert seen(red, green, None) > 70
    assert seen(red, green, "deuteranopia") < MIN_DE / 2, "the classic red/green clash must collapse for deuteranopes"
    # the palette's own former grey #8C8C8C sat at the bluish green's lightness: too close for deuteranopes
    assert seen("#009E73", "#8C8C8C", "deuteranopia") < MIN_DE


@pytest.mark.parametrize("vision", VISIONS, ids=IDS)
def test_every_pair_of_statuses_is_distinguishable(vision):
    pairs = sorted((seen(FILLS[a], FILLS[b], vision), a, b) for a, b in combinations(FILLS, 2))
    print(f"{vision or 'normal'}: closest statuses {pairs[0][1]}/{pairs[0][2]} at {pairs[0][0]:.1f} ΔE00")
    bad = [f"{a} {FILLS[a]} vs {b} {FILLS[b]}: {e:.1f}" for e, a, b in pairs if e < MIN_DE]
    assert not bad, f"{vision or 'normal vision'}: status colours closer than {MIN_DE} ΔE00: {bad}"


# the other categorical palettes: Article 5 standing, and the casualty chart's stacked series
OTHER = {"article5": ARTICLE5_COLORS,
         "casualties": {"killed": KILLED, "injured": INJURED, "not stated": REST, "total only": TOTAL_ONLY}}


@pytest.mark.parametrize("vision", VISIONS, ids=IDS)
@pytest.mark.parametrize("palette", OTHER)
def test_other_categorical_palettes_are_distinguishable(palette, vision):
    colors = OTHER[palette]
    bad = [f"{a} {colors[a]} vs {b} {colors[b]}: {seen(colors[a], colors[b], vision):.1f}"
           for a, b in combinations(colors, 2) if seen(colors[a], colors[b], vision) < MIN_DE]
    assert not bad, f"{palette}, {vision or 'normal vision'}: colours closer than {MIN_DE} ΔE00: {bad}"


@pytest.mark.parametrize("vision", VISIONS, ids=IDS)
def test_every_status_stands_out_from_border_and_no_data(vision):
    """A fill must not read as the outline, nor as "no data" (just the page behind the outline)."""
    others = {"BORDER": BORDER, **{f"{p} page (= no data)": c for p, c in PAGES.items()}}
    bad = [f"{s} {c} vs {o} {oc}: {seen(c, oc, vision):.1f}"
           for s, c in FILLS.items() for o, oc in others.items() if seen(c, oc, vision) < MIN_DE]
    assert not bad, f"{vision or 'normal vision'}: fills closer than {MIN_DE} ΔE00: {bad}"


@pytest.mark.parametrize("page", PAGES)
def test_every_country_shape_meets_non_text_contrast(page):
    """WCAG 1.4.11: a shape needs 3:1 against the page, from its fill or else from its outline.

    Measured: on white, orange (2.25) and sky blue (2.31) and the grey (2.17) rely on BORDER (6.90:1);
    on the dark page BORDER is only 2.74:1, so every fill has to carry the contrast itself (all >= 3.6).
    """
    outline = contrast(BORDER, PAGES[page])
    bad = [f"{s} {c}: {contrast(c, PAGES[page]):.2f}" for s, c in FILLS.items() if contrast(c, PAGES[page]) < 3]
    assert not bad or outline >= 3, f"{page} page {PAGES[page]}: fills under 3:1 {bad} and BORDER only {outline:.2f}"


@pytest.mark.parametrize("vision", VISIONS, ids=IDS)
@pytest.mark.parametrize("name", SCALES)
def test_sequential_scale_lightness_is_monotonic(name, vision):
    samples = pc.sample_colorscale(SCALES[name], list(np.linspace(0, 1, 9)))
    lightness = np.array([lab(simulate(c, vision))[0] for c in samples])
    steps = np.diff(lightness)
    print(f"{name}, {vision or 'normal'}: L* {np.round(lightness, 1)}, smallest step {np.abs(steps).min():.1f}")
    assert (steps > 0).all() or (steps < 0).all(), (
        f"{name} under {vision or 'normal vision'}: L* not monotonic, {np.round(lightness, 1)}")
