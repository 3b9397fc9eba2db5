"""Who may publish: an editor secret set by the operator, compared in constant time, slower after each failure."""
from __future__ import annotations

import hashlib
import hmac
import os
import threading
import time

SECRET_ENV = "MBT_EDITOR_SECRET"
SECRET_KEY = "editor_secret"  # the same, in .streamlit/secrets.toml
MAX_DELAY_S = 30.0


def configured_secret(secrets: dict | None = None, env: dict | None = None) -> str | None:
    """The editor secret from the environment or Streamlit's secrets; None when the operator set none
    (there is no default: publishing is then off)."""
    env = os.environ if env is None else env
    value = env.get(SECRET_ENV) or (secrets or {}).get(SECRET_KEY)
    return value if value and str(value).strip() else None


def delay_after(failures: int) -> float:
    """Seconds to wait before answering, after `failures` wrong secrets in a row: 0, 0.5, 1, 2, 4 … up to 30.

    >>> [delay_after(n) for n in range(0, 5)], delay_after(20)
    ([0.0, 0.5, 1.0, 2.0, 4.0], 30.0)
    """
    return 0.0 if failures <= 0 else min(MAX_DELAY_S, 0.5 * 2 ** (failures - 1))


class Gate:
    """One per server: every wrong secret, from any session, makes the next answer slower."""

    def __init__(self, secret: str | None, sleep=time.sleep):
        self._digest = hashlib.sha256(secret.encode("utf-8")).digest() if secret else None
        self._failures = 0
        self._lock = threading.Lock()
        self._sleep = sleep

    @property
    def enabled(self) -> bool:
        return self._digest is not None

    @property
    def failures(self) -> int:
        return self._failures

    def check(self, given: str | None) -> bool:
        if not self.enabled:
            return False
        with self._lock:
            wait = delay_after(self._failures)
        self._sleep(wait)
        # compare digests: constant time whatever the lengths
        ok = hmac.compare_digest(hashlib.sha256((given or "").encode("utf-8")).digest(), self._digest)
        with self._lock:
            self._failures = 0 if ok else self._failures + 1
        return ok
