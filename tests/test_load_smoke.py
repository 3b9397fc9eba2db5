"""A short run of the load test (python -m benchmarks.load --smoke), so it cannot rot: no timing is asserted
(machines are noisy), only that every session's every step finished without an error."""
import subprocess
import sys

import pytest

from paths import ROOT

pytestmark = pytest.mark.slow


def test_load_test_smoke_run_has_no_errors():
    proc = subprocess.run([sys.executable, "-m", "benchmarks.load", "--smoke"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "4 concurrent sessions for 10 s" in out and out.count("errors: 0") == 2  # concurrent, then in turn
    for step in ("open map", "move date", "switch page"):
        assert step in out, out
