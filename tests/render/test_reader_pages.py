"""Reader pages speak the readers' language: link scores, methods, paragraph ids and editors'
hints sit behind an "Editorial details" disclosure; paragraphs are numbered from 1;
highlights have a legend."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from tests.conftest import SHENZHEN

SCORE = re.compile(r"\b0\.\d\d\b|score|similarity|manifest\.yaml|annotations:")


def page(root, rel: str) -> BeautifulSoup:
    return BeautifulSoup((root / "site" / rel / "index.html").read_text(encoding="utf-8"), "html.parser")


def reader_text(soup: BeautifulSoup) -> str:
    """The page's article text with every Editorial details disclosure taken out."""
    article = soup.select_one("article")
    for details in article.select("details.editorial"):
        details.decompose()
    return article.get_text(" ")


def test_commentary_page_numbers_paragraphs_from_1_and_hides_internals(built_site):
    soup = page(built_site, "commentary/shenzhen-ai-2022-interpretation")
    first = soup.select_one(".commentary-para")
    assert first["id"] == "p-0" and first.select_one(".para-anchor").get_text() == "1"
    assert soup.select_one("#p-17 .para-anchor").get_text() == "18"
    details = soup.select("details.editorial")
    assert details and any("score 0." in d.get_text() for d in details)
    assert "Editorial details" in details[0].select_one("summary").get_text()
    assert not SCORE.search(reader_text(soup)), SCORE.search(reader_text(soup))
    legend = soup.select_one(".highlight-legend")
    assert legend and legend.select_one("mark.evidence")


def test_article_page_quotes_say_where_in_reader_numbers(built_site):
    soup = page(built_site, f"{SHENZHEN}/article-44")
    more = soup.select_one(".commentary-more a")
    assert more.get_text().startswith("In context: paragraph 18") and more["href"].endswith("#p-17")
    assert not SCORE.search(reader_text(soup))


def test_source_issues_keep_editor_hints_behind_the_disclosure(built_site):
    soup = page(built_site, "reference/source-issues")
    hints = soup.select("details.editorial")
    assert hints and all(h.select_one('summary [lang="en"]').get_text() == "Editorial details: how to fix"
                         and h.select_one('summary [lang^="zh"]').get_text() == "编辑细节：如何修正" for h in hints)
    assert "give it its own part" not in reader_text(soup)
    assert not [th for th in soup.select("article th") if th.get_text() == "How to fix"
                and not th.find_parent("details")]


def test_source_issues_and_variants_say_what_they_found_in_chinese_too(built_site):
    """Each issue a reader sees has a Chinese half beside the English (the Chinese view shows it)."""
    soup = page(built_site, "reference/source-issues")
    rows = soup.select("article tbody tr")
    assert len(rows) > 40
    whats = [tr.select("td")[2] for tr in rows if not tr.find_parent("details")]
    assert all(td.select_one('[lang^="zh"]') and td.select_one('[lang="en"]') for td in whats)
    zh = [td.select_one('[lang^="zh"]').get_text() for td in whats]
    assert "第65条第1款：项的序号混用了不同格式（（1）、（2）、（三）、（四）、（五）、（六））" in zh
    assert any(t.startswith("缺少第32条至第70条：文本在第31条之后中断（应有70条）") for t in zh), zh
    variants = page(built_site, "reference/source-variants").get_text(" ")
    assert "第28条至第30条连排在同一行" in variants and "articles 28–30 run together on one line" in variants
    assert "（文字相同，仅版式不同）" in variants


def test_missing_articles_say_why_in_both_languages_and_keep_the_editors_notes(built_site):
    """The page of a missing article gives the reason in Chinese and English and the manifest's
    notes as the editors wrote them; the data export keeps the notes with the reason."""
    import json
    soup = page(built_site, "shanghai-ai-2022-draft/article-40")
    note = soup.select_one(".missing-article")
    zh = " ".join(s.get_text() for s in note.select('[lang^="zh"]'))
    assert "在第31条之后中断，第32条至第70条不在其中" in zh and "本条未见于所收集的来源文本" in zh
    assert any("stops after article 31" in s.get_text() for s in note.select(".bi > [lang=en]"))
    assert "continuation page was not collected" in note.select_one(".editor-text").get_text()
    banner = soup.select_one(".draft-banner .bi > [lang^=zh]").get_text()      # the draft's warning in Chinese too
    assert "不是生效的法律" in banner and "征求意见期为2022年8月30日至2022年9月13日" in banner
    data = json.loads((built_site / "site" / "data" / "shanghai-ai-2022-draft.json").read_text(encoding="utf-8"))
    entry = next(a for a in data["articles"] if a["number"] == 40)
    assert "stops after article 31" in entry["missing_reason"] and "continuation page" in entry["missing_reason"]
    assert entry["missing_reason_zh"].startswith("唯一的来源副本")


def test_glossary_gives_whole_definitions_and_compares_statutes(built_site, project):
    soup = page(built_site, "glossary")
    for term in project.glossary.for_statute(SHENZHEN):
        if term.definition_en:
            assert term.definition_en in soup.get_text(), term.zh      # never cut ("hereina…")
    compare = soup.select_one("#compare")
    assert compare is not None
    first = compare.find_next("table")
    rows = [tr.get_text(" ") for tr in first.select("tbody tr")]
    assert len(rows) == 2 and "Shenzhen" in rows[0] and "Shanghai" in rows[1]
    assert "本条例所称人工智能" in rows[0] and "本条例所称人工智能" in rows[1]


def test_breadcrumb_speaks_both_languages(built_site):
    crumb = page(built_site, f"{SHENZHEN}/article-65").select_one(".breadcrumb")
    text = " ".join(crumb.get_text(" ").split())
    assert "Shenzhen AI Industry Regulations" in text and "Chapter 6 Governance Principles and Measures" in text
    assert text.endswith("第六十五条 · Article 65")
    assert {s["lang"] for s in crumb.select("span[lang]")} == {"zh-Hans", "en"}


def test_contents_and_see_also_have_english_for_english_mode(built_site):
    soup = page(built_site, SHENZHEN)
    assert soup.select_one("#contents ~ .view-switch, .view-switch") is not None
    previews = soup.select(".preview-en[lang=en]")
    assert len(previews) >= 70 and previews[0].get_text().startswith("These Regulations are formulated")
    see_also = page(built_site, f"{SHENZHEN}/article-65").select_one("#see-also").find_next("ul").get_text(" ")
    assert "Shenzhen AI Industry Regulations, art. 6" in see_also


def test_an_issue_without_chinese_wording_says_so_in_the_chinese_half(project):
    """A kind of issue the seeds do not raise may have no Chinese message yet: the Chinese
    view then says the note is in English only, and shows it, rather than nothing."""
    from generator.diagnostics import Diagnostic
    from generator.render.reference_pages import issues_page

    page = issues_page(project, [Diagnostic("warning", "a corpus-only kind of issue <b>", path="source/x.md", line=3),
                                 Diagnostic("info", "with Chinese", path="source/x.md", line=4, message_zh="有中文")])
    soup = BeautifulSoup(page, "html.parser")
    halves = [cell.select_one('[lang="zh-Hans"]') for cell in soup.select(".bi") if "corpus-only" in cell.text
              or "有中文" in cell.text]
    texts = [h.get_text() for h in halves if h is not None]
    assert "仅有英文说明：a corpus-only kind of issue <b>" in texts and "有中文" in texts
