"""Provenance and whose date: every record page names the source documents it comes from (issuer, number,
date), says what this site did with this site's dates apart; citations name the issuing body; Open Graph's
published time is the source's; petitions get a citation, a history and a JSON twin like issues."""

from __future__ import annotations

import json
import re

import pytest

from conftest import SMALL, TODAY, write_data
from gongshi.site.load import check_data
from sitebuild import SITE_URL, build, page, text_of


def provenance_text(html: str) -> str:
    start = html.index('id="provenance"')
    return text_of(html[start: html.index("</section>", start)]).replace(" ", "")


@pytest.mark.parametrize("kind", ["issues", "petitions"])
def test_every_record_page_names_its_source_documents(sample_site, kind):
    pages = [p for p in (sample_site / kind).iterdir() if (p / "index.json").exists()]
    assert len(pages) >= (30 if kind == "issues" else 3)
    for folder in pages:
        text = provenance_text((folder / "index.html").read_text(encoding="utf-8"))
        assert "发布机构" in text and "成文日期" in text and "《" in text, folder.name
        assert "本站据原文整理，以原件为准" in text, folder.name


def test_a_record_names_the_document_it_comes_from(sample_site, sample_copy, tmp_path):
    # Without a reference, the record's source's documents (the Jiangxi source has two).
    text = provenance_text(page(sample_site, "issues/zydc-jx-08"))
    assert "本条所属督察来源" in text and "整改方案》" in text and "整改措施清单》" in text
    text = provenance_text(page(sample_site, "issues/dx-zhuzhou-chenbugang"))
    assert "发布机构信丰县推动长江经济带建设领导小组办公室" in text and "文号信长江办字〔2021〕2号" in text
    assert "成文日期2021年6月29日" in text
    # With one (from_documents), just that document.
    record = sample_copy / "issues" / "zydc-jiangxi" / "zydc-jx-08.yml"
    record.write_text(record.read_text(encoding="utf-8") + "from_documents: [cuoshi-qingdan]\n", encoding="utf-8")
    code, site = build(tmp_path / "named", sample_copy)
    assert code == 0
    text = provenance_text(page(site, "issues/zydc-jx-08"))
    assert "本条取自下列文件：《江西省贯彻落实中央环境保护督察组督察反馈意见问题整改措施清单》" in text
    assert "整改方案》" not in text


def test_citation_names_the_issuing_body_and_leaves_the_readers_date_to_the_reader(sample_site):
    html = page(sample_site, "issues/dx-zhuzhou-chenbugang")
    gbt = re.search(r'id="cite-gbt">(.*?)</span>\s*<button', html).group(1)
    assert gbt.startswith("信丰县推动长江经济带建设领导小组办公室. ")
    assert "[EB/OL]. " in gbt and '[<span data-cite="today">引用日期</span>]' in gbt
    assert gbt.endswith(f"{SITE_URL}issues/dx-zhuzhou-chenbugang/.")
    assert "生态环境保护督察整改公示. " not in gbt  # the site is not the author
    plain = text_of(re.search(r'id="cite-plain">(.*?)</span>\s*<button', html).group(1)).replace(" ", "")
    assert "原文：信丰县推动长江经济带建设领导小组办公室《关于开展长江经济带生态环境突出问题" in plain


def test_open_graph_published_time_is_the_source_documents_date(sample_site):
    html = page(sample_site, "issues/dx-zhuzhou-chenbugang")
    assert '<meta property="article:published_time" content="2021-06-29">' in html
    notice = page(sample_site, "issues/yylq-2021-01/notice")
    assert '<meta property="article:published_time" content="2023-10-13">' in notice


def test_petitions_have_a_citation_a_history_and_a_json_twin(sample_site):
    html = page(sample_site, "petitions/D1YZ202000131")
    assert 'id="cite-gbt"' in html and 'id="history"' in html and 'href="index.json"' in html
    twin = json.loads((sample_site / "petitions" / "D1YZ202000131" / "index.json").read_text(encoding="utf-8"))
    assert twin["id"] == "D1YZ202000131" and twin["json_url"].endswith("petitions/D1YZ202000131/index.json")
    assert twin["source_documents"][0]["title"] == "永州市配合省生态环境保护督察“回头看”工作简报（第15期）"
    assert twin["source_documents"][0]["date"] == "2020-11-08"
    assert set(twin["site_dates"]) == {"collected", "updated"}


def test_json_twins_keep_the_sources_and_this_sites_dates_apart(sample_site):
    twin = json.loads((sample_site / "issues" / "yylq-2021-01" / "index.json").read_text(encoding="utf-8"))
    assert [d["number"] for d in twin["source_documents"]] == ["岳楼发〔2022〕2号"]
    assert set(twin["site_dates"]) == {"collected", "updated"}


def test_a_reference_to_a_missing_document_is_an_error_on_its_line(tmp_path):
    files = dict(SMALL)
    files["issues/dc-test-02.yml"] = files["issues/dc-test-02.yml"].replace(
        "        region:", "        from_documents: [fangan]\n        region:", 1)
    data = write_data(tmp_path, files)
    site = check_data(data, TODAY, base=tmp_path)
    texts = [p.text() for p in site.report.errors]
    assert any(t.startswith("data/issues/dc-test-02.yml:") and "from_documents[1]" in t and "没有 id 为“fangan”" in t
               for t in texts), texts
