"""The dev harness: the app on a free loopback port, and Debian's Chromium that visits it.

Shared by the browser tests (tests/browser/conftest.py wraps it in fixtures), the benchmarks (bench.py, load.py)
and the screenshots (scripts/screenshots.py). Tools import this module, never a conftest.
"""
from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from paths import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
# Opening a page's own URL (e.g. /over-time) makes Streamlit's frontend probe /over-time/_stcore/health and
# /host-config before the root; those 404s are Streamlit's, expected.
PROBE = re.compile(r"^/[^/]+(/[^/]+)*/_stcore/(health|host-config)$")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """The resident set of a process now (VmRSS), in MB."""
    return _status_kb(pid, "VmRSS") / 1024


def _status_kb(pid: int, field: str) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE).group(1))


class ServerError(RuntimeError):
    """The server exited or did not answer its health check in time."""


class Server:
    """`streamlit run <script>` on a free loopback port, from the project root, ready when constructed.

    flags: more command-line options for streamlit (e.g. ["--server.fileWatcherType", "auto"]);
    env: variables added to this process's environment. Use as a context manager, or call stop().
    """

    def __init__(self, script: str = "serve.py", flags: list[str] | tuple = (), env: dict | None = None,
                 timeout: float = 60):
        self.script = script
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # the project root on the path, so a script outside it (benchmarks/naive_map.py) imports the project
        path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        # stderr to a file, not a pipe: a long-lived server's log must never fill a pipe nobody reads
        self._stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", *flags],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self._stderr,
            env={**os.environ, "PYTHONPATH": path, **(env or {})})
        try:
            self._wait_until_ready(timeout)
        except BaseException:
            self.stop()
            raise

    def _wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2).read() == b"ok":
                    return
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise ServerError(f"{self.script}: streamlit did not start: {self.log()[-2000:]}")
            time.sleep(0.1)

    def log(self) -> str:
        """What the server wrote to stderr so far."""
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace")

    def rss_mb(self) -> float:
        return rss_mb(self.proc.pid)

    def peak_rss_mb(self) -> float:
        """The server's peak resident set (VmHWM), in MB."""
        return _status_kb(self.proc.pid, "VmHWM") / 1024

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=20)
        self._stderr.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def free_ports_after(n: int) -> int:
    """A port p such that p+1 … p+n are free on loopback (the cluster's replicas take consecutive ports)."""
    for _ in range(50):
        p = free_port()
        if p + n < 65535 and all(_port_free(p + i) for i in range(1, n + 1)):
            return p
    raise ServerError("no run of free ports")


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def running(pid: int) -> bool:
    """The process runs (a zombie whose parent does not reap it does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


class Cluster:
    """deploy/local-cluster.sh up n on free ports, in its own folder, with its own database emptied first (version 0
    everywhere), so it never touches a cluster a person runs. `down` on stop; `left` lists what still runs then."""

    def __init__(self, n: int = 2, folder: str | Path | None = None, env: dict | None = None,
                 database: str = "mbt_cluster_test"):
        self.folder = Path(folder or tempfile.mkdtemp(prefix="mbt-cluster-"))
        port, base = free_port(), free_ports_after(n)
        self.url = f"http://127.0.0.1:{port}"
        self.replicas = [f"http://127.0.0.1:{base + i}" for i in range(1, n + 1)]
        self.env = {**os.environ, "MBT_CLUSTER_DIR": str(self.folder), "MBT_CLUSTER_PORT": str(port),
                    "MBT_CLUSTER_REPLICA_PORT": str(base), "MBT_CLUSTER_DATABASE": database, **(env or {})}
        self._empty(database)
        up = self.script("up", str(n))
        if up.returncode != 0:
            self.script("down", timeout=120)
            raise ServerError(f"local-cluster.sh up {n}: {up.stderr[-3000:]}")
        self.up_said = up.stderr
        self.started = [self.pid(name) for name in ["nginx", "watch", *(f"replica-{i}" for i in range(1, n + 1))]]
        self.left: list[int] = []

    @staticmethod
    def _empty(database: str) -> None:
        url = subprocess.run(["bash", "scripts/postgres.sh", database], cwd=ROOT, capture_output=True, text=True,
                             timeout=300, check=True).stdout.strip()
        from sqlalchemy import create_engine, text

        from publish.config import database_url
        engine = create_engine(database_url({"MBT_DATABASE_URL": url}))
        with engine.begin() as db:
            db.execute(text("drop table if exists dataset_versions, editor_attempts"))
        engine.dispose()

    def script(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "deploy/local-cluster.sh", *args], cwd=ROOT, env=self.env, timeout=timeout,
                              capture_output=True, text=True)

    def pid(self, name: str) -> int:
        return int((self.folder / f"{name}.pid").read_text())

    def replica_pids(self) -> dict[str, int]:
        return {f"replica {p.stem.split('-')[1]}": int(p.read_text())
                for p in sorted(self.folder.glob("replica-*.pid"))}

    def stop(self) -> subprocess.CompletedProcess:
        down = self.script("down", timeout=120)
        self.left = [pid for pid in self.started if running(pid)]
        return down

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def launch_chromium(playwright):
    """Debian's Chromium, headless, through Playwright (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


