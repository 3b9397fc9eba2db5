"""Who may publish: an editor secret set by the operator, compared in constant time; wrong guesses slow down
the client that makes them, and only that client.

The record of wrong guesses lives in the versions database (publish.store: `claim_attempt`, `record_attempt`),
so it is shared by every replica and survives restarts. A client's guesses go one at a time: while one is being
checked, or while its wait after a wrong one runs, the next is refused at once with the seconds left. Nobody
sleeps on the server, so many parallel guesses hold no thread, and an editor who knows the secret, from
anywhere else, is never the one kept waiting.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import time
from dataclasses import dataclass

SECRET_ENV = "MBT_EDITOR_SECRET"
SECRET_KEY = "editor_secret"  # the same, in .streamlit/secrets.toml
MAX_DELAY_S = 600.0
HOLD_S = 3.0  # how long a try in progress keeps the client's next one out (checking takes milliseconds)


def configured_secret(secrets: dict | None = None, env: dict | None = None) -> str | None:
    """The editor secret from the environment or Streamlit's secrets; None when the operator set none
    (there is no default: publishing is then off)."""
    env = os.environ if env is None else env
    value = env.get(SECRET_ENV) or (secrets or {}).get(SECRET_KEY)
    return value if value and str(value).strip() else None


def delay_after(failures: int) -> float:
    """Seconds a client waits before its next try, after `failures` wrong secrets in a row: 0, 0.5, 1, 2, 4 …
    up to ten minutes.

    >>> [delay_after(n) for n in range(0, 5)], delay_after(30)
    ([0.0, 0.5, 1.0, 2.0, 4.0], 600.0)
    """
    return 0.0 if failures <= 0 else min(MAX_DELAY_S, 0.5 * 2 ** min(failures - 1, 30))


def client_key(peer: str | None, forwarded_for: str | None = None) -> str:
    """Who a guess comes from, as a hash (no address is stored). `peer` is the connection's address, None when
    it is this machine; then a proxy here (nginx in front of the replicas) may say whose request it passes on:
    the last X-Forwarded-For entry is the one the proxy added itself, so a client cannot choose it.

    >>> client_key("198.51.100.7") == client_key(None, "10.0.0.1, 198.51.100.7") != client_key(None)
    True
    """
    if peer is None and forwarded_for:
        peer = forwarded_for.split(",")[-1].strip() or None
    return hashlib.sha256(f"client:{peer or 'this machine'}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Verdict:
    ok: bool
    wait: float = 0.0  # > 0: not checked; the client may try again in this many seconds
    failures: int = 0  # wrong secrets in a row from this client, this one included


class Gate:
    """The editor secret's check. `attempts` keeps each client's record (publish.store.Store has the methods)."""

    def __init__(self, secret: str | None, clock=time.time):
        self._digest = hashlib.sha256(secret.encode("utf-8")).digest() if secret else None
        self._clock = clock

    @property
    def enabled(self) -> bool:
        return self._digest is not None

    def check(self, given: str | None, client: str, attempts) -> Verdict:
        if not self.enabled:
            return Verdict(False)
        wait = attempts.claim_attempt(client, self._clock(), HOLD_S)
        if wait > 0:
            return Verdict(False, wait=wait)
        # compare digests: constant time whatever the lengths
        ok = hmac.compare_digest(hashlib.sha256((given or "").encode("utf-8")).digest(), self._digest)
        failures = attempts.record_attempt(client, ok, self._clock(), delay_after)
        return Verdict(ok, failures=failures)
