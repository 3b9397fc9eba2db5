import os
import tempfile
from pathlib import Path

import pytest

# The app's published versions go to a throwaway database during tests (servers started by tests inherit it);
# a test that publishes makes its own.
os.environ["MBT_VERSIONS_DB"] = str(Path(tempfile.mkdtemp(prefix="mbt-tests-")) / "versions.sqlite3")
os.environ.pop("MBT_DATABASE_URL", None)
os.environ.pop("MBT_EDITOR_SECRET", None)

import loaders  # noqa: E402 - after the environment is set
from treaty.status import timelines  # noqa: E402


@pytest.fixture(scope="session")
def membership():
    return loaders.load_membership()


@pytest.fixture(scope="session")
def withdrawals():
    return loaders.load_withdrawals()


@pytest.fixture(scope="session")
def tl(membership, withdrawals):
    return timelines(membership, withdrawals)
