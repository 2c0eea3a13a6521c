"""`marsad process` / `marsad demo` as a user runs them: a real subprocess, real files."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RECORD = {"id": "r1", "title": "عنوان", "content": "قال الوزير إن الوضع مستقر.\nوأضاف أن العمل مستمر."}


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=120)


def lines(out: bytes) -> list[dict]:
    return [json.loads(x) for x in out.decode("utf-8").splitlines() if x.strip()]


def test_cli_process_example_page_gives_two_articles(example_page):
    res = run("process", str(example_page), "--pipeline", "sentences.v1,tokens.v1")
    assert res.returncode == 0, res.stderr.decode()
    arts = lines(res.stdout)
    assert [a["position"] for a in arts] == [0, 1]
    assert arts[0]["title"].startswith("بوتين لـ«تعاون استراتيجي»")
    assert "1 processed, 0 skipped, 0 failed" in res.stderr.decode()


def test_cli_process_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("عنوان الخبر\n\nقال الوزير إن الوضع مستقر تماماً في جميع المناطق ولا داعي للقلق أبداً.\n",
                    encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text(json.dumps(RECORD, ensure_ascii=False) + "\n{not json\n"
                     + json.dumps({**RECORD, "id": "r2"}, ensure_ascii=False) + "\n", encoding="utf-8")
    res = run("process", str(good), str(tmp_path / "missing.txt"), str(binary), str(empty), str(jsonl),
              "--pipeline", "sentences.v1")
    err = res.stderr.decode()
    assert res.returncode == 1
    assert [a["source"] for a in lines(res.stdout)] == [str(good), "r1", "r2"]
    assert "missing.txt" in err and "E013" in err
    assert "image.txt" in err and "E011" in err and "PNG image" in err
    assert "empty.txt" in err and "E016" in err
    assert "records.jsonl:2" in err and "E019" in err and "not JSON" in err
    assert "7 inputs: 3 processed, 0 skipped, 4 failed" in err


def test_cli_process_windows_1256_is_decoded_with_a_warning(tmp_path):
    page = tmp_path / "legacy.txt"
    page.write_bytes("عنوان\n\nقال الوزير إن الوضع مستقر تماماً في جميع المناطق ولا داعي للقلق أبداً.\n"
                     .encode("cp1256"))
    res = run("process", str(page), "--pipeline", "sentences.v1")
    assert res.returncode == 0
    assert lines(res.stdout)[0]["title"] == "عنوان"
    assert "windows-1256" in res.stderr.decode()


def test_cli_process_utf8_bom_and_stdin(tmp_path):
    res = run("process", "-", "--pipeline", "sentences.v1",
              stdin="\ufeffعنوان\n\nفقرة طويلة بما يكفي لتكون فقرة كاملة من متن الخبر المنشور اليوم.\n".encode())
    assert res.returncode == 0 and lines(res.stdout)[0]["title"] == "عنوان"
    res = run("process", "-", "--pipeline", "sentences.v1",
              stdin=(json.dumps(RECORD, ensure_ascii=False) + "\n").encode())
    assert lines(res.stdout)[0]["source"] == "r1"


def test_cli_process_directory_glob_and_json_format(tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.jsonl").write_text(json.dumps({**RECORD, "id": f"x{i}"}, ensure_ascii=False),
                                              encoding="utf-8")
    res = run("process", str(tmp_path), "--format", "json", "--pipeline", "sentences.v1")
    assert [a["source"] for a in json.loads(res.stdout)] == ["x0", "x1", "x2"]
    res = run("process", str(tmp_path / "a*.jsonl"), "-o", str(tmp_path / "out.jsonl"),
              "--pipeline", "sentences.v1")
    assert res.returncode == 0 and len(lines((tmp_path / "out.jsonl").read_bytes())) == 3


def test_cli_process_rerun_gives_identical_output(example_page):
    a = run("process", str(example_page), "--pipeline", "sentences.v1,tokens.v1").stdout
    b = run("process", str(example_page), "--pipeline", "sentences.v1,tokens.v1").stdout
    assert a == b


def test_cli_process_unknown_component_and_format_fail_clearly(example_page):
    res = run("process", str(example_page), "--pipeline", "nosuch.v9")
    assert res.returncode != 0 and "E020" in res.stderr.decode() and "nosuch.v9" in res.stderr.decode()
    res = run("process", str(example_page), "--format", "xml")
    assert res.returncode == 2 and "unknown --format" in res.stderr.decode()


def test_cli_demo_prints_the_example_structure():
    res = run("demo")
    assert res.returncode == 0, res.stderr.decode()
    out = res.stdout.decode()
    assert "بوتين يأمر" in out and "Reuters" in out and "subhead" in out


def test_cli_eval_scores_seed_structure(shared_dir):
    res = run("eval", str(shared_dir / "gold"), "--json")
    assert res.returncode == 0, res.stderr.decode()
    result = json.loads(res.stdout)
    assert all(r["score"] == 1.0 for r in result["structure"].values())
    assert {"seed.quotes", "dev.quotes", "seed.entities", "dev.entities", "seed.events"} <= set(result)


def test_cli_eval_unknown_target_is_explained():
    res = run("eval", "nosuchtarget")
    assert res.returncode == 1 and "E043" in res.stderr.decode()


def test_cli_process_lone_surrogate_escape_in_jsonl_is_replaced(tmp_path):
    src = tmp_path / "s.jsonl"
    src.write_text('{"id": "s1", "title": "\\ud800 عنوان", "content": "نص \\udc00 الخبر."}\n', encoding="utf-8")
    res = run("process", str(src), "--pipeline", "sentences.v1")
    assert res.returncode == 0, res.stderr.decode()
    (art,) = lines(res.stdout)
    assert art["title"] == "\ufffd عنوان" and "\ufffd" in art["text"]
