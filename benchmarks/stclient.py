"""A light Streamlit client: speaks the app's own websocket protocol (the protobuf messages shipped in the
streamlit package), so dozens of sessions can load a server without dozens of browsers on the same 2 cores.

It sends what the browser sends (BackMsg.rerun_script with the query string, page and widget states) and
reads ForwardMsgs until the run finishes, noting bytes, elements, exceptions and the keyed widgets' ids
(so a later run can move a widget, e.g. the map's date). Loopback only.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class Run:
    seconds: float
    bytes: int
    elements: int
    exceptions: list[str]
    finished: str
    kinds: set[str] = field(default_factory=set)  # the element types drawn (plotly_chart, markdown, …)
    texts: list[str] = field(default_factory=list)  # what the page's markdown and alerts say


@dataclass
class Session:
    base: str  # http://127.0.0.1:PORT
    ws: object = None
    pages: dict[str, str] = field(default_factory=dict)  # url path -> page_script_hash
    widgets: dict[str, str] = field(default_factory=dict)  # user key -> widget id
    kinds: dict[str, str] = field(default_factory=dict)  # user key -> element type (slider, selectbox, ...)
    page_hash: str = ""
    session_id: str = ""  # the server's id of this session (an upload names it)

    async def connect(self) -> None:
        host = self.base.split("://", 1)[1]
        self.ws = await websockets.connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"],
                                           origin=self.base, max_size=None, open_timeout=30, ping_interval=None)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    def _note_session(self, fm: ForwardMsg) -> None:
        """The session's id and the app's pages, from the messages that carry them."""
        if fm.WhichOneof("type") == "new_session":
            self.session_id = fm.new_session.initialize.session_id or self.session_id
        else:
            self.pages = {p.url_pathname: p.page_script_hash for p in fm.navigation.app_pages}
            self.page_hash = fm.navigation.page_script_hash or self.page_hash

    def _set_widget(self, w, key: str, value: object) -> None:
        w.id = self.widgets[key]
        kind = self.kinds.get(key)
        # each widget's value travels in the field its element uses (streamlit/elements/widgets/*.py)
        if kind in ("checkbox", "toggle") or isinstance(value, bool):
            w.bool_value = bool(value)
        elif kind == "slider":
            w.double_array_value.data.append(float(value))
        elif kind in ("date_input", "multiselect", "button_group"):
            w.string_array_value.data.extend(value if isinstance(value, list) else [str(value)])
        elif kind == "number_input":
            w.double_value = float(value)
        else:  # selectbox, radio, text_input: the option as shown
            w.string_value = str(value)

    async def run(self, page: str | None = None, query: str = "", widgets: dict[str, object] | None = None,
                  timeout: float = 120) -> Run:
        """Rerun the script (on `page`, a url path like "domino", "" for the default), with widget values
        by user key (str, bool, float, int, or a date as "YYYY-MM-DD" for a date_input)."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = query
        if page is not None:
            self.page_hash = self.pages.get(page, "")
            cs.page_name = page
        cs.page_script_hash = self.page_hash
        for key, value in (widgets or {}).items():
            self._set_widget(cs.widget_states.widgets.add(), key, value)
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        total, elements, exceptions, drawn, texts = 0, 0, [], set(), []
        deadline = t0 + timeout
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=max(0.1, deadline - time.perf_counter()))
            total += len(raw)
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            kind = fm.WhichOneof("type")
            if kind in ("new_session", "navigation"):
                self._note_session(fm)
            elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                elements += 1
                el = fm.delta.new_element
                what = el.WhichOneof("type")
                drawn.add(what)
                if what == "exception":
                    exceptions.append(f"{el.exception.type}: {el.exception.message}")
                elif what in ("markdown", "alert"):
                    texts.append(getattr(el, what).body)
                elif what:
                    wid = getattr(getattr(el, what), "id", "")
                    if isinstance(wid, str) and wid.startswith("$$ID-"):
                        key = wid.split("-", 2)[-1]  # $$ID-<hash>-<user key>; keys may hold "-"
                        self.widgets[key] = wid
                        self.kinds[key] = "toggle" if what == "checkbox" else what
            elif kind == "script_finished":
                name = ForwardMsg.ScriptFinishedStatus.Name(fm.script_finished)
                if name == "FINISHED_EARLY_FOR_RERUN":
                    continue  # a rerun follows (e.g. the script called st.rerun)
                return Run(time.perf_counter() - t0, total, elements, exceptions, name, drawn, texts)


async def probe(base: str, page: str = "", query: str = "", timeout: float = 60) -> str | None:
    """None when `page` runs to the end through `base` with a chart drawn and no exception; else what went wrong."""
    s = Session(base)
    try:
        await asyncio.wait_for(s.connect(), timeout)
        r = await s.run(page=page, query=query, timeout=timeout)
    except (OSError, TimeoutError, websockets.WebSocketException) as e:
        return f"{type(e).__name__}: {e}"
    finally:
        await s.close()
    if r.finished != "FINISHED_SUCCESSFULLY" or r.exceptions or "plotly_chart" not in r.kinds:
        return f"run {r.finished}, exceptions {r.exceptions}, drew {sorted(r.kinds)}"
    return None


def main(argv: list[str] | None = None) -> int:
    """`python -m benchmarks.stclient URL [PAGE]`: exit 0 once the page (the map by default) is drawn through URL."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    problem = asyncio.run(probe(args[0], args[1] if len(args) > 1 else ""))
    print(problem or "drawn")
    return 1 if problem else 0


if __name__ == "__main__":
    raise SystemExit(main())
