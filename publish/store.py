"""Immutable versions of each dataset, in SQLite (default) or PostgreSQL (several app replicas share it).

Version 0 of every dataset is the bundled CSV in data/, which is never written. Each publish or rollback
adds one row holding the whole canonical CSV, its checksum, row count, editor, message and time; nothing
is ever updated or deleted. The data everyone sees is the highest version of each dataset.

A publish is one INSERT in one transaction: a process killed before the commit leaves no trace, and the
previous version stays served. Two publishes at the same moment get consecutive numbers (a unique
(dataset, number) pair; the loser of a race retries).
"""
from __future__ import annotations

import hashlib
import io
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import (
    Column,
    DateTime,
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
)
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from paths import DATA_DIR
from publish.config import DEFAULT_SQLITE, database_url  # noqa: F401 (database_url re-exported)

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
            kw["connect_args"] = {"timeout": 30, "check_same_thread": False}
        elif self.url.startswith("postgresql"):
            kw["connect_args"] = {"connect_timeout": 5}  # a database that is down must not hang every page
        self.engine = create_engine(self.url, pool_pre_ping=True, **kw)
        if self.url.startswith("sqlite"):
            @event.listens_for(self.engine, "connect")
            def _sqlite_pragmas(dbapi_conn, _):  # readers never wait for a writer; a crash cannot corrupt
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=FULL")
                cur.execute("PRAGMA busy_timeout=30000")
                cur.close()
        for attempt in range(5):  # replicas starting together may race to create the table: the loser retries
            try:
                metadata.create_all(self.engine)
                break
            except DBAPIError:
                if attempt == 4:
                    raise
                time.sleep(0.2 * (attempt + 1))

    @property
    def kind(self) -> str:
        return "PostgreSQL" if self.engine.dialect.name == "postgresql" else "SQLite"

    def add(self, dataset: str, csv_text: str, editor: str, message: str, kind: str = "publish",
            restores: int | None = None) -> Version:
        """Store a new version; returns it. Retries when another publish took the same number."""
        editor, message = editor.strip(), message.strip()
        if not editor or not message:
            raise ValueError("a version needs the editor's name and a message")
        row = {"dataset": dataset, "editor": editor[:200], "message": message, "kind": kind, "restores": restores,
               "rows": _count_rows(csv_text), "sha256": sha256(csv_text), "csv": csv_text}
        for attempt in range(50):
            try:
                with self.engine.begin() as c:
                    last = c.execute(select(func.max(versions.c.number)).where(versions.c.dataset == dataset)).scalar()
                    number = (last or 0) + 1
                    now = datetime.now(UTC)
                    c.execute(insert(versions).values(number=number, created_at=now, **row))
                return Version(dataset, number, now, row["editor"], message, kind, restores, row["rows"], row["sha256"])
            except (IntegrityError, OperationalError) as e:
                if isinstance(e, OperationalError) and "locked" not in str(e).lower():
                    raise
                time.sleep(0.01 * (attempt + 1))  # someone else published first: take the next number
        raise RuntimeError("could not record the version: the database stayed busy")

    def latest(self) -> dict[str, int]:
        """The number of the version in effect for each dataset that has any (others are at version 0)."""
        with self.engine.connect() as c:
            rows = c.execute(select(versions.c.dataset, func.max(versions.c.number)).group_by(versions.c.dataset))
            return {d: n for d, n in rows}

    def history(self, dataset: str) -> list[Version]:
        cols = [versions.c[k] for k in ("dataset", "number", "created_at", "editor", "message", "kind", "restores",
                                        "rows", "sha256")]
        with self.engine.connect() as c:
            rows = c.execute(select(*cols).where(versions.c.dataset == dataset).order_by(versions.c.number.desc()))
            return [Version(*r) for r in rows]

    def csv(self, dataset: str, number: int) -> str:
        with self.engine.connect() as c:
            text = c.execute(select(versions.c.csv).where(versions.c.dataset == dataset,
                                                          versions.c.number == number)).scalar()
        if text is None:
            raise KeyError(f"{dataset} has no version {number}")
        return text

    def csv_of(self, dataset: str, number: int) -> str:
        """The CSV of any version, 0 being the bundled file."""
        return bundled_csv(dataset) if number == 0 else self.csv(dataset, number)

    def rollback(self, dataset: str, to: int, editor: str, message: str) -> Version:
        """Bring back version `to` as a new version (history is never rewritten)."""
        return self.add(dataset, self.csv_of(dataset, to), editor, message, kind="rollback", restores=to)

    def dispose(self) -> None:
        self.engine.dispose()
