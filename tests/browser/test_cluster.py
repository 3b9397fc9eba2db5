"""The deployment of docs/DEPLOY.md on this machine: deploy/local-cluster.sh up 2 (PostgreSQL, two replicas, nginx,
the health watcher), then what visitors and an editor see — a publish on one replica shown by the other, a replica
killed with kill -9 while sessions are open, then restarted as in an update — and `down` leaving no process behind.

On its own ports and database (mbt_cluster_test, emptied first), so it never touches a cluster a person runs.
"""
import os
import re
import signal
import time

import pytest
from playwright.sync_api import expect

from benchmarks.bench import MAP_DRAWN
from benchmarks.harness import Cluster, in_thread
from benchmarks.stclient import Session
from tests.browser.test_data_update import SECRET, publish_form, upload

pytestmark = [pytest.mark.browser, pytest.mark.cluster]
PAGE_FAILED = "This page could not be shown"


def shows(date_words: str) -> str:
    return ("[...document.querySelectorAll('.legendtitletext, .gtitle')]"
            f".some(e => e.textContent.includes('{date_words}'))")


@pytest.fixture(scope="module")
def cluster():
    c = Cluster(2, env={"MBT_EDITOR_SECRET": SECRET})
    try:
        assert f"the map at {c.url}" in c.up_said
        yield c
    finally:
        down = c.stop()
    assert down.returncode == 0, down.stderr[-2000:]
    assert c.left == [], f"still running after down: {c.left}"
    assert not list(c.folder.glob("*.pid")), list(c.folder.glob("*.pid"))


def test_up_serves_the_map_through_nginx_compressed(cluster, visit):
    status = cluster.script("status")
    assert status.returncode == 0, status.stdout
    assert status.stdout.count("healthy") == 2
    v = visit(width=1440, height=900)
    v.open(cluster.url + "/?date=2025-12-01")
    v.page.wait_for_function(MAP_DRAWN, timeout=60_000)
    v.page.wait_for_function(shows("1 December 2025"), timeout=30_000)
    # Streamlit's bundles come from nginx, precompressed and cached for a year
    plotly = v.page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"
                             ".find(n => /PlotlyChart.*\\.js$/.test(n))")
    import urllib.request
    req = urllib.request.Request(plotly, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(req, timeout=10) as r:
        assert r.headers["Content-Encoding"] == "br"
        assert "immutable" in r.headers["Cache-Control"]
    assert v.outside == [] and v.errors == []


def test_a_publish_on_one_replica_is_shown_by_the_other(cluster, visit):
    one, two = cluster.replicas

    async def impact_on(base):
        s = Session(base)
        await s.connect()
        try:
            await s.run()
            return " ".join((await s.run(page="impact")).texts)
        finally:
            await s.close()

    assert "recorded 6,279 casualties" in in_thread(impact_on(two))
    v = visit(width=1400, height=1000)
    page = v.open(f"{one}/data?dataset=casualties_global")  # the editor is on replica 1
    upload(page, "casualties_fixed.csv")
    expect(page.get_by_text("Valid: 26 row(s)")).to_be_visible(timeout=30_000)
    publish_form(page, "A. Analyst", "cluster test", SECRET)
    expect(page.get_by_text("Published casualties_global version 1")).to_be_visible(timeout=30_000)
    published = time.monotonic()
    seen = None
    while time.monotonic() - published < 15:  # replica 2 re-reads the versions every 2 s
        if "recorded 6,300 casualties" in in_thread(impact_on(two)):
            seen = time.monotonic() - published
            break
        time.sleep(0.2)
    assert seen is not None and seen < 5, f"replica 2 showed the publish after {seen} s"
    print(f"a publish on replica 1 was shown by replica 2 after {seen:.2f} s")
    fresh = visit(width=1200, height=900)  # and a visitor through nginx, whichever replica
    fresh.open(cluster.url + "/impact")
    expect(fresh.page.get_by_text("In 2024 the Landmine Monitor recorded")).to_contain_text("6,300", timeout=60_000)
    assert v.errors == [] and fresh.errors == [] and fresh.outside == []


def replica(v) -> str:
    """The replica this visitor's requests go to, as nginx's cookie names it (r1, r2)."""
    return next(c["value"] for c in v.context.cookies() if c["name"] == "mbt_replica")


def still_works(v, moment: str, shown: str) -> None:
    """A click needs a live session; a download needs the replica that holds it (the file is in its memory)."""
    page = v.page
    page.get_by_role("button", name=re.compile("^" + moment)).click(timeout=60_000)
    page.wait_for_function(shows(shown), timeout=60_000)
    v.wait_until_drawn()
    with page.expect_download(timeout=60_000) as d:
        page.get_by_role("button", name=re.compile(r"^Download .*\(CSV\)$")).first.click()
    assert open(d.value.path(), encoding="utf-8-sig").read().startswith('"# ')
    body = page.inner_text("body")
    assert PAGE_FAILED not in body and "Connection error" not in body, body[:500]
    assert page.get_by_test_id("stException").count() == 0
    assert v.failed == [] and v.outside == [], (v.failed, v.outside)


def test_a_replica_killed_while_sessions_are_open_then_restarted(cluster, visit):
    sessions = []  # until each replica holds at least two
    for _ in range(16):
        v = visit(width=1280, height=800)
        v.open(cluster.url + "/?date=2025-12-01")
        v.page.wait_for_function(MAP_DRAWN, timeout=60_000)
        sessions.append(v)
        if min([replica(s) for s in sessions].count(r) for r in ("r1", "r2")) >= 2:
            break
    held = [replica(s) for s in sessions]
    assert min(held.count(r) for r in ("r1", "r2")) >= 2, held

    os.kill(cluster.pid("replica-1"), signal.SIGKILL)
    for v in sessions:
        # replica 1's visitors reconnect to replica 2, which reruns their page from its address, and the
        # cookie follows them there
        still_works(v, "Poland leaves", "20 February 2026")
        assert replica(v) == "r2"
    for _ in range(3):  # new visitors never reach the dead replica
        v = visit(width=1280, height=800)
        v.open(cluster.url + "/")
        v.page.wait_for_function(MAP_DRAWN, timeout=60_000)
        assert replica(v) == "r2" and v.errors == [] and v.outside == []
    status = cluster.script("status")
    assert status.returncode == 3 and "replica 1    not running" in status.stdout, status.stdout
    assert any("failing: " + cluster.replicas[0].split("//")[1] in line
               for line in (cluster.folder / "watch.log").read_text().splitlines())

    # an update's step: replica 1 back; the visitors moved to replica 2 stay there, new ones go to replica 1
    restart = cluster.script("restart", "1", timeout=180)
    assert restart.returncode == 0, restart.stderr[-2000:]
    deadline = time.monotonic() + 15
    while "failing: none" not in (cluster.folder / "watch.log").read_text().splitlines()[-1]:
        assert time.monotonic() < deadline, "the health watcher did not put replica 1 back"
        time.sleep(0.5)
    for v in sessions:
        still_works(v, "Finland leaves", "10 January 2026")
        assert replica(v) == "r2"
    fresh = visit(width=1280, height=800)
    fresh.open(cluster.url + "/?date=2025-12-01")
    fresh.page.wait_for_function(MAP_DRAWN, timeout=60_000)
    assert replica(fresh) == "r1"  # the fewest open connections
    still_works(fresh, "Poland leaves", "20 February 2026")
    assert cluster.script("status").returncode == 0
