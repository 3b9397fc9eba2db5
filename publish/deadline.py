"""A time limit on every call to the versions database, whatever the driver does.

A server that is stopped (SIGSTOP, a frozen VM) still accepts TCP data, so neither the driver's connect
timeout nor PostgreSQL's statement_timeout ever fires: the call waits forever. Each call therefore runs in a
daemon thread and is abandoned after its deadline; the thread finishes (or dies) on its own when the server
comes back, and nothing waits for it.
"""
from __future__ import annotations

import threading

from i18n import N_


class NotAnswering(TimeoutError):
    """The database did not answer within the deadline (the call may still finish later).

    `message` is a clause marked for the catalogue (N_), with {placeholders} filled from `values`: str() is the
    English (for the server log), `translated(_)` the clause in the visitor's language (for the page).

    >>> e = NotAnswering("no answer within {seconds} s", seconds="6")
    >>> str(e), e.translated({"no answer within {seconds} s": "pas de réponse en {seconds} s"}.get)
    ('no answer within 6 s', 'pas de réponse en 6 s')
    """

    def __init__(self, message: str = "", **values):
        super().__init__(message.format(**values) if values else message)
        self.message, self.values = message, values

    def translated(self, translate) -> str:
        text = translate(self.message)
        return text.format(**self.values) if self.values else text


class Unreachable(RuntimeError):
    """The database refused or failed the call; the driver's text is in `__cause__` (for the server log only)."""


def within(seconds: float, fn, *args):
    """fn(*args), or NotAnswering after `seconds`; any error fn raises is raised here as Unreachable.

    >>> within(1, sum, [1, 2])
    3
    >>> import time; within(0.05, time.sleep, 5)
    Traceback (most recent call last):
    ...
    publish.deadline.NotAnswering: no answer within 0.05 s
    """
    box: dict = {}

    def run():
        try:
            box["value"] = fn(*args)
        except BaseException as e:  # noqa: BLE001 - handed to the caller below
            box["error"] = e

    t = threading.Thread(target=run, name="versions-db-call", daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        # TRANSLATORS: completes "The versions database did not answer in time: …"; {seconds} is a number
        raise NotAnswering(N_("no answer within {seconds} s"), seconds=f"{seconds:g}")
    if "error" in box:
        e = box["error"]
        if isinstance(e, (NotAnswering, Unreachable, Conflict, KeyError, ValueError)):
            raise e
        if "timeout" in str(e).lower() or "timed out" in str(e).lower():  # connecting or a statement ran out of time
            # TRANSLATORS: completes "The versions database did not answer in time: …"; {error} is the name of
            # the driver's error, in English
            raise NotAnswering(N_("no answer within the database's own time limit ({error})"),
                               error=type(e).__name__) from e
        raise Unreachable(f"{type(e).__name__}") from e
    return box.get("value")


class Conflict(RuntimeError):
    """Another version was published after the one the editor reviewed; nothing was written."""

    def __init__(self, dataset: str, reviewed: int, latest: int):
        self.dataset, self.reviewed, self.latest = dataset, reviewed, latest
        super().__init__(f"{dataset}: version {latest} was published after version {reviewed}, which was reviewed")


NOT_ANSWERING, UNREACHABLE = "not answering", "unreachable"


class Health:
    """The versions database as this server last found it, probed one call at a time.

    `read(fn)` runs fn (a read such as Store.latest) and returns (value, None), or (None, NOT_ANSWERING /
    UNREACHABLE). While a probe hangs, later reads do not wait on it again: they get NOT_ANSWERING at once, so
    every page shows the problem within `deadline` seconds and none hangs; the first read after the database
    is back brings it back. What went wrong goes to `log`, never to a page.
    """

    def __init__(self, deadline: float, log=None):
        self.deadline, self._log = deadline, log
        self._lock = threading.Lock()
        self._done: threading.Event | None = None

    def read(self, fn):
        with self._lock:
            if self._done is not None and not self._done.is_set():
                return None, NOT_ANSWERING  # the last probe still waits for the database
            done, box = threading.Event(), {}
            self._done = done

        def run():
            try:
                box["value"] = fn()
            except BaseException as e:  # noqa: BLE001 - reported below
                box["error"] = e
            finally:
                done.set()

        threading.Thread(target=run, name="versions-db-probe", daemon=True).start()
        if not done.wait(self.deadline):
            self._say(f"the versions database did not answer within {self.deadline:g} s")
            return None, NOT_ANSWERING
        if "error" in box:
            e = box["error"]
            self._say(f"the versions database failed: {type(e).__name__}: {e.__cause__ or e}")
            return None, NOT_ANSWERING if isinstance(e, NotAnswering) else UNREACHABLE
        return box["value"], None

    def _say(self, text: str) -> None:
        if self._log is not None:
            self._log(text)
