"""Status (rank, date of the text, history, what a draft became) and pinpoint citations."""

from __future__ import annotations

from bs4 import BeautifulSoup

from generator.render.cite import pinpoint, roman
from tests.conftest import SHANGHAI, SHENZHEN

AC = "https://aigovernancecompass.com/newsinfo/1000075.html"


def page(root, rel: str) -> BeautifulSoup:
    return BeautifulSoup((root / "site" / rel / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_pinpoint_citations(project):
    sz, sh = project.statutes[SHENZHEN], project.statutes[SHANGHAI]
    art65 = sz.article(65)
    assert pinpoint(sz, art65, 1, 4) == ("《深圳经济特区人工智能产业促进条例》第六十五条第一款第（四）项",
                                         "Shenzhen AI Industry Regulations, art. 65(1)(iv)")
    assert pinpoint(sz, art65, 2) == ("《深圳经济特区人工智能产业促进条例》第六十五条第二款",
                                      "Shenzhen AI Industry Regulations, art. 65(2)")
    # a one-paragraph article is cited without its paragraph
    assert len(sz.article(44).paragraphs) == 1
    assert pinpoint(sz, sz.article(44), 1) == ("《深圳经济特区人工智能产业促进条例》第四十四条",
                                               "Shenzhen AI Industry Regulations, art. 44")
    assert pinpoint(sh, sh.article(7), 1)[1] == "Shanghai AI Industry Regulations (draft), art. 7"
    assert [roman(n) for n in (1, 4, 6, 9, 14, 40)] == ["i", "iv", "vi", "ix", "xiv", "xl"]


def test_every_paragraph_and_item_has_a_copy_button(built_site, project):
    for sid, statute in project.statutes.items():
        for article in statute.present_articles():
            soup = page(built_site, f"{sid}/article-{article.number}")
            rows = soup.select(".article-text .seg-row")
            assert rows
            for row in rows:
                button = row.select_one("button.cite-copy")
                assert button is not None and button["type"] == "button", (sid, article.number)
                assert button["data-cite-zh"].startswith(f"《{statute.title}》")
                assert button["aria-label"].startswith("复制第") and " · Copy citation of paragraph" in button["aria-label"]
    row = page(built_site, f"{SHENZHEN}/article-65").select_one("#art_65__para_1__item_4")
    button = row.select_one("button.cite-copy")
    assert (button["data-cite-zh"], button["data-cite-en"]) == (
        "《深圳经济特区人工智能产业促进条例》第六十五条第一款第（四）项", "Shenzhen AI Industry Regulations, art. 65(1)(iv)")


def test_overview_gives_rank_date_of_text_and_history(built_site):
    soup = page(built_site, SHENZHEN)
    table = " ".join(soup.select_one("article table").get_text(" ").split())
    assert "经济特区法规 · Special economic zone regulations" in table
    assert "2022年9月5日 · 5 September 2022 (as promulgated" in table
    history = [(li.select_one("time")["datetime"], li.get_text(" ")) for li in soup.select(".history li")]
    assert [d for d, _ in history] == ["2022-08-30", "2022-09-05", "2022-11-01"]
    assert "Promulgated" in history[1][1] and "公告第六十四号" in history[1][1]
    sh = page(built_site, SHANGHAI)
    assert "地方性法规 · Local regulations" in " ".join(sh.select_one("article table").get_text(" ").split())  # status row: draft
    dates = [li.select_one("time")["datetime"] for li in sh.select(".history li")]
    assert dates == ["2022-08-30", "2022-09-13", "2022-09-22", "2022-10-01"]
    assert [a["href"] for a in sh.select(".history a.event-source")] == [AC, AC]


def test_every_shanghai_draft_page_says_what_the_draft_became(built_site, project):
    statute = project.statutes[SHANGHAI]
    pages = [SHANGHAI, f"{SHANGHAI}/print"] + [f"{SHANGHAI}/article-{a.number}" for a in statute.articles]
    for rel in pages:
        lineage = page(built_site, rel).select_one(".draft-banner [data-lineage]")
        assert lineage is not None, rel
        text = " ".join(lineage.get_text(" ").split())
        assert "上海市促进人工智能产业发展条例" in text and "adopted on 22 September 2022" in text, rel
        assert "in force from 1 October 2022" in text and "2022年10月1日起施行" in text, rel
        assert lineage.select_one("a")["href"] == AC
    assert page(built_site, SHENZHEN).select_one("[data-lineage]") is None
