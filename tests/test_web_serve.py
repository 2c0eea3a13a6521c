"""``marsad serve`` as a user runs it: a real process, loopback only by default, clear error for
a missing archive; ``build_demo_db`` on the example page."""
from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def other_address() -> str | None:
    """A non-loopback address of this machine, if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))      # TEST-NET: no packet is sent for UDP connect
            addr = s.getsockname()[0]
    except OSError:
        return None
    return None if addr.startswith("127.") else addr


def test_web_serve_missing_archive_is_a_clear_error(tmp_path):
    out = subprocess.run([sys.executable, "-m", "marsad", "serve", "--db",
                          str(tmp_path / "none.sqlite")], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 2
    assert "E800" in out.stderr and "none.sqlite" in out.stderr
    assert not (tmp_path / "none.sqlite").exists()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, example_page):
    from marsad.web.demo import build_demo_db
    return build_demo_db(tmp_path_factory.mktemp("demo") / "demo.sqlite", [str(example_page)])


def test_web_serve_binds_loopback_by_default(demo_db):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", demo_db,
                             "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                resp = httpx.get(base + "/api", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("marsad serve did not start: " + proc.stderr.read())
        data = resp.json()
        assert data["archive_size"] >= 2            # the example page holds two stories
        assert any("بوتين" in a["title"] for a in data["articles"])
        rebound = httpx.get(base + "/api", headers={"host": f"evil.example:{port}"}, timeout=5)
        assert rebound.status_code == 400 and rebound.json()["error"]["code"] == "E808"
        assert httpx.get(f"http://localhost:{port}/api", timeout=5).status_code == 200
        addr = other_address()
        if addr:
            with pytest.raises(httpx.HTTPError):
                httpx.get(f"http://{addr}:{port}/api", timeout=2)
    finally:
        proc.terminate()
        proc.wait(10)
