"""The two command-line entry points, run as an analyst would."""
import subprocess
import sys

import pytest

from paths import ROOT


def run(*args):
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("on, count", [("2025-12-01", 166), ("2026-02-20", 161), ("2013-12-31", 161)])
def test_treaty_parties(on, count):
    r = run("treaty", "parties", "--on", on)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.split()
    assert int(lines[0]) == count and len(lines) == count + 1
    assert lines[1:] == sorted(lines[1:]) and all(len(c) == 3 and c.isupper() for c in lines[1:])
    assert ("POL" in lines) == (on != "2026-02-20")  # party from 2013-06-01 until 2026-02-20


def test_treaty_parties_bad_date_is_a_sentence():
    r = run("treaty", "parties", "--on", "2026-02-30")
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr and "Traceback" not in r.stderr


def test_validate_bundled_file_exits_0():
    r = run("loaders", "validate", "data/membership.csv", "--dataset", "membership")
    assert r.returncode == 0 and "197 rows" in r.stdout


def test_validate_broken_file_lists_problems(tmp_path):
    bad = tmp_path / "casualties.csv"
    src = (ROOT / "data" / "casualties_global.csv").read_text(encoding="utf-8").splitlines()
    src[-1] = src[-1].replace("6279", "6279x", 1)
    bad.write_text("\n".join(src) + "\n2025,,,,,,,,,,\n", encoding="utf-8")
    r = run("loaders", "validate", str(bad), "--dataset", "casualties_global")
    assert r.returncode == 1 and "Traceback" not in r.stdout + r.stderr
    lines = r.stdout.strip().splitlines()
    assert any("row 27" in line and "total" in line and "6279x" in line for line in lines), lines
    assert any("row 28" in line and "must say why" in line for line in lines), lines


@pytest.mark.parametrize("content", [b"\x00\x01\x02\xff" * 100, b"", b'"unterminated\n'])
def test_validate_never_prints_a_traceback(tmp_path, content):
    f = tmp_path / "x.csv"
    f.write_bytes(content)
    r = run("loaders", "validate", str(f), "--dataset", "withdrawals")
    assert r.returncode == 1 and "Traceback" not in r.stdout + r.stderr and r.stdout.strip()


def test_validate_refuses_a_header_without_rows(tmp_path):
    """The CLI is the upload path: a file with no data rows would replace a dataset with nothing."""
    f = tmp_path / "withdrawals.csv"
    f.write_text((ROOT / "data" / "withdrawals.csv").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    r = run("loaders", "validate", str(f), "--dataset", "withdrawals")
    assert r.returncode == 1 and "the file has a header but no data rows" in r.stdout, r.stdout + r.stderr
