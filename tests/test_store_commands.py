"""Archive commands as a user runs them (typer runner, real files) + dedup, stories, exports."""
from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from marsad.cli.main import load_commands
from marsad.cli.app import app
from marsad.document import ArticleMeta
from marsad.segment.build import ArticleBuilder
from marsad.store import Store

load_commands()
runner = CliRunner()

BASE = ("أعلنت وزارة الصحة السعودية اليوم إطلاق حملة وطنية للتطعيم ضد الإنفلونزا الموسمية "
        "تستهدف طلاب المدارس في جميع مناطق المملكة وقال المتحدث الرسمي باسم الوزارة إن "
        "الحملة تستمر ثلاثة أسابيع وتشمل أكثر من مليوني طالب وطالبة في المدارس الحكومية "
        "والأهلية وأضاف أن الوزارة جهزت فرقا طبية متنقلة لزيارة المدارس في القرى والمحافظات "
        "البعيدة ودعا أولياء الأمور إلى التعاون مع الفرق الصحية وتسجيل أبنائهم")
OTHER = ("افتتح أمير منطقة الرياض معرض الكتاب الدولي بمشاركة أكثر من خمسمائة دار نشر من "
         "ثلاثين دولة وتجول في أجنحة المعرض واطلع على أحدث الإصدارات في الأدب والعلوم والتاريخ "
         "وقال مدير المعرض إن الدورة الحالية تشهد برنامجا ثقافيا يضم ندوات وأمسيات شعرية "
         "وورش عمل للأطفال والشباب وتوقيع كتب لمؤلفين سعوديين وعرب")


def art(title, body, n, publisher="spa", day="2015-07-21"):
    b = ArticleBuilder(ArticleMeta(source=f"s#{n}", publisher=publisher, published=day,
                                   url=f"http://x/{n}"))
    b.add("title", title)
    b.add("paragraph", body)
    return b.build()


@pytest.fixture
def archive(store_url):
    original = art("الصحة تطلق حملة التطعيم", BASE, 1, "was", "2015-07-21")
    exact = art("الصحة تطلق حملة التطعيم", BASE, 2, "okaz", "2015-07-22")
    # a wire copy: new dateline sentence, a clause cut, one word changed
    near = art("حملة تطعيم لطلاب المدارس", "الرياض - واس: " + BASE.replace(
        "ودعا أولياء الأمور إلى التعاون مع الفرق الصحية وتسجيل أبنائهم", "").replace(
        "ثلاثة", "أربعة"), 3, "alriyadh", "2015-07-22")
    follow = art("انطلاق حملة التطعيم ضد الإنفلونزا في المدارس",
                 "بدأت الفرق الطبية التابعة لوزارة الصحة تطعيم طلاب المدارس ضد الإنفلونزا "
                 "الموسمية ضمن الحملة الوطنية وقال المتحدث الرسمي إن الإقبال كان كبيرا", 4,
                 "alyaum", "2015-07-24")
    other = art("افتتاح معرض الرياض الدولي للكتاب", OTHER, 5, "alriyadh", "2015-07-22")
    store = Store.open(store_url)
    store.add_articles([original, exact, near, follow, other])
    yield store, [original, exact, near, follow, other]
    store.close()


def test_store_dedup_marks_exact_and_near_copies(archive):
    store, (original, exact, near, follow, other) = archive
    counts = store.dedup()
    assert counts["exact"] == 1 and counts["near"] == 1
    marks = {d["id"]: (d["dup_of"], d["dup_kind"]) for d in store.duplicates()}
    assert marks == {exact.id: (original.id, "exact"), near.id: (original.id, "near")}
    unique = {h.id for h in store.search("التطعيم", {"unique": True}).hits}
    assert unique == {original.id, follow.id}
    store.dedup()   # idempotent
    assert {d["id"] for d in store.duplicates()} == {exact.id, near.id}


def test_store_stories_group_one_event_over_days(archive):
    store, (original, exact, near, follow, other) = archive
    store.build_stories()
    stories = store.stories(min_size=1)
    members = [{a["id"] for a in store.story(s["id"])["articles"]} for s in stories]
    assert {original.id, exact.id, near.id, follow.id} in members
    assert {other.id} in members
    big = stories[0]
    assert big["size"] == 4 and big["first_date"] == "2015-07-21" and big["last_date"] == "2015-07-24"
    assert "التطعيم" in big["label"] or "تطعيم" in big["label"]
    store.build_stories()   # rebuilding replaces, never duplicates
    assert sum(s["size"] for s in store.stories(min_size=1, limit=100)) == 5


