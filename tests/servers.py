"""Real SPARQL servers on 127.0.0.1 for the tests: the `oxigraph` server and OpenLink Virtuoso."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback test server
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """``oxigraph serve`` on a free loopback port; yields the base URL."""
    binary = shutil.which("oxigraph")
    assert binary, "the oxigraph server (pip install oxigraph) is needed"
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "oxi"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/query?query=ASK%7B%7D")
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


@contextmanager
def virtuoso_server(tmp_path: Path) -> Iterator[str]:
    """OpenLink Virtuoso with its database in ``tmp_path``; yields the /sparql URL.

    The anonymous SPARQL user is granted SPARQL_UPDATE so that ``fwgraph push``
    can load data with SPARQL 1.1 Update, as it does into any other server.
    """
    assert VIRTUOSO_INI.is_file(), "Virtuoso (apt-get install virtuoso-opensource) is needed"
    db = tmp_path / "virtuoso"
    db.mkdir()
    sql_port, http_port = free_port(), free_port()
    text = VIRTUOSO_INI.read_text()
    text = text.replace("/var/lib/virtuoso-opensource-7/db", str(db))
    text = re.sub(r"(?m)^ServerPort\s*=\s*1111", f"ServerPort = 127.0.0.1:{sql_port}", text)
    text = re.sub(r"(?m)^ServerPort\s*=\s*8890", f"ServerPort = 127.0.0.1:{http_port}", text)
    text = re.sub(r"(?m)^DirsAllowed\s*=.*$", f"DirsAllowed = ., {db}", text)
    # Virtuoso cuts every answer at ResultSetMaxRows (10000) without saying so.
    text = re.sub(r"(?m)^ResultSetMaxRows\s*=.*$", "ResultSetMaxRows = 1000000", text)
    ini = db / "virtuoso.ini"
    ini.write_text(text)
    proc = subprocess.Popen(
        ["virtuoso-t", "+foreground", "+configfile", str(ini)],
        cwd=db,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{http_port}/sparql"
        wait_for(url + "?query=ASK%7B%7D", seconds=60)
        subprocess.run(
            ["isql-vt", str(sql_port), "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


_EMPTY_RESULTS = b'{"head":{"vars":[]},"results":{"bindings":[]}}'


class Listener:
    """A loopback TCP listener, in a thread, counting the connections it accepts.

    Each connection gets an empty SPARQL JSON answer, so a client that does
    connect (the positive control) finishes instead of hanging.
    """

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = int(self.sock.getsockname()[1])
        self.count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.base}/sparql"

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.count += 1
            with conn:
                conn.settimeout(1)
                try:
                    conn.recv(65536)
                    conn.sendall(
                        b"HTTP/1.0 200 OK\r\n"
                        b"Content-Type: application/sparql-results+json\r\n"
                        b"Content-Length: "
                        + str(len(_EMPTY_RESULTS)).encode()
                        + b"\r\n\r\n"
                        + _EMPTY_RESULTS
                    )
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()
