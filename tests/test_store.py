"""The versions store on SQLite and PostgreSQL: publish, history, rollback, a crash mid-publish, concurrent
publishes; and the editor's gate."""
import os
import subprocess
import sys
import textwrap
import threading

import pytest
from sqlalchemy import text

import loaders
from paths import ROOT
from publish.access import Gate, configured_secret
from publish.store import Store, bundled_csv, database_url, sha256

PG = os.environ.get("MBT_TEST_DATABASE_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'versions.sqlite3'}"
    if not PG:
        if os.environ.get("CI"):
            pytest.fail("CI must test the store on PostgreSQL: scripts/postgres.sh did not provide one")
        pytest.skip("no PostgreSQL here (scripts/test.sh starts one when it can)")
    u = database_url({"MBT_DATABASE_URL": PG})
    s = Store(u)
    with s.engine.begin() as c:  # every test starts from an empty history
        c.execute(text("DELETE FROM dataset_versions"))
        c.execute(text("DELETE FROM editor_attempts"))
    s.dispose()
    return u


def csv_of(total: int) -> str:
    body = bundled_csv("casualties_global")
    return body.replace("2024,6279,", f"2024,{total},", 1)


def test_publish_history_and_latest(url):
    s = Store(url)
    assert s.latest() == {}
    v1 = s.add("casualties_global", csv_of(6300), "A. Analyst", "LM 2025 revision")
    v2 = s.add("casualties_global", csv_of(6310), "B. Analyst", "typo")
    assert (v1.number, v2.number) == (1, 2) and v2.rows == 26 and v2.sha256 == sha256(csv_of(6310))
    assert s.latest() == {"casualties_global": 2}
    assert [(h.number, h.editor, h.kind) for h in s.history("casualties_global")] == [
        (2, "B. Analyst", "publish"), (1, "A. Analyst", "publish")]
    assert s.csv("casualties_global", 1) == csv_of(6300)
    assert s.history("membership") == []


def test_rollback_is_a_new_version_and_version0_is_the_bundled_file(url):
    before = (loaders.DATA_DIR / "casualties_global.csv").read_bytes()
    s = Store(url)
    s.add("casualties_global", csv_of(6300), "A", "up")
    v = s.rollback("casualties_global", 0, "A", "back to the bundled data")
    assert (v.number, v.kind, v.restores) == (2, "rollback", 0)
    assert s.csv("casualties_global", 2) == before.decode("utf-8")
    v = s.rollback("casualties_global", 1, "A", "forward again")
    assert s.csv("casualties_global", v.number) == csv_of(6300)
    assert (loaders.DATA_DIR / "casualties_global.csv").read_bytes() == before  # never written


def test_a_version_needs_editor_and_message(url):
    with pytest.raises(ValueError):
        Store(url).add("casualties_global", csv_of(1), " ", "msg")


def test_concurrent_publishes_are_all_recorded_in_order(url):
    n = 8
    start = threading.Barrier(n)
    got, errors = [], []

    def publish(i):
        s = None
        try:
            s = Store(url)  # one store per thread, as separate app replicas would have
            start.wait(timeout=60)
            got.append(s.add("casualties_global", csv_of(7000 + i), f"editor {i}", "at the same moment").number)
        except Exception as e:  # noqa: BLE001 - collected for the assertion
            errors.append(e)
        finally:
            if s:
                s.dispose()

    threads = [threading.Thread(target=publish, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and sorted(got) == list(range(1, n + 1))
    history = Store(url).history("casualties_global")
    assert [h.number for h in history] == list(range(n, 0, -1))
    assert sorted(h.created_at for h in history) == [h.created_at for h in history[::-1]]


CRASH = textwrap.dedent("""
    import os, signal
    from sqlalchemy import event
    from publish.store import Store
    s = Store({url!r})
    @event.listens_for(s.engine, "after_cursor_execute")
    def die(conn, cursor, statement, *a):
        if statement.lstrip().upper().startswith("INSERT"):
            os.kill(os.getpid(), signal.SIGKILL)  # the row is written, the transaction not committed
    s.add("casualties_global", {csv!r}, "crasher", "killed mid-publish")
""")


def test_a_process_killed_mid_publish_leaves_the_previous_version_served(url):
    s = Store(url)
    s.add("casualties_global", csv_of(6300), "A", "good version")
    s.dispose()
    # run from the project root, with it on the path, so the child imports this project's publish package
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, "-c", CRASH.format(url=url, csv=csv_of(9999))],
                          capture_output=True, timeout=120, cwd=ROOT, env=env)
    assert proc.returncode == -9, proc.stderr.decode()[-500:]
    after = Store(url)
    assert after.latest() == {"casualties_global": 1}
    assert after.csv("casualties_global", 1) == csv_of(6300)
    assert after.add("casualties_global", csv_of(6301), "A", "after the crash").number == 2


def test_database_url_picks_postgres_when_configured(tmp_path):
    assert database_url({"MBT_DATABASE_URL": "postgresql://u:p@h/db"}) == "postgresql+psycopg://u:p@h/db"
    assert database_url({"MBT_VERSIONS_DB": str(tmp_path / "x.db")}) == f"sqlite:///{tmp_path / 'x.db'}"


def test_publishing_is_off_without_a_secret():
    assert configured_secret({}, {}) is None and configured_secret({"editor_secret": "  "}, {}) is None
    assert configured_secret({"editor_secret": "s"}, {}) == "s"
    assert configured_secret({}, {"MBT_EDITOR_SECRET": "e"}) == "e"
    gate = Gate(None)
    assert not gate.enabled and not gate.check("anything", "client", attempts=None).ok
