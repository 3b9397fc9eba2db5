"""Oversize uploads against the real server (benchmarks/uploads.py): Streamlit refuses a body over
server.maxUploadSize (the reader's 5 MB) as it streams in, so the server's memory stays where it was. No Chromium:
the tier is this one because it starts a server."""
import pytest

from benchmarks.harness import Server
from benchmarks.uploads import measure

pytestmark = pytest.mark.browser


def test_oversize_uploads_are_refused_without_being_held_in_memory():
    with Server("serve.py") as server:
        r = measure(server, uploads=4, size_mb=190, settle=2)
    assert len(r.statuses) == 4 and r.refused(), r.statuses  # 413, or the connection closed
    # with Streamlit's default 200 MB limit the four are accepted and the server holds ~760 MB more
    assert r.settled <= r.idle * 1.10, f"idle {r.idle:.0f} MB, peak {r.peak:.0f} MB, after {r.settled:.0f} MB"
