"""Load test on loopback: many sessions at once, then many in turn (a leak check). Bounded; stops by itself.

    .venv/bin/python -m benchmarks.load                 # 30 sessions for 120 s, then 300 opened and closed
    .venv/bin/python -m benchmarks.load --smoke         # 4 sessions for 10 s, 20 in turn (CI runs this)
    .venv/bin/python -m benchmarks.load --browsers 3    # also 3 real Chromium sessions, to check the client
    .venv/bin/python -m benchmarks.load --think 0       # no pause between steps: the server's saturation
    .venv/bin/python -m benchmarks.load --sessions 100 --in-turn 0 --cluster 2 [--kill-half-way]
                                                        # through nginx to 2 replicas (deploy/local-cluster.sh)

(from the project root).

Each session speaks Streamlit's websocket protocol (benchmarks/stclient.py): it opens the map, then for the
duration moves the date and switches pages (domino, impact, country, over time, back to the map) in a loop,
timing each step from the message sent to the run finished. Errors: an exception shown on a page, a run
that did not finish, a lost connection that could not be made again. A session whose websocket closes (its replica
killed) reconnects and reruns its page, as Streamlit's frontend does; that is timed as "reconnect". Server memory
is the resident set of each server process.
Exit code 1 when any error happened.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import statistics
import sys
import time
from collections.abc import Callable

import websockets

from benchmarks.harness import Cluster, Server, launch_chromium, per_session_memory, rss_mb, running
from benchmarks.stclient import Session

DATES = ["1999-03-01", "2013-12-31", "2025-12-01", "2025-12-27", "2026-02-20", "2005-06-01"]
PAGES = ["domino", "impact", "country", "over-time", ""]


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


class Lost(Exception):
    """The session's websocket closed under it (its replica died)."""


AFTER_KILL = " (after the kill)"
killed_at: list[float] = []  # when a replica was killed (perf_counter): later steps are counted apart


def note(latencies: dict, kind: str, seconds: float, started: float) -> None:
    latencies.setdefault(kind + (AFTER_KILL if killed_at and started >= killed_at[0] else ""), []).append(seconds)


async def step(s: Session, kind: str, latencies: dict, errors: list, **run) -> None:
    started = time.perf_counter()
    try:
        r = await s.run(**run)
    except websockets.ConnectionClosed as e:
        raise Lost from e
    note(latencies, kind, r.seconds, started)
    errors.extend(r.exceptions)


async def reconnect(s: Session, page: str, latencies: dict, errors: list, give_up: float = 30) -> None:
    """What Streamlit's frontend does when its websocket drops: connect again (nginx sends it to a live replica)
    and rerun the page it was on. Timed from the loss to the page drawn again."""
    t0 = time.perf_counter()
    while True:
        await s.close()
        try:
            await s.connect()
            r = await s.run(page=page)
            note(latencies, "reconnect", time.perf_counter() - t0, t0)
            errors.extend(r.exceptions)
            return
        except (OSError, websockets.WebSocketException, TimeoutError) as e:
            if time.perf_counter() - t0 > give_up:
                errors.append(f"no reconnection within {give_up:.0f} s: {type(e).__name__}: {e}")
                raise
            await asyncio.sleep(0.5)


async def user(base: str, seconds: float, seed: int, latencies: dict, errors: list, think: float = 0.0) -> None:
    rnd = random.Random(seed)
    s = Session(base)
    pause = lambda: asyncio.sleep(think * rnd.uniform(0.5, 1.5))  # noqa: E731 - a person reading
    page = ""
    try:
        await s.connect()
        await step(s, "open map", latencies, errors)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                await pause()
                page = ""
                await step(s, "move date", latencies, errors, page="", widgets={"date": rnd.choice(DATES)})
                await pause()
                page = rnd.choice(PAGES)
                await step(s, "switch page", latencies, errors, page=page)
                s.widgets.clear()
                await pause()
                page = ""
                await step(s, "switch page", latencies, errors, page="")  # back on the map: the next step moves it
            except Lost:
                await reconnect(s, page, latencies, errors)
    except Exception as e:  # noqa: BLE001 - every failure is counted, none stops the test
        errors.append(f"{type(e).__name__}: {e}")
    finally:
        await s.close()


async def concurrent(base: str, n: int, seconds: float, pids: dict[str, int], think: float,
                     kill: Callable[[], None] | None = None) -> dict:
    """n sessions for `seconds`; server memory per process (resident set, sampled every second). `kill`, if given,
    is called half-way (a replica killed under the sessions)."""
    latencies: dict[str, list[float]] = {}
    errors: list[str] = []
    mem = {name: [rss_mb(pid)] for name, pid in pids.items()}

    async def sample():
        while True:
            await asyncio.sleep(1)
            for name, pid in pids.items():
                if running(pid):
                    mem[name].append(rss_mb(pid))

    async def kill_half_way():
        await asyncio.sleep(3 + seconds / 2)
        killed_at.append(time.perf_counter())
        kill()

    sampler = asyncio.create_task(sample())
    killer = asyncio.create_task(kill_half_way()) if kill else None
    # sessions arrive over the first 3 s, as a link shared in a plenary brings them
    tasks = []
    for i in range(n):
        tasks.append(asyncio.create_task(user(base, seconds, i, latencies, errors, think)))
        await asyncio.sleep(3 / max(1, n))
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds + 300)
    sampler.cancel()
    if killer:
        await killer
    memory = {name: {"start": m[0], "peak": max(m), "end": m[-1]} for name, m in mem.items()}
    return {"latencies": latencies, "errors": errors, "memory": memory}


