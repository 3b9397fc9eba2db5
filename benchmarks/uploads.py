"""Oversize uploads against the real server: does Streamlit refuse them before they are in memory?

Starts `serve.py` (benchmarks.harness.Server), opens one session (the light client) so an upload has a session to
name, then sends concurrent uploads far over `server.maxUploadSize` to Streamlit's upload route
(PUT /_stcore/upload_file/<session id>/<file id>, multipart, with the XSRF cookie and header the browser sends).
Half declare their Content-Length (refused from the header), half are chunked (no length: refused while the body
streams in). The bodies are generated as they are sent, so the client holds one chunk, not the files.
It prints the server's resident memory (the process and any children) idle, at its peak during the uploads,
right after and after a settle time, and the ratio to idle.

    python -m benchmarks.uploads [--uploads 4] [--size-mb 190] [--settle 10] [--max-upload-mb 200]
"""
from __future__ import annotations

import argparse
import asyncio
import http.client
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.harness import Server, rss_mb
from benchmarks.stclient import Session

CHUNK = b"x" * (1024 * 1024)
XSRF_COOKIE = "_streamlit_xsrf"


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants (a wrapper's children count too), in MB."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += rss_mb(p)
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue  # ended meanwhile
    return total


def xsrf_token(base: str) -> str:
    """The XSRF cookie the server sets on its health check; an upload sends it back as cookie and header."""
    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=10) as r:
        for value in r.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            if name.strip() == XSRF_COOKIE:
                return rest.split(";", 1)[0]
    return ""


def multipart(size_mb: int, boundary: str):
    """A multipart body of one file of size_mb MB, generated as it is sent."""
    yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
           "Content-Type: text/csv\r\n\r\n").encode()
    for _ in range(size_mb):
        yield CHUNK
    yield f"\r\n--{boundary}--\r\n".encode()


def upload(port: int, session_id: str, token: str, size_mb: int, chunked: bool) -> str:
    """One oversize PUT; its HTTP status, or how the connection ended when the server closed it first."""
    boundary = uuid.uuid4().hex
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}",
               "X-Xsrftoken": token, "Cookie": f"{XSRF_COOKIE}={token}", "Origin": f"http://127.0.0.1:{port}"}
    if not chunked:
        head = len(next(multipart(0, boundary)))
        headers["Content-Length"] = str(head + size_mb * len(CHUNK) + len(f"\r\n--{boundary}--\r\n"))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("PUT", f"/_stcore/upload_file/{session_id}/{uuid.uuid4().hex}", body=multipart(size_mb, boundary),
                     headers=headers, encode_chunked=chunked)
        return str(conn.getresponse().status)
    except (BrokenPipeError, ConnectionResetError) as e:
        try:  # the server may have answered before it closed the connection
            return str(conn.getresponse().status)
        except (OSError, http.client.HTTPException):
            return f"connection closed ({type(e).__name__})"
    finally:
        conn.close()


@dataclass
class Result:
    idle: float
    peak: float
    after: float
    settled: float
    statuses: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ratio(self) -> float:
        return self.settled / self.idle

    def refused(self) -> bool:
        """Every upload was refused: a 4xx status, or the connection closed by the server."""
        return all(s.startswith("4") or s.startswith("connection closed") for s in self.statuses)


def measure(server: Server, uploads: int = 4, size_mb: int = 190, settle: float = 10.0) -> Result:
    pid = server.proc.pid

    async def open_session() -> Session:
        s = Session(server.url)
        await s.connect()
        await s.run()  # a drawn page: the session is active, and the server is warm
        return s

    # the session's loop runs in its own thread: a caller may have a loop running already (Playwright's, in pytest)
    loop = asyncio.new_event_loop()
    runner = threading.Thread(target=loop.run_forever, name="upload-session", daemon=True)
    runner.start()
    try:
        session = asyncio.run_coroutine_threadsafe(open_session(), loop).result(120)
        time.sleep(1)
        idle = tree_rss_mb(pid)
        token = xsrf_token(server.url)
        statuses: list[str] = [""] * uploads
        peak = idle
        done = threading.Event()

        def sample():
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss_mb(pid))
                time.sleep(0.02)

        def send(i: int):
            statuses[i] = upload(server.port, session.session_id, token, size_mb, chunked=i % 2 == 1)

        sampler = threading.Thread(target=sample)
        sampler.start()
        t0 = time.perf_counter()
        senders = [threading.Thread(target=send, args=(i,)) for i in range(uploads)]
        for t in senders:
            t.start()
        for t in senders:
            t.join()
        seconds = time.perf_counter() - t0
        done.set()
        sampler.join()
        after = tree_rss_mb(pid)
        time.sleep(settle)
        settled = tree_rss_mb(pid)
        asyncio.run_coroutine_threadsafe(session.close(), loop).result(30)
    finally:
        loop.call_soon_threadsafe(loop.stop)
        runner.join(10)
        loop.close()
    return Result(idle, max(peak, after), after, settled, statuses, seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.uploads", description=__doc__.split("\n\n")[0])
    parser.add_argument("--uploads", type=int, default=4, help="concurrent uploads (default 4)")
    parser.add_argument("--size-mb", type=int, default=190, help="size of each upload in MB (default 190)")
    parser.add_argument("--settle", type=float, default=10.0, help="seconds to wait before the last reading")
    parser.add_argument("--max-upload-mb", type=int, help="override server.maxUploadSize (e.g. Streamlit's default "
                                                           "200, to see what the project's limit saves)")
    args = parser.parse_args(argv)
    flags = ["--server.maxUploadSize", str(args.max_upload_mb)] if args.max_upload_mb else []
    with Server("serve.py", flags=flags) as server:
        r = measure(server, args.uploads, args.size_mb, args.settle)
    print(f"{args.uploads} concurrent uploads of {args.size_mb} MB (half chunked), {r.seconds:.2f} s: "
          f"{', '.join(r.statuses)}")
    print(f"server RSS idle {r.idle:.0f} MB; peak {r.peak:.0f} MB; right after {r.after:.0f} MB; "
          f"after {args.settle:g} s {r.settled:.0f} MB; after/idle {r.ratio:.3f}")
    return 0 if r.refused() else 1


if __name__ == "__main__":
    raise SystemExit(main())
