"""Shared fixtures. Append yours; keep one conftest.py."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (gold, data, seed); tests needing it skip when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def example_page() -> Path:
    return ROOT / "marsad" / "examples" / "asharq_alawsat_putin_kim.txt"


def require_service(what: str) -> None:
    """Skip when a service binary is missing, but fail in CI (MARSAD_REQUIRE_SERVICES=1)."""
    if os.environ.get("MARSAD_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{what} is required in CI but missing")
    pytest.skip(f"{what} not installed")


# -- PostgreSQL (store issue) -------------------------------------------------------------------
PG_BIN = Path(os.environ.get("MARSAD_PG_BIN", "/usr/lib/postgresql/15/bin"))


def _as_postgres(*cmd: str, **kw):
    import subprocess
    return subprocess.run(["runuser", "-u", "postgres", "--", *cmd], check=True,
                          capture_output=True, text=True, **kw)


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server (Debian's `postgresql` package) in a temp dir, Unix socket only,
    stopped after the session. Yields a base URL ``postgresql://postgres@/{db}?host=…``.
    Skips when the binaries are missing, except in CI (MARSAD_REQUIRE_SERVICES=1)."""
    import shutil
    import subprocess
    if not (PG_BIN / "initdb").exists() or shutil.which("runuser") is None:
        require_service(f"PostgreSQL ({PG_BIN}/initdb; apt-get install postgresql)")
    import tempfile
    # Not under pytest's tmp dir: its parents are root-only (0700) and postgres must reach it.
    root = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    shutil.chown(root, "postgres")
    shutil.chown(sock, "postgres")
    _as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                 "-E", "UTF8", "--locale=C.UTF-8")
    _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-o",
                 f"-k {sock} -c listen_addresses='' -c fsync=off -c full_page_writes=off", "start")
    try:
        yield f"postgresql://postgres@/{{db}}?host={sock}"
    finally:
        subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / "pg_ctl"), "-D",
                        str(data), "-m", "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def new_pg_database(server_url: str) -> str:
    """Create a fresh, empty database on the session server; return its URL."""
    import uuid
    import psycopg
    name = "t" + uuid.uuid4().hex[:12]
    with psycopg.connect(server_url.format(db="postgres"), autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    return server_url.format(db=name)


@pytest.fixture
def pg_url(postgres_server):
    """A fresh, empty database on the session server for one test."""
    return new_pg_database(postgres_server)


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path):
    """Parametrized archive URL: a SQLite file and a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "archive.sqlite")
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="module", params=BACKENDS)
def module_store_url(request, tmp_path_factory):
    """Like ``store_url`` but shared by a module's read-only tests."""
    if request.param == "sqlite":
        return str(tmp_path_factory.mktemp("store") / "archive.sqlite")
    return new_pg_database(request.getfixturevalue("postgres_server"))


# -- parallel / batch / fuzz (issue 10) ----------------------------------------------------------
_SENTENCES = ["قال الرئيس الأمريكي جو بايدن إن الولايات المتحدة ستدعم أوكرانيا.",
              "وأضاف وزير الخارجية السعودي «نحن نعمل من أجل السلام في المنطقة».",
              "ارتفعت أسعار النفط بنسبة 3.5% يوم الاثنين 21 يوليو 2015.",
              "أعلنت وزارة الصحة تسجيل ١٢ إصابة جديدة في الرياض وجدة.",
              "The minister said talks would resume. ثم غادر الوفد إلى القاهرة."]
_OUTLETS = ["alriyadh", "okaz", "sabq"]


def news_record(i: int) -> dict:
    """A deterministic SaudiNewsNet-shaped record (id, title, content, source, url, date)."""
    body = "\n".join(" ".join(_SENTENCES[(i + k + j) % len(_SENTENCES)] for j in range(1 + k % 3))
                     for k in range(1 + i % 4))
    return {"id": f"rec{i:04d}", "title": f"خبر رقم {i}: {_SENTENCES[i % 5][:30]}",
            "content": body, "source": _OUTLETS[i % 3], "url": f"https://example.sa/{i}",
            "date_extracted": f"2015-07-{21 + i % 3} 10:00:00"}


@pytest.fixture
def mixed_inputs(tmp_path, example_page) -> list[str]:
    """Inputs of every kind a batch meets: JSONL records (one line malformed, one record empty),
    a JSON array, a raw text page, an empty file and a missing path."""
    import json
    good = tmp_path / "news.jsonl"
    lines = [json.dumps(news_record(i), ensure_ascii=False) for i in range(30)]
    lines.insert(7, '{"id": "broken", "title": ')
    lines.insert(12, json.dumps({"id": "empty", "title": "", "content": ""}))
    good.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arr = tmp_path / "more.json"
    arr.write_text(json.dumps([news_record(i) for i in range(30, 36)], ensure_ascii=False),
                   encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    return [str(good), str(arr), str(example_page), str(tmp_path / "empty.txt"),
            str(tmp_path / "missing.jsonl")]
