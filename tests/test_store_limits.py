"""The versions store under pressure: two editors publishing from the same version, guesses at the editor
secret, and a database that stops answering (a real PostgreSQL frozen with SIGSTOP)."""
import os
import signal
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from publish.access import Gate, client_key, delay_after
from publish.deadline import NOT_ANSWERING, Conflict, Health, NotAnswering
from publish.store import CALL_DEADLINE_S, Store
from tests.test_store import PG, csv_of, url  # noqa: F401 (the SQLite + PostgreSQL fixture)


def test_a_publish_names_the_version_it_reviewed(url):  # noqa: F811
    s = Store(url)
    assert s.add("casualties_global", csv_of(1), "A", "from v0", reviewed=0).number == 1
    with pytest.raises(Conflict) as refused:  # B reviewed version 0 too: A's change would be lost
        s.add("casualties_global", csv_of(2), "B", "also from v0", reviewed=0)
    assert (refused.value.reviewed, refused.value.latest) == (0, 1)
    assert [v.number for v in s.history("casualties_global")] == [1]  # nothing was written
    with pytest.raises(Conflict):
        s.rollback("casualties_global", 0, "B", "undo, seen from v0", reviewed=0)
    assert s.add("casualties_global", csv_of(2), "B", "from v1", reviewed=1).number == 2
    assert s.rollback("casualties_global", 0, "B", "undo", reviewed=2).number == 3


def test_two_editors_publishing_from_the_same_version_one_wins_and_the_other_is_told(url):  # noqa: F811
    s = Store(url)
    outcomes, start = [], threading.Barrier(6)

    def publish(i):
        start.wait()
        try:
            outcomes.append(("published", s.add("casualties_global", csv_of(100 + i), f"E{i}", "race", reviewed=0).number))
        except Conflict as e:
            outcomes.append(("refused", e.latest))

    threads = [threading.Thread(target=publish, args=(i,)) for i in range(6)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(outcomes) == [("published", 1)] + [("refused", 1)] * 5
    assert len(s.history("casualties_global")) == 1


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


def test_wrong_secrets_slow_down_only_the_client_that_makes_them(url):  # noqa: F811
    clock, store = Clock(), Store(url)
    gate, guesser, editor = Gate("right", clock=clock), client_key("198.51.100.7"), client_key("203.0.113.9")
    assert gate.check("a", guesser, store).failures == 1
    refused = gate.check("right", guesser, store)  # too soon: not even checked
    assert not refused.ok and refused.wait == pytest.approx(delay_after(1))
    assert gate.check("right", editor, store).ok  # someone else is never kept waiting
    for n in range(2, 6):
        clock.now += delay_after(n - 1)
        assert gate.check("b", guesser, store).failures == n
    assert gate.check("b", guesser, store).wait == pytest.approx(delay_after(5)) == 8.0
    clock.now += 8.0
    assert gate.check("right", guesser, store).ok  # the right secret, once allowed, clears the record
    assert gate.check("c", guesser, store).failures == 1
    assert delay_after(40) == 600.0


def test_a_clients_guesses_go_one_at_a_time_and_every_replica_knows_them(url):  # noqa: F811
    clock = Clock()
    replicas = [Store(url), Store(url)]
    guesser = client_key(None, "10.0.0.1, 198.51.100.7")  # behind the proxy: the address nginx added
    answers, start = [], threading.Barrier(8)

    def claim(i):
        start.wait()
        answers.append(replicas[i % 2].claim_attempt(guesser, clock(), 3.0))

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(answers)[0] == 0.0 and sorted(answers)[1] > 0  # one was let through, seven told to wait
    replicas[0].record_attempt(guesser, False, clock(), delay_after)
    gate = Gate("right", clock=clock)
    assert gate.check("right", guesser, Store(url)).wait > 0  # a replica started later knows it too


# ---------------------------------------------------------------------------------------------------- hung DB
def _postgres_pids(store: Store) -> list[int]:
    """The PostgreSQL server behind `store`: its postmaster and every process it started."""
    with store.engine.connect() as c:
        backend = c.execute(text("select pg_backend_pid()")).scalar()
    postmaster = int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == postmaster:
                children.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return [postmaster, *children]


@contextmanager
def frozen(pids):
    """Stop every PostgreSQL process as a hung machine would (the kernel still accepts TCP), then resume."""
    try:
        for p in pids:
            os.kill(p, signal.SIGSTOP)
    except PermissionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("cannot signal PostgreSQL's processes here (CI runs as root)")
    try:
        yield
    finally:
        for p in reversed(pids):
            try:
                os.kill(p, signal.SIGCONT)
            except ProcessLookupError:
                pass


@pytest.fixture
def pg_url(url):  # noqa: F811
    if not url.startswith("postgresql"):
        pytest.skip("SIGSTOP is for the PostgreSQL server (SQLite has no server to hang)")
    return url


def test_a_hung_database_is_noticed_in_seconds_and_back_in_seconds(pg_url):
    store = Store(pg_url)
    store.add("casualties_global", csv_of(1), "A", "before the hang")
    health = Health(deadline=2.0)
    assert health.read(store.latest) == ({"casualties_global": 1}, None)
    with frozen(_postgres_pids(store)):
        t = time.monotonic()
        assert health.read(store.latest) == (None, NOT_ANSWERING)
        assert time.monotonic() - t < 3.0
        t = time.monotonic()  # while that probe hangs, nobody waits on it again
        assert health.read(store.latest) == (None, NOT_ANSWERING) and time.monotonic() - t < 0.5
        t = time.monotonic()
        with pytest.raises(NotAnswering, match="nothing was published"):
            store.add("casualties_global", csv_of(2), "B", "during the hang")
        assert time.monotonic() - t < CALL_DEADLINE_S + 2
    deadline = time.monotonic() + 10
    while health.read(store.latest)[1] is not None:
        assert time.monotonic() < deadline, "the database is back but still reported as not answering"
        time.sleep(0.2)
    time.sleep(1)  # the abandoned publish has woken up with the server, and rolled back
    assert [v.message for v in store.history("casualties_global")] == ["before the hang"]


def test_every_page_says_so_when_the_database_hangs_and_recovers(pg_url, monkeypatch):
    """The banner within seconds while PostgreSQL is frozen, gone within seconds once it is back."""
    from streamlit.testing.v1 import AppTest

    from paths import ROOT
    from ui.versions import _health, _published

    monkeypatch.setenv("MBT_DATABASE_URL", PG)
    _published.clear(), _health.clear()
    store = Store(pg_url)

    def banner():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
        assert not at.exception
        return next((w.value for w in at.warning if "versions database" in w.value), None)

    assert banner() is None
    with frozen(_postgres_pids(store)):
        time.sleep(2.1)  # past the 2 s the published versions are cached for
        t = time.monotonic()
        said = banner()
        assert said and "is not answering" in said and "check that the database server is running" in said
        assert time.monotonic() - t < 15
        assert not any(w in said for w in ("127.0.0.1", "mbt_test", "5432", "psycopg", "timeout"))
    time.sleep(2.1)
    deadline = time.monotonic() + 15
    while banner() is not None:
        assert time.monotonic() < deadline
        time.sleep(1)
    _published.clear(), _health.clear()