def test_store_export_formats(archive, tmp_path):
    store, arts = archive
    n = store.export(str(tmp_path / "a.jsonl"), "jsonl", "articles")
    docs = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert n == 5 and {d["id"] for d in docs} == {a.id for a in arts}
    assert docs[0] == store.get_doc(docs[0]["id"])
    store.export(str(tmp_path / "a.csv"), "csv", "articles")
    with open(tmp_path / "a.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    from marsad.store.export import COLUMNS
    assert list(rows[0]) == COLUMNS["articles"] and len(rows) == 5
    assert {r["source"] for r in rows} == {"was", "okaz", "alriyadh", "alyaum"}
    pq = pytest.importorskip("pyarrow.parquet")
    assert store.export(str(tmp_path / "a.parquet"), "parquet", "articles") == 5
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.num_rows == 5 and table.column_names == COLUMNS["articles"]
    assert store.export(str(tmp_path / "e.parquet"), "parquet", "events") == 0
    assert pq.read_table(tmp_path / "e.parquet").column_names == COLUMNS["events"]


def test_store_cli_ingest_search_export(tmp_path, example_page):
    db = str(tmp_path / "cli.sqlite")
    res = runner.invoke(app, ["ingest", str(example_page), "--db", db, "--pipeline", "sentences.v1"])
    assert res.exit_code == 0, res.output
    assert "2 articles written" in res.output
    again = runner.invoke(app, ["ingest", str(example_page), "--db", db, "--pipeline",
                                "sentences.v1"])
    assert "0 articles written, 2 unchanged" in again.output
    res = runner.invoke(app, ["search", "بوتين", "--db", db, "--json"])
    out = json.loads(res.stdout.splitlines()[-1])
    assert out["total"] == 2 and all("بوتين" in h["snippet"] for h in out["hits"])
    res = runner.invoke(app, ["search", "أوريشنيك", "--db", db])
    assert res.exit_code == 0 and "1 articles" in res.output
    res = runner.invoke(app, ["export", "-o", str(tmp_path / "x.csv"), "--format", "csv",
                              "--db", db])
    assert res.exit_code == 0 and "2 articles rows" in res.output
    res = runner.invoke(app, ["stories", "--db", db, "--min-size", "1", "--json"])
    assert res.exit_code == 0 and len(json.loads(res.stdout.splitlines()[-1])) == 2
    res = runner.invoke(app, ["export", "-o", str(tmp_path / "x"), "--format", "xml", "--db", db])
    assert res.exit_code == 2


def test_store_cli_process_db_writes_the_same_json(tmp_path, example_page):
    db = str(tmp_path / "p.sqlite")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["process", str(example_page), "--pipeline", "sentences.v1",
                              "--jobs", "1", "--db", db, "-o", str(out)])
    assert res.exit_code == 0, res.output
    written = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    with Store.open(db) as store:
        assert [store.get_doc(d["id"]) for d in written] == written


def test_store_cli_bad_db_is_a_clear_error(tmp_path):
    res = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "no" / "such.sqlite")])
    assert res.exit_code == 2 and "E602" in res.output


def test_store_full_pipeline_putin_and_plover(tmp_path, example_page):
    """With the default pipeline (NER + linking + events) as a user runs it: the English name
    finds the Arabic articles through the entity links, and PLOVER export = the events
    exporter's own records."""
    from marsad.store.export import FORMATS
    db = str(tmp_path / "full.sqlite")
    res = runner.invoke(app, ["ingest", str(example_page), "--db", db])
    assert res.exit_code == 0, res.output
    with Store.open(db) as store:
        found = store.search("Putin")
        assert found.total == 2 and "بوتين" in found.expansions["putin"]
        if "plover" not in FORMATS:
            pytest.skip("marsad.events.export not available")
        from marsad.document import Article
        from marsad.events.export import plover_records
        want = [r for d in store.iter_docs() for r in plover_records(Article.from_dict(d))]
        n = store.export(str(tmp_path / "p.jsonl"), "plover")
    got = [json.loads(x) for x in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()]
    assert n == len(want) > 0 and got == want
