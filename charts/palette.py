"""Colours by treaty status: Okabe-Ito, safe for the common colour-vision deficiencies and on a projector."""
import numpy as np

from i18n import N_
from treaty.atlas import NO_DATA
from treaty.status import (
    NOT_PARTY,
    NOT_YET_IN_FORCE,
    SIGNATORY,
    STATE_PARTY,
    STATUS_LABELS,
    WITHDRAWAL_PENDING,
    WITHDRAWN,
)

STATUS_COLORS = {
    STATE_PARTY: "#0072B2",         # blue
    WITHDRAWAL_PENDING: "#E69F00",  # orange
    WITHDRAWN: "#D55E00",           # vermillion
    NOT_YET_IN_FORCE: "#56B4E9",    # sky blue
    SIGNATORY: "#009E73",           # bluish green
    NOT_PARTY: "#B0B0B0",           # light grey: #8C8C8C met the green at the same L*, 8 ΔE00 apart for deuteranopes;
                                    # the darkest grey with 3:1 against BORDER (tests/test_palette.py)
    NO_DATA: "rgba(0,0,0,0)",       # no fill: "no data" must not look like a status
}
# Status labels are data values (kept in English in frames and downloads): shown as _(LABELS[status])
LABELS = {**STATUS_LABELS, NO_DATA: N_("No data")}
BORDER = "#5A5A5A"


# --- Colour maths for the accessibility tests: pure numpy, no extra dependencies. ---
# Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6), severity 1.0, linear RGB.
CVD_MATRICES = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
}
_SRGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]])
_D65 = np.array([0.95047, 1.0, 1.08883])


def rgb(color: str) -> np.ndarray:
    """'#RRGGBB' or plotly's 'rgb(r, g, b)' -> sRGB in 0..1."""
    if color.startswith("#"):
        return np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.array([float(v) for v in color[color.index("(") + 1:color.index(")")].split(",")[:3]]) / 255


def linear(srgb: np.ndarray) -> np.ndarray:
    """sRGB (0..1) -> linear light (IEC 61966-2-1)."""
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _encode(lin: np.ndarray) -> np.ndarray:
    """Linear light -> sRGB (0..1), clipped to the display gamut."""
    lin = np.clip(lin, 0, 1)
    return np.where(lin <= 0.0031308, lin * 12.92, 1.055 * lin ** (1 / 2.4) - 0.055)


def simulate(color: str, deficiency: str | None) -> str:
    """The colour as seen with full protanopia, deuteranopia or tritanopia (None: normal vision), as '#rrggbb'."""
    out = rgb(color) if deficiency is None else _encode(CVD_MATRICES[deficiency] @ linear(rgb(color)))
    return "#" + "".join(f"{v:02x}" for v in np.round(out * 255).astype(int))


def lab(color: str) -> np.ndarray:
    """CIELAB (D65 white) of an sRGB colour."""
    xyz = _SRGB_TO_XYZ @ linear(rgb(color)) / _D65
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def ciede2000(lab1: np.ndarray, lab2: np.ndarray) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005 formulation, kL = kC = kH = 1)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_bar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_bar ** 7 / (c_bar ** 7 + 25 ** 7)))
    a1, a2 = a1 * (1 + g), a2 * (1 + g)
    c1, c2 = np.hypot(a1, b1), np.hypot(a2, b2)
    h1, h2 = np.degrees(np.arctan2(b1, a1)) % 360, np.degrees(np.arctan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    dl, dc, dhh = l2 - l1, c2 - c1, 2 * np.sqrt(c1 * c2) * np.sin(np.radians(dh / 2))
    l_bar, c_bar = (l1 + l2) / 2, (c1 + c2) / 2
    h_bar = h1 + h2 if c1 * c2 == 0 else ((h1 + h2) / 2 + (180 if abs(h1 - h2) > 180 else 0)) % 360
    t = (1 - 0.17 * np.cos(np.radians(h_bar - 30)) + 0.24 * np.cos(np.radians(2 * h_bar))
         + 0.32 * np.cos(np.radians(3 * h_bar + 6)) - 0.20 * np.cos(np.radians(4 * h_bar - 63)))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / np.sqrt(20 + (l_bar - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_bar, 1 + 0.015 * c_bar * t
    r_t = (-2 * np.sqrt(c_bar ** 7 / (c_bar ** 7 + 25 ** 7))
           * np.sin(np.radians(60 * np.exp(-(((h_bar - 275) / 25) ** 2)))))
    return float(np.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (dhh / s_h) ** 2 + r_t * (dc / s_c) * (dhh / s_h)))


def delta_e(a: str, b: str) -> float:
    """CIEDE2000 difference between two sRGB colours (about 1 = just noticeable side by side)."""
    return ciede2000(lab(a), lab(b))


def luminance(color: str) -> float:
    """WCAG 2.x relative luminance."""
    return float(np.array([0.2126, 0.7152, 0.0722]) @ linear(rgb(color)))


def contrast(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio, 1..21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
