"""Immutable versions of each dataset, in SQLite (default) or PostgreSQL (several app replicas share it).

Version 0 of every dataset is the bundled CSV in data/, which is never written. Each publish or rollback
adds one row holding the whole canonical CSV, its checksum, row count, editor, message and time; nothing
is ever updated or deleted. The data everyone sees is the highest version of each dataset.

A publish is one INSERT in one transaction: a process killed before the commit leaves no trace, and the
previous version stays served. A publish names the version its editor reviewed: if another was published
since, nothing is written and `Conflict` says which (the unique (dataset, number) pair settles a race).

Every call has a time limit (publish.deadline): a database that is down fails in seconds, one that hangs is
abandoned after CALL_DEADLINE_S, and a publish abandoned before its commit is rolled back when the database
wakes up, never committed behind the editor's back.
"""
from __future__ import annotations

import hashlib
import io
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import (
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from i18n import N_
from paths import DATA_DIR
from publish.config import DEFAULT_SQLITE, database_url  # noqa: F401 (database_url re-exported)
from publish.deadline import Conflict, NotAnswering, within

CONNECT_TIMEOUT_S = 3
STATEMENT_TIMEOUT_S = 5  # server side: a query the server runs but cannot finish
CALL_DEADLINE_S = 6  # client side: the whole call, whatever the server does (it may be stopped, not slow)

metadata = MetaData()
versions = Table(
    "dataset_versions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(64), nullable=False),
    Column("number", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("editor", String(200), nullable=False),
    Column("message", Text, nullable=False),
    Column("kind", String(16), nullable=False),  # publish | rollback
    Column("restores", Integer, nullable=True),  # for a rollback: the version it brings back
    Column("rows", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("csv", Text, nullable=False),
    UniqueConstraint("dataset", "number", name="one_number_per_dataset"),
)
# Wrong editor secrets per client (a hash of its address), shared by every replica and kept over restarts.
attempts = Table(
    "editor_attempts", metadata,
    Column("client", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("next_at", Float, nullable=False),  # epoch seconds before which this client may not try again
)


@dataclass(frozen=True)
class Version:
    dataset: str
    number: int
    created_at: datetime | None
    editor: str
    message: str
    kind: str
    restores: int | None
    rows: int
    sha256: str


def bundled_csv(dataset: str) -> str:
    return (DATA_DIR / f"{dataset}.csv").read_text(encoding="utf-8")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _count_rows(text: str) -> int:
    return len(pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False))


class Store:
    def __init__(self, url: str | None = None):
        self.url = url or database_url()
        kw = {}
        if self.url.startswith("sqlite"):
            path = self.url.split("sqlite:///", 1)[1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            kw["connect_args"] = {"timeout": STATEMENT_TIMEOUT_S, "check_same_thread": False}
        elif self.url.startswith("postgresql"):
            ms = STATEMENT_TIMEOUT_S * 1000
            kw["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_S,
                                  "options": f"-c statement_timeout={ms} -c lock_timeout={ms} "
                                             f"-c idle_in_transaction_session_timeout={ms * 2}"}
        # pool_timeout: calls abandoned on a hung server hold their connections; the next ones fail fast
        self.engine = create_engine(self.url, pool_pre_ping=True, pool_timeout=CONNECT_TIMEOUT_S, **kw)
        if self.url.startswith("sqlite"):
            @event.listens_for(self.engine, "connect")
            def _sqlite_pragmas(dbapi_conn, _):  # readers never wait for a writer; a crash cannot corrupt
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=FULL")
                cur.execute(f"PRAGMA busy_timeout={STATEMENT_TIMEOUT_S * 1000}")
                cur.close()
        within(CALL_DEADLINE_S * 2, self._create_tables)

    def _create_tables(self) -> None:
        for attempt in range(5):  # replicas starting together may race to create the tables: the loser retries
            try:
                metadata.create_all(self.engine)
                return
            except DBAPIError:
                if attempt == 4:
                    raise
                time.sleep(0.2 * (attempt + 1))

    @property
    def kind(self) -> str:
        return "PostgreSQL" if self.engine.dialect.name == "postgresql" else "SQLite"

    def add(self, dataset: str, csv_text: str, editor: str, message: str, kind: str = "publish",
            restores: int | None = None, reviewed: int | None = None) -> Version:
        """Store a new version; returns it. `reviewed`: the version the editor compared the change with; if
        another was published since, raises Conflict and writes nothing. Without it, takes the next number.
        Raises NotAnswering after CALL_DEADLINE_S, having made sure the version will not be committed later."""
        return self.add_many({dataset: csv_text}, editor, message, kind, restores,
                             None if reviewed is None else {dataset: reviewed})[0]

    def add_many(self, texts: dict[str, str], editor: str, message: str, kind: str = "publish",
                 restores: int | None = None, reviewed: dict[str, int] | None = None) -> list[Version]:
        """A new version of each dataset in `texts` (dataset -> CSV), all in one transaction: all are published, or
        none (a workbook's sheets are one change). `reviewed`: dataset -> the version the editor compared with."""
        editor, message = editor.strip(), message.strip()
        if not editor or not message:
            raise ValueError("a version needs the editor's name and a message")
        rows = [{"dataset": d, "editor": editor[:200], "message": message, "kind": kind, "restores": restores,
                 "rows": _count_rows(t), "sha256": sha256(t), "csv": t} for d, t in texts.items()]
        guard = _CommitGuard()
        try:
            return within(CALL_DEADLINE_S, self._insert, rows, reviewed, guard)
        except NotAnswering:
            if guard.abandon():
                # TRANSLATORS: completes "The versions database did not answer in time: …"
                raise NotAnswering(N_("no answer in time: nothing was published")) from None
            # TRANSLATORS: completes "The versions database did not answer in time: …"
            raise NotAnswering(N_("no answer in time while the version was being committed: the list of versions "
                                  "will say whether it was recorded")) from None

    def _insert(self, rows: list[dict], reviewed: dict[str, int] | None, guard: _CommitGuard) -> list[Version]:
        for attempt in range(50):
            try:
                out = []
                with self.engine.begin() as c:
                    lasts = {}
                    for row in rows:
                        dataset = row["dataset"]
                        last = c.execute(select(func.max(versions.c.number))
                                         .where(versions.c.dataset == dataset)).scalar()
                        if reviewed is not None and dataset in reviewed and (last or 0) != reviewed[dataset]:
                            raise Conflict(dataset, reviewed[dataset], last or 0)
                        lasts[dataset] = last or 0
                    # the time is read after the numbers: a publish that committed before them has an earlier time,
                    # so version numbers and times agree (read before, a slower publisher could take the next number
                    # with an earlier time)
                    now = datetime.now(UTC)
                    for row in rows:
                        number = lasts[row["dataset"]] + 1
                        c.execute(insert(versions).values(number=number, created_at=now, **row))
                        out.append(Version(row["dataset"], number, now, row["editor"], row["message"], row["kind"],
                                           row["restores"], row["rows"], row["sha256"]))
                    guard.commit_or_fail()  # leaving the block commits
                return out
            except (IntegrityError, OperationalError) as e:
                if isinstance(e, OperationalError) and "locked" not in str(e).lower():
                    raise
                time.sleep(0.01 * (attempt + 1))  # someone else published first: take the next number (or Conflict)
        raise RuntimeError("could not record the version: the database stayed busy")

    def latest(self) -> dict[str, int]:
        """The number of the version in effect for each dataset that has any (others are at version 0)."""
        return within(CALL_DEADLINE_S, self._latest)

    def _latest(self) -> dict[str, int]:
        with self.engine.connect() as c:
            rows = c.execute(select(versions.c.dataset, func.max(versions.c.number)).group_by(versions.c.dataset))
            return {d: n for d, n in rows}

    def history(self, dataset: str) -> list[Version]:
        return within(CALL_DEADLINE_S, self._history, dataset)

    def _history(self, dataset: str) -> list[Version]:
        cols = [versions.c[k] for k in ("dataset", "number", "created_at", "editor", "message", "kind", "restores",
                                        "rows", "sha256")]
        with self.engine.connect() as c:
            rows = c.execute(select(*cols).where(versions.c.dataset == dataset).order_by(versions.c.number.desc()))
            return [Version(*r) for r in rows]

    def csv(self, dataset: str, number: int) -> str:
        return within(CALL_DEADLINE_S, self._csv, dataset, number)

    def _csv(self, dataset: str, number: int) -> str:
        with self.engine.connect() as c:
            text = c.execute(select(versions.c.csv).where(versions.c.dataset == dataset,
                                                          versions.c.number == number)).scalar()
        if text is None:
            raise KeyError(f"{dataset} has no version {number}")
        return text

    def csv_of(self, dataset: str, number: int) -> str:
        """The CSV of any version, 0 being the bundled file."""
        return bundled_csv(dataset) if number == 0 else self.csv(dataset, number)

    def rollback(self, dataset: str, to: int, editor: str, message: str, reviewed: int | None = None) -> Version:
        """Bring back version `to` as a new version (history is never rewritten)."""
        return self.add(dataset, self.csv_of(dataset, to), editor, message, kind="rollback", restores=to,
                        reviewed=reviewed)

    # ------------------------------------------------------------------ the editor secret's attempts
    def claim_attempt(self, client: str, now: float, hold: float) -> float:
        """Reserve this client's next try at the secret: 0.0 if it may try now (no other try of its own can
        start for `hold` seconds, so its guesses go one at a time), else the seconds it must still wait."""
        return within(CALL_DEADLINE_S, self._claim, client, now, hold)

    def _claim(self, client: str, now: float, hold: float) -> float:
        for _ in range(5):
            with self.engine.begin() as c:
                next_at = c.execute(select(attempts.c.next_at).where(attempts.c.client == client)).scalar()
                if next_at is not None:
                    if next_at > now:
                        return next_at - now
                    # only if nobody claimed it meanwhile: this compare-and-set makes the tries one at a time
                    if c.execute(update(attempts).where(attempts.c.client == client, attempts.c.next_at == next_at)
                                 .values(next_at=now + hold)).rowcount:
                        return 0.0
                    continue
            try:
                with self.engine.begin() as c:
                    c.execute(insert(attempts).values(client=client, failures=0, next_at=now + hold))
                return 0.0
            except IntegrityError:
                continue  # another session or replica inserted it first: read it again
        return hold

    def record_attempt(self, client: str, ok: bool, now: float, delay_for) -> int:
        """After a try: a right secret clears the client's record; a wrong one counts and sets its next try
        `delay_for(failures)` seconds later. Returns the failures in a row."""
        return within(CALL_DEADLINE_S, self._record, client, ok, now, delay_for)

    def _record(self, client: str, ok: bool, now: float, delay_for) -> int:
        with self.engine.begin() as c:
            failures = c.execute(select(attempts.c.failures).where(attempts.c.client == client)).scalar() or 0
            failures = 0 if ok else failures + 1
            c.execute(update(attempts).where(attempts.c.client == client)
                      .values(failures=failures, next_at=now + delay_for(failures) if failures else 0.0))
        return failures

    def dispose(self) -> None:
        self.engine.dispose()


class _CommitGuard:
    """Settles the race between a publish reaching its commit and the caller giving up on it."""

    def __init__(self):
        self._lock = threading.Lock()
        self._abandoned = self._committing = False

    def commit_or_fail(self) -> None:
        with self._lock:
            if self._abandoned:
                raise NotAnswering(N_("abandoned by the caller: rolled back"))
            self._committing = True

    def abandon(self) -> bool:
        """True if the publish is sure not to be committed."""
        with self._lock:
            self._abandoned = not self._committing
            return self._abandoned
