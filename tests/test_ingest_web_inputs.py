"""Feeds, WARC archives and bad web inputs through the real batch path (iter_pages + process):
every input is processed, skipped or failed with a coded error naming the source."""
from __future__ import annotations

import gzip
import io

import pytest

pytest.importorskip("trafilatura")
pytest.importorskip("warcio")

from marsad.api import RunSummary, process  # noqa: E402
from marsad.pipeline import load_pipeline  # noqa: E402

PARA = ("وقال المتحدث باسم الوزارة في مؤتمر صحفي عقده اليوم إن المفاوضات مع الجانب الآخر ما زالت "
        "مستمرة، وإن الوفد سيعود إلى العاصمة بعد انتهاء جولة المحادثات الحالية في الأسبوع المقبل. ")
PAGE = (f"<html lang='ar'><head><meta charset='utf-8'><title>عنوان الخبر الرئيسي اليوم</title></head>"
        f"<body><article><h1>عنوان الخبر الرئيسي اليوم</h1><p>{PARA}</p><p>{PARA * 2}</p>"
        f"<p>{PARA}</p></article></body></html>")

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>صحيفة المثال</title><language>ar</language>
<item><title>الخبر الأول</title><link>https://example.com/1</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><category>سياسة</category>
<content:encoded><![CDATA[<p>{PARA}</p><h2>عنوان فرعي</h2><p>{PARA}</p>
<figure><figcaption>صورة من الاجتماع (أ.ف.ب)</figcaption></figure>]]></content:encoded></item>
<item><title>الخبر الثاني</title><link>https://example.com/2</link>
<description>ملخص قصير للخبر الثاني</description></item>
</channel></rss>"""


def run(paths) -> tuple[list, RunSummary]:
    summary = RunSummary()
    arts = list(process([str(p) for p in paths], pipeline=load_pipeline([]), summary=summary))
    assert summary.inputs == summary.processed + summary.skipped + summary.failed
    return arts, summary


def codes(summary: RunSummary) -> dict[str, str]:
    return {e.source.rsplit("/", 1)[-1]: e.code for e in summary.errors}


def test_feed_rss_entries_become_articles(tmp_path):
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    arts, summary = run([tmp_path / "news.rss"])
    assert summary.processed == 1 and [a.title for a in arts] == ["الخبر الأول", "الخبر الثاني"]
    first = arts[0]
    assert first.subheads == ["عنوان فرعي"] and len(first.paragraphs) == 2
    assert first.captions() == [{"text": "صورة من الاجتماع (أ.ف.ب)", "credit": "AFP"}]
    assert (first.meta.url, first.meta.section, first.meta.publisher) == (
        "https://example.com/1", "سياسة", "صحيفة المثال")
    assert first.meta.published.startswith("2024-03-05")
    assert arts[1].paragraphs == ["ملخص قصير للخبر الثاني"]


def test_feed_atom_and_invalid_xml(tmp_path):
    atom = (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            f'<entry><title>خبر</title><link href="https://e.com/a"/><updated>2024-01-02T00:00:00Z'
            f'</updated><content type="html">&lt;p&gt;{PARA}&lt;/p&gt;</content></entry></feed>')
    (tmp_path / "a.atom").write_text(atom, encoding="utf-8")
    (tmp_path / "broken.rss").write_text("<rss><channel><title>x</title><item>", encoding="utf-8")
    arts, summary = run([tmp_path / "a.atom", tmp_path / "broken.rss"])
    assert [a.meta.url for a in arts] == ["https://e.com/a"]
    assert codes(summary) == {"broken.rss": "E320"} and summary.processed == 1


def _warc(path, records, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for kind, uri, status, ctype, body in records:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            if kind == "request":
                writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(
                    b"GET / HTTP/1.1\r\nHost: e.com\r\n\r\n")))
                continue
            if kind == "revisit":
                rec = writer.create_revisit_record(uri, digest="sha1:AAAA", refers_to_uri=uri,
                                                   refers_to_date="2024-01-01T00:00:00Z",
                                                   http_headers=http)
            else:
                rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                http_headers=http)
            writer.write_record(rec)


RECORDS = [("response", "https://e.com/a", "200 OK", "text/html; charset=utf-8", PAGE.encode()),
           ("request", "https://e.com/a", None, None, None),
           ("revisit", "https://e.com/a", "200 OK", "text/html", b""),
           ("response", "https://e.com/logo.png", "200 OK", "image/png", b"\x89PNG...."),
           ("response", "https://e.com/gone", "404 Not Found", "text/html", b"<html>no</html>"),
           ("response", "https://e.com/b", "200 OK", "text/html; charset=windows-1256",
            PAGE.encode("cp1256"))]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_records_are_counted_one_by_one(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(path, RECORDS, gz)
    arts, summary = run([path])
    assert [a.meta.url for a in arts] == ["https://e.com/a", "https://e.com/b"]
    assert arts[1].title == arts[0].title == "عنوان الخبر الرئيسي اليوم"   # cp1256 decoded
    assert (summary.inputs, summary.processed, summary.skipped, summary.failed) == (5, 2, 3, 0)
    assert any("revisit" in w for w in summary.warnings)


@pytest.mark.parametrize("gz", [False, True])
def test_warc_broken_record_is_reported_and_reading_goes_on(tmp_path, gz):
    good = tmp_path / "good.warc"
    _warc(good, RECORDS[:1], gz)
    one = good.read_bytes()
    bad = one[: len(one) // 2] if gz else b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: xx\r\n\r\n"
    path = tmp_path / ("mixed.warc.gz" if gz else "mixed.warc")
    path.write_bytes(one + bad + one)
    arts, summary = run([path])
    assert len(arts) == 2
    assert [e.code for e in summary.errors] == ["E310"] and summary.failed == 1


def test_bad_html_inputs_each_fail_or_skip_alone(tmp_path):
    (tmp_path / "ok.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "truncated.html").write_text(PAGE[: len(PAGE) // 2], encoding="utf-8")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "tags-only.html").write_text("<html><body><div></div></body></html>")
    deep = "<div>" * 5000 + f"<p>{PARA}</p>" + "</div>" * 5000
    (tmp_path / "deep.html").write_text(f"<html><body>{deep}</body></html>", encoding="utf-8")
    (tmp_path / "big.html").write_bytes(b"<html><body>" + b"<p>x</p>" * 6_500_000 + b"</body></html>")
    with gzip.open(tmp_path / "bomb.html.gz", "wb", compresslevel=9) as fh:
        for _ in range(25):
            fh.write(b"\0" * 1_000_000)
    (tmp_path / "notgzip.html.gz").write_bytes(b"not gzip at all")
    arts, summary = run(sorted(tmp_path.iterdir()))
    got = codes(summary)
    assert got == {"binary.html": "E301", "big.html": "E303", "bomb.html.gz": "E305",
                   "empty.html": "E016", "notgzip.html.gz": "E015", "deep.html": "E304"}
    assert all(e.hint or e.message for e in summary.errors)
    titles = [a.meta.source.rsplit("/", 1)[-1] for a in arts]
    assert "ok.html" in titles and "truncated.html" in titles   # recovered, partial page
    assert (summary.inputs, summary.processed, summary.skipped, summary.failed) == (9, 2, 1, 6)


def test_html_nesting_past_libxml2_limit_is_read_not_truncated():
    # libxml2 silently drops everything after 256 levels; the reader parses such pages again.
    deep = "<div>" * 300 + f"<p>{PARA}</p>" + "</div>" * 300
    page = PAGE.replace("</article>", f"{deep}<p>الفقرة الأخيرة {PARA}</p></article>")
    from marsad.ingest.base import RawPage
    from marsad.ingest.html import read_html_page
    (art,) = read_html_page(RawPage(source="deep.html", kind="html", data=page.encode("utf-8")))
    assert art.paragraphs[-1].startswith("الفقرة الأخيرة")
