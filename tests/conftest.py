import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import loaders  # noqa: E402
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
