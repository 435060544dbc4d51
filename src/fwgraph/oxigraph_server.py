"""The ``oxigraph serve-read-only`` processes behind ``fwgraph serve``, and talking to them.

Each :class:`OxigraphProcess` answers one query at a time on a private loopback
port, over one kept-alive connection. A query still running at the gate's
deadline is ended by killing its process (:meth:`OxigraphProcess.restart`).
Oxigraph's own ``--timeout-s`` is not passed: it did not stop every query (an
aggregate over a cartesian product ran on for minutes), and under load it
failed (``benchmarks/bench_serve_cpu.py``: ``oxigraph serve-read-only
--timeout-s 10`` with 4 clients answered 1074 queries/s and failed 59,448
requests in 10 s, refused, dropped or HTTP 500 "Resource temporarily
unavailable"; without it, 3445 queries/s and no error).

The exchange is written here on a socket rather than with :mod:`http.client`:
that module parses every response's headers with the :mod:`email` package,
about a quarter of the gate's CPU (py-spy ``--gil``, 4 clients, a new text on
each request); Oxigraph's answers need four headers read (type, length,
chunked, connection).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from fwgraph.errors import MissingDependencyError, StoreError

__all__ = ["OxigraphProcess", "oxigraph_binary", "serve_directory"]

_LINE = 65537  # longest status, header or chunk-size line read


def oxigraph_binary() -> str:
    """The ``oxigraph`` server command (from ``fwgraph[server]``)."""
    binary = shutil.which("oxigraph")
    if binary is None:
        raise MissingDependencyError("oxigraph", "server", "fwgraph serve")
    return binary


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_directory(triples: Iterator[tuple[Any, Any, Any]], directory: Path) -> Path:
    """Write triples as N-Triples and bulk-load them with ``oxigraph load`` into ``directory``."""
    data = directory / "data.nt"
    with data.open("w", encoding="utf-8") as out:
        for s, p, o in triples:
            out.write(f"{s.n3()} {p.n3()} {o.n3()} .\n")
    store = directory / "store"
    subprocess.run(  # noqa: S603 - our own arguments
        [oxigraph_binary(), "load", "--location", str(store), "--file", str(data)],
        check=True,
        capture_output=True,
    )
    data.unlink()
    return store


class OxigraphProcess:
    """One ``oxigraph serve-read-only`` process answering one query at a time."""

    def __init__(self, store: Path, timeout: float) -> None:
        self.store = store
        self.timeout = timeout
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.conn: socket.socket | None = None
        self.reader: BinaryIO | None = None
        self.start()

    def start(self) -> None:
        """Start the process on a free loopback port and connect to it."""
        self.port = _free_port()
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            [
                oxigraph_binary(),
                "serve-read-only",
                "--location",
                str(self.store),
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                msg = "the oxigraph server did not start (is the store folder in use?)"
                raise StoreError(msg)
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise StoreError("the oxigraph server did not start in 30 s") from None
                time.sleep(0.02)
        self._connect()

    def _connect(self) -> None:
        """A new connection to the process (the old one, if any, closed)."""
        if self.reader is not None:
            self.reader.close()
        if self.conn is not None:
            self.conn.close()
        self.conn = socket.create_connection(("127.0.0.1", self.port), timeout=self.timeout)
        self.conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.reader = self.conn.makefile("rb")

    def exchange(
        self, body: bytes, accept: str, max_result: int, deadline: float
    ) -> tuple[int, str, bytes]:
        """POST a query on the kept-alive connection; ``(status, content type, body)``.

        Raises
        ------
        OverflowError
            When the answer grows over ``max_result`` bytes (read so far).
        TimeoutError
            When no byte comes for the timeout, or the answer is still streaming
            at ``deadline`` (a :func:`time.monotonic` time).
        OSError, ValueError
            When the connection breaks or the answer is not HTTP/1.1.
        """
        if self.conn is None or self.reader is None:
            raise ConnectionResetError("the oxigraph process is stopped")
        self.conn.sendall(
            b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/sparql-query\r\nAccept: %s\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (accept.encode("latin-1"), len(body), body)
        )
        head = _read_head(self.reader)
        parts = _chunks(self.reader) if head.chunked else _sized(self.reader, head.length)
        out: list[bytes] = []
        size = 0
        for part in parts:
            size += len(part)
            if size > max_result:
                raise OverflowError(max_result)
            if time.monotonic() > deadline:
                raise TimeoutError
            out.append(part)
        if head.close:  # the process will not read another request on this connection
            self._connect()
        return head.status, head.ctype, b"".join(out)

    def stop(self) -> None:
        """Close the connection and kill the process (ending whatever query it runs)."""
        if self.reader is not None:
            self.reader.close()
            self.reader = None
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self.process is not None and self.process.poll() is None:
            self.process.kill()  # ends whatever query it was running
            self.process.wait(10)

    def restart(self) -> None:
        """Kill the process, and with it the query that ran over its time, and start anew."""
        self.stop()
        self.start()


class _Head(NamedTuple):
    """What the gate needs of an answer's status line and headers."""

    status: int
    ctype: str
    length: int  # -1: not given
    chunked: bool
    close: bool  # the connection ends after this answer


def _read_head(reader: BinaryIO) -> _Head:
    """Read the status line and the headers of an answer."""
    status_line = reader.readline(_LINE)
    if not status_line:
        raise ConnectionResetError("the oxigraph process closed the connection")
    version, status, *_ = status_line.split(None, 2)
    ctype, length, chunked = "application/octet-stream", -1, False
    close = version == b"HTTP/1.0"
    while (line := reader.readline(_LINE)) not in (b"\r\n", b"\n", b""):
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-type":
            ctype = value.strip().decode("latin-1")
        elif name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
        elif name == b"connection":
            close = b"close" in value.lower()
    return _Head(int(status), ctype, length, chunked, close)


def _chunks(reader: BinaryIO) -> Iterator[bytes]:
    """The parts of a chunked body, as they arrive."""
    while size := int(reader.readline(_LINE).split(b";", 1)[0], 16):
        part = reader.read(size)
        if len(part) < size:
            raise ConnectionResetError("the oxigraph process closed the connection")
        reader.readline(_LINE)  # the line end after each chunk
        yield part
    while reader.readline(_LINE) not in (b"\r\n", b"\n", b""):  # trailers
        pass


def _sized(reader: BinaryIO, length: int) -> Iterator[bytes]:
    """A body of ``length`` bytes (or, with -1, up to the end of the connection)."""
    left = length
    while left != 0:
        part = reader.read(65536 if left < 0 else min(left, 65536))
        if not part:
            if left > 0:
                raise ConnectionResetError("the oxigraph process closed the connection")
            return
        left -= len(part) if left > 0 else 0
        yield part
