"""Benchmarks and the dev harness; run them as modules from the project root (python -m benchmarks.bench)."""
