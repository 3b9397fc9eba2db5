"""The house rules, as tests: ruff is clean, the layer contracts hold (import-linter, see pyproject.toml), the
project root is named only in paths.py, nothing edits the import path, and app modules stay small."""
import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

from paths import ROOT

SKIP_DIRS = {".venv", ".git", "build", "node_modules", "var", "screenshots", "__pycache__", ".hypothesis",
             ".pytest_cache", ".ruff_cache", ".import_linter_cache"}
TOOL_DIRS = {"tests", "scripts", "benchmarks"}  # not the app: no size limit
MAX_APP_MODULE_LINES = 400

# The root computed from a module's own location, or the import path edited by hand.
RECOMPUTES_ROOT = re.compile(r"__file__\)?\.resolve\(\)|__file__\)\.parents?\b(?!\s*/)|dirname\(os\.path\.dirname\(")
EDITS_IMPORT_PATH = re.compile(r"\bsys\.path\.(insert|append|extend)\(|\bsys\.path\s*(\+?=)")


def python_files() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if not SKIP_DIRS & set(p.relative_to(ROOT).parts[:-1]))


def name(p: Path) -> str:
    return p.relative_to(ROOT).as_posix()


def run(command: list[str], timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def test_ruff_is_clean():
    proc = run([sys.executable, "-m", "ruff", "check", ".", "--output-format", "concise", "--no-cache"])
    out = proc.stdout + proc.stderr
    if proc.returncode != 0:
        print(out)
    assert proc.returncode == 0, out  # 1: findings; 2: ruff itself failed (config, crash)


def test_import_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    command = str(lint_imports) if lint_imports.exists() else shutil.which("lint-imports")
    assert command, "lint-imports not found: install requirements-dev.txt"
    proc = run([command, "--no-cache"])
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_root_is_named_only_in_paths_py():
    offenders = {name(p) for p in python_files()
                 if name(p) != "paths.py" and RECOMPUTES_ROOT.search(p.read_text(encoding="utf-8"))}
    assert offenders == set(), "the project root recomputed (use paths.py)"


def test_nothing_edits_the_import_path():
    """Tests get the root from pytest's pythonpath; tools run as modules (python -m benchmarks.bench)."""
    offenders = [name(p) for p in python_files() if EDITS_IMPORT_PATH.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_paths_py_imports_only_the_standard_library():
    """paths.py is below every layer (import-linter sees it only as an outside module, so it is checked here)."""
    tree = ast.parse((ROOT / "paths.py").read_text(encoding="utf-8"))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert imported <= set(sys.stdlib_module_names), imported - set(sys.stdlib_module_names)


def test_the_rules_catch_what_they_are_for():
    here, path = "Path(__" + "file__)", "sys" + ".path"  # spelt apart, so this file does not match itself
    assert RECOMPUTES_ROOT.search(f"ROOT = {here}.resolve().parents[1]")
    assert RECOMPUTES_ROOT.search(f'STATIC = {here}.parent.parent / "static"')
    assert not RECOMPUTES_ROOT.search(f'CORPUS = {here}.parent / "fixtures"')  # a test's own folder
    assert EDITS_IMPORT_PATH.search(f"{path}.insert(0, str(ROOT))")
    assert not EDITS_IMPORT_PATH.search(f"print({path})")


def test_app_modules_stay_small():
    sizes = {name(p): len(p.read_text(encoding="utf-8").splitlines()) for p in python_files()
             if p.relative_to(ROOT).parts[0] not in TOOL_DIRS}
    assert {n: s for n, s in sizes.items() if s > MAX_APP_MODULE_LINES} == {}