async def in_turn(base: str, n: int, pid: int, every: int = 30) -> dict:
    """Open a session, draw the map, close it; n times. Memory after the first `every` and at the end."""
    errors, marks = [], {}
    for i in range(1, n + 1):
        s = Session(base)
        try:
            await s.connect()
            r = await s.run(widgets=None)
            errors.extend(r.exceptions)
        except Exception as e:  # noqa: BLE001
            errors.append(f"{type(e).__name__}: {e}")
        finally:
            await s.close()
        if i % every == 0 or i == n:
            await asyncio.sleep(1.5)  # let the server drop the closed sessions
            marks[i] = rss_mb(pid)
    return {"errors": errors, "marks": marks}


def browsers(base: str, n: int, seconds: float) -> dict:
    """A few real Chromium sessions doing the same steps, to check the light client against them."""
    import re

    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {"open map": [], "move date": []}
    with sync_playwright() as p:
        b = launch_chromium(p)
        pages = []
        for _ in range(n):
            page = b.new_context(viewport={"width": 1400, "height": 900}).new_page()
            t0 = time.perf_counter()
            page.goto(base)
            page.wait_for_function("document.querySelectorAll('path.choroplethlocation').length > 150", timeout=120_000)
            times["open map"].append(time.perf_counter() - t0)
            pages.append(page)
        end = time.monotonic() + seconds
        i = 0
        while time.monotonic() < end:
            for page in pages:
                label, shown = [("Peak: 166", "1 December 2025"), ("Poland leaves", "20 February 2026")][i % 2]
                t0 = time.perf_counter()
                page.get_by_role("button", name=re.compile("^" + re.escape(label))).click()
                page.wait_for_function(f"[...document.querySelectorAll('.legendtitletext')].some(e => "
                                       f"e.textContent.includes('{shown}'))", timeout=60_000)
                times["move date"].append(time.perf_counter() - t0)
                i += 1
        b.close()
    return times


def report(args, result: dict) -> None:
    print(f"{args.sessions} concurrent sessions for {args.seconds:.0f} s, pausing {args.think:g} s on average "
          f"between steps{f', through nginx to {args.cluster} replica(s)' if args.cluster else ''}"
          f"{', replica 1 killed (kill -9) half-way' if args.kill_half_way else ''}:")
    for kind, values in sorted(result["latencies"].items()):
        print(f"  {kind:<12} n={len(values):<5} p50 {statistics.median(values):.3f} s   p95 {pct(values, 95):.3f} s"
              f"   max {max(values):.3f} s")
    print(f"  errors: {len(result['errors'])}" + (f" (first: {result['errors'][0]})" if result["errors"] else ""))
    for name, m in result["memory"].items():
        print(f"  {name} memory: start {m['start']:.0f} MB, peak {m['peak']:.0f} MB, end {m['end']:.0f} MB")


def on_cluster(args) -> int:
    """The same sessions through nginx (deploy/local-cluster.sh on free ports and its own database)."""
    with Cluster(args.cluster, database="mbt_cluster_load") as cluster:
        pids = cluster.replica_pids()
        kill = (lambda: os.kill(pids["replica 1"], signal.SIGKILL)) if args.kill_half_way else None
        result = asyncio.run(concurrent(cluster.url, args.sessions, args.seconds, pids, args.think, kill))
    report(args, result)
    if cluster.left:
        print(f"still running after down: {cluster.left}")
    return 1 if result["errors"] or cluster.left else 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--in-turn", type=int, default=300)
    ap.add_argument("--browsers", type=int, default=0)
    ap.add_argument("--think", type=float, default=2.0,
                    help="mean seconds a person pauses between steps (0: every session clicks non-stop)")
    ap.add_argument("--smoke", action="store_true", help="a short run for CI: 4 sessions, 10 s, 20 in turn")
    ap.add_argument("--cluster", type=int, default=0, metavar="N",
                    help="through nginx to N replicas (deploy/local-cluster.sh), instead of one server")
    ap.add_argument("--kill-half-way", action="store_true", help="with --cluster: kill -9 replica 1 half-way")
    args = ap.parse_args()
    if args.smoke:
        args.sessions, args.seconds, args.in_turn, args.browsers = 4, 10, 20, 0
    if args.cluster:
        return on_cluster(args)
    server = Server("serve.py")
    try:
        pid = server.proc.pid
        mem_idle = rss_mb(pid)
        per_session = asyncio.run(per_session_memory(server.url, min(10, args.sessions), pid))
        result = asyncio.run(concurrent(server.url, args.sessions, args.seconds, {"server": pid}, args.think))
        checked = browsers(server.url, args.browsers, min(30, args.seconds)) if args.browsers else {}
        turn = asyncio.run(in_turn(server.url, args.in_turn, pid, every=min(30, args.in_turn))) if args.in_turn \
            else {"errors": [], "marks": {}}
    finally:
        server.stop()
    errors = result["errors"] + turn["errors"]
    print(f"Server idle: {mem_idle:.0f} MB; memory per extra session (map drawn): {per_session:.1f} MB")
    report(args, result)
    for kind, values in checked.items():
        print(f"  real Chromium ({args.browsers}), {kind}: p50 {statistics.median(values):.3f} s, "
              f"p95 {pct(values, 95):.3f} s (n={len(values)}; includes drawing in the browser)")
    marks = turn["marks"]
    if marks:
        first, last = marks[min(marks)], marks[max(marks)]
        print(f"{args.in_turn} sessions opened and closed in turn: memory after {min(marks)} {first:.0f} MB, after "
              f"{max(marks)} {last:.0f} MB ({(last / first - 1) * 100:+.1f}%; budget within ±10%); "
              f"errors: {len(turn['errors'])}")
        print("marks: " + ", ".join(f"{k}: {v:.0f}" for k, v in sorted(marks.items())))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
