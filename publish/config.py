"""Where the versions live (no database library imported here: the pages read this on every run)."""
from __future__ import annotations

import os
from pathlib import Path

from paths import VAR_DIR

DEFAULT_SQLITE = VAR_DIR / "versions.sqlite3"


def database_url(env: dict | None = None) -> str:
    """MBT_DATABASE_URL (PostgreSQL) if set, else a SQLite file at MBT_VERSIONS_DB (default var/versions.sqlite3)."""
    env = os.environ if env is None else env
    url = env.get("MBT_DATABASE_URL", "").strip()
    if url:
        # the driver installed is psycopg 3; plain postgresql:// would ask SQLAlchemy for psycopg2
        return "postgresql+psycopg://" + url.split("://", 1)[1] if url.startswith(("postgresql://", "postgres://")) else url
    return f"sqlite:///{Path(env.get('MBT_VERSIONS_DB') or DEFAULT_SQLITE)}"


def nothing_published(url: str) -> bool:
    """True for a SQLite file that does not exist yet: no version was ever published there."""
    return url.startswith("sqlite:///") and not Path(url.split("sqlite:///", 1)[1]).exists()
