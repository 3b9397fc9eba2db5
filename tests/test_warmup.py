"""The server's start-up work (warmup.py, run by serve.py): it fills the caches the pages read, and a failure in
it never stops the server."""
import logging

import ui
import warmup
from loaders.geometry import REGIONS


def test_the_landing_map_is_built_once_at_start_and_found_by_the_page(monkeypatch):
    built = []
    status_map = ui.cached.status_map
    monkeypatch.setattr(ui.cached, "status_map", lambda *a, **k: built.append(a[2:4]) or status_map(*a, **k))
    ui.map_figure.clear()
    warmup.prepare()
    today, region = ui.today(), REGIONS[0]
    assert built == [(today, region)]
    ui.map_figure(today, region)  # what the map page asks for on its first run
    assert built == [(today, region)]  # found ready, not built again


def test_a_failure_is_logged_and_the_server_starts_anyway(monkeypatch, caplog):
    def broken(dataset):
        raise ValueError(f"{dataset}: unreadable")

    monkeypatch.setattr(ui, "frame", broken)
    with caplog.at_level(logging.WARNING, logger="warmup"):
        seconds = warmup.prepare()
    assert seconds >= 0
    assert "warm-up stopped early" in caplog.text and "unreadable" in caplog.text