PHONE_AGENT = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
               "Version/17.0 Mobile/15E148 Safari/604.1")


class Visit:
    """A page opened with every request recorded; anything not on loopback is recorded and refused."""

    def __init__(self, browser, width=1280, height=900, color_scheme="light", phone=False):
        # `phone`: as a phone's browser presents itself (touch, a phone's User-Agent), at the viewport given
        extra = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2, "user_agent": PHONE_AGENT} if phone else {}
        self.context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=color_scheme,
                                           **extra)
        self.outside: list[str] = []
        self.console_errors: list[str] = []
        self.failed: list[str] = []  # responses >= 400, except Streamlit's base-path probes
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("response", self._note_failure)
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self.page.on("websocket", lambda ws: self._check(ws.url))

    def _note_failure(self, response):
        if response.status >= 400 and not PROBE.search(urlparse(response.url).path):
            self.failed.append(f"{response.status} {response.url}")

    @property
    def errors(self) -> list[str]:
        """Console errors and failed responses. A failed load is reported by its response (with its URL),
        so the console's anonymous 'Failed to load resource' lines are left out: each is in `failed`
        unless it was one of Streamlit's probes."""
        return [e for e in self.console_errors if not e.startswith("Failed to load resource")] + self.failed

    def _check(self, url: str) -> bool:
        u = urlparse(url)
        if u.scheme in {"data", "blob", "about"}:
            return True
        if u.hostname in LOOPBACK:
            return True
        self.outside.append(url)
        return False

    def _route(self, route):
        if self._check(route.request.url):
            route.continue_()
        else:
            route.abort()

    def open(self, url: str):
        self.page.goto(url)
        self.wait_until_drawn()
        return self.page

    def wait_until_drawn(self, timeout=60_000):
        self.page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
        self.page.wait_for_selector("[data-test-script-state='notRunning']", state="attached", timeout=timeout)

    def close(self):
        self.context.close()


def in_thread(coro):
    """Run a coroutine to completion on its own loop in a thread (Playwright's sync API owns this one's)."""
    import asyncio
    import threading

    out = {}

    def target():
        try:
            out["value"] = asyncio.run(coro)
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller
            out["error"] = e

    t = threading.Thread(target=target)
    t.start()
    t.join()
    if "error" in out:
        raise out["error"]
    return out["value"]


async def per_session_memory(base: str, n: int, pid: int) -> float:
    """MB of server memory per extra idle session that has drawn the map (light client, no browser)."""
    from benchmarks.stclient import Session

    warm = Session(base)
    await warm.connect()
    await warm.run()
    await asyncio.sleep(1)
    before = rss_mb(pid)
    sessions = []
    for _ in range(n):
        s = Session(base)
        await s.connect()
        await s.run()
        sessions.append(s)
    await asyncio.sleep(1)
    after = rss_mb(pid)
    for s in sessions + [warm]:
        await s.close()
    return (after - before) / n
