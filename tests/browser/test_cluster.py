"""The deployment of docs/DEPLOY.md on this machine: deploy/local-cluster.sh up 2 (PostgreSQL, two replicas, nginx,
the health watcher), then what visitors and an editor see — a publish on one replica shown by the other, a replica
killed with kill -9 while sessions are open — and `down` leaving no process behind.

On its own ports and database (mbt_cluster_test, emptied first), so it never touches a cluster a person runs.
"""
import asyncio
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from benchmarks.harness import free_port
from benchmarks.stclient import Session
from paths import ROOT
from tests.browser.test_data_update import SECRET, publish_form, upload

pytestmark = [pytest.mark.browser, pytest.mark.cluster]
MAP_DRAWN = "document.querySelectorAll('path.choroplethlocation').length > 150"
PAGE_FAILED = "This page could not be shown"


def shows(date_words: str) -> str:
    return ("[...document.querySelectorAll('.legendtitletext, .gtitle')]"
            f".some(e => e.textContent.includes('{date_words}'))")


def free_run(n: int) -> int:
    """A port p such that p+1 … p+n are free."""
    for _ in range(50):
        p = free_port()
        if p + n < 65535 and all(_free(p + i) for i in range(1, n + 1)):
            return p
    raise RuntimeError("no run of free ports")


def _free(port: int) -> bool:
    import socket

    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def in_thread(coroutine):
    """Run a coroutine to the end (Playwright's sync API holds this thread's event loop)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=120)


def alive(pid: int) -> bool:
    """Running (a zombie left to a parent that does not reap it is not running)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


class Cluster:
    def __init__(self, folder: Path, port: int, base: int, env: dict):
        self.folder, self.env = folder, env
        self.url = f"http://127.0.0.1:{port}"
        self.replicas = [f"http://127.0.0.1:{base + i}" for i in (1, 2)]

    def script(self, *args, timeout=600) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "deploy/local-cluster.sh", *args], cwd=ROOT, env=self.env, timeout=timeout,
                              capture_output=True, text=True)

    def pid(self, name: str) -> int:
        return int((self.folder / f"{name}.pid").read_text())

    def replica_of(self, route: str) -> str | None:
        """The replica nginx sent this route to (from its access log), as http://host:port."""
        for line in (self.folder / "nginx" / "logs" / "access.log").read_text().splitlines():
            m = re.search(r"upstream=(127\.0\.0\.1:\d+) .*route=" + re.escape(route), line)
            if m:
                return f"http://{m.group(1)}"
        return None


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cluster")
    port, base = free_port(), free_run(2)
    env = {**os.environ, "MBT_CLUSTER_DIR": str(folder), "MBT_CLUSTER_PORT": str(port),
           "MBT_CLUSTER_REPLICA_PORT": str(base), "MBT_CLUSTER_DATABASE": "mbt_cluster_test",
           "MBT_EDITOR_SECRET": SECRET}
    url = subprocess.run(["bash", "scripts/postgres.sh", "mbt_cluster_test"], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, check=True).stdout.strip()
    from sqlalchemy import create_engine, text

    from publish.config import database_url
    engine = create_engine(database_url({"MBT_DATABASE_URL": url}))
    with engine.begin() as db:  # a clean store: version 0 everywhere
        db.execute(text("drop table if exists dataset_versions, editor_attempts"))
    engine.dispose()

    c = Cluster(folder, port, base, env)
    up = c.script("up", "2")
    try:
        assert up.returncode == 0, up.stderr[-3000:]
        assert f"the map at {c.url}" in up.stderr
        started = [c.pid("nginx"), c.pid("watch"), c.pid("replica-1"), c.pid("replica-2")]
        yield c
    finally:
        down = c.script("down", timeout=120)
    assert down.returncode == 0, down.stderr[-2000:]
    left = [pid for pid in started if alive(pid)]
    assert left == [], f"still running after down: {left}"
    assert not list(folder.glob("*.pid")), list(folder.glob("*.pid"))


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


def test_a_replica_killed_while_sessions_are_open(cluster, visit):
    one = cluster.replicas[0]
    sessions = []  # (visit, replica) until each replica holds at least two
    for _ in range(16):
        v = visit(width=1280, height=800)
        v.open(cluster.url + "/?date=2025-12-01")
        v.page.wait_for_function(MAP_DRAWN, timeout=60_000)
        route = next(c["value"] for c in v.context.cookies() if c["name"] == "mbt_route")
        sessions.append((v, cluster.replica_of(route)))
        on = [r for _, r in sessions]
        if min(on.count(r) for r in cluster.replicas) >= 2:
            break
    on = [r for _, r in sessions]
    assert min(on.count(r) for r in cluster.replicas) >= 2, on

    os.kill(cluster.pid("replica-1"), signal.SIGKILL)
    for v, replica in sessions:
        page = v.page
        # every session still works: a click needs a live session, on replica 2 for those replica 1 held
        page.get_by_role("button", name=re.compile(r"^Poland leaves")).click(timeout=60_000)
        page.wait_for_function(shows("20 February 2026"), timeout=60_000)
        v.wait_until_drawn()
        body = page.inner_text("body")
        assert PAGE_FAILED not in body and "Connection error" not in body, (replica, body[:500])
        assert page.get_by_test_id("stException").count() == 0
        assert v.failed == [] and v.outside == [], (replica, v.failed, v.outside)
    # new visitors never reach the dead replica
    for _ in range(4):
        v = visit(width=1280, height=800)
        v.open(cluster.url + "/")
        v.page.wait_for_function(MAP_DRAWN, timeout=60_000)
        assert v.errors == [] and v.outside == []
    status = cluster.script("status")
    assert status.returncode == 3 and "replica 1    not running" in status.stdout, status.stdout
    assert any(one.split("//")[1] in line and "failing" in line
               for line in (cluster.folder / "watch.log").read_text().splitlines())
