"""Colours by treaty status: Okabe-Ito, safe for the common colour-vision deficiencies and on a projector."""
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
    NOT_PARTY: "#8C8C8C",           # grey
    NO_DATA: "rgba(0,0,0,0)",       # no fill: "no data" must not look like a status
}
LABELS = {**STATUS_LABELS, NO_DATA: "No data"}
BORDER = "#5A5A5A"
