"""Rank and jurisdiction read from a statute's history line (generator/parse/authority.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.parse.authority import authority_of
from generator.parse.preamble import history_events

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "lawrefbook-national"


def events(*lines: str):
    return history_events(list(enumerate(lines, start=1)))


def test_a_law_of_the_standing_committee():
    found = authority_of("中华人民共和国公司法", events(
        "1993年12月29日 第八届全国人民代表大会常务委员会第五次会议通过",
        "2023年12月29日 第十四届全国人民代表大会常务委员会第七次会议修订"))
    assert (found.rank, found.jurisdiction, found.jurisdiction_en) == (
        "law", "中华人民共和国", "People's Republic of China")
    assert "第八届" in found.evidence          # the first event names the maker, not the latest


def test_the_constitution_and_its_amendments():
    line = "2004年3月14日第十届全国人民代表大会第二次会议通过"
    assert authority_of("中华人民共和国宪法修正案（2004年）", events(line)).rank == "constitution"
    assert authority_of("中华人民共和国宪法", events(line)).rank == "constitution"
    # a law about the Constitution is a law
    assert authority_of("中华人民共和国宪法宣誓制度实施办法", events(line)).rank == "law"


def test_a_state_council_regulation():
    found = authority_of("医疗器械监督管理条例", events("2000年1月4日中华人民共和国国务院令第276号公布",
                                                   "2014年2月12日国务院第39次常务会议修订通过"))
    assert found is not None and found.rank == "administrative_regulation"


@pytest.mark.parametrize("title, line, rank, place", [
    ("深圳经济特区人工智能产业促进条例", "2022年8月30日深圳市第七届人民代表大会常务委员会第十一次会议通过",
     "sez_regulation", "深圳市"),
    ("上海市促进人工智能产业发展条例", "2022年9月22日上海市第十五届人民代表大会常务委员会第四十四次会议通过",
     "local_regulation", "上海市"),
    ("延边朝鲜族自治州自治条例", "1985年4月24日延边朝鲜族自治州第八届人民代表大会第四次会议通过",
     "autonomous_regulation", "延边朝鲜族自治州"),
])
def test_local_regulations_name_their_place(title, line, rank, place):
    found = authority_of(title, events(line))
    assert (found.rank, found.jurisdiction, found.jurisdiction_en) == (rank, place, None)


def test_nothing_is_guessed_without_a_maker():
    assert authority_of("中华人民共和国公司法", []) is None
    assert authority_of("某协会章程", events("2020年1月1日某协会会员大会通过")) is None


@pytest.mark.skipif(not CORPUS.exists(), reason="needs the corpus")
def test_every_national_law_of_the_corpus_reads_as_national():
    from generator.parse.statute import parse_statute
    ranks = {}
    for path in sorted(CORPUS.rglob("*.md")):
        parsed = parse_statute(path.read_text(encoding="utf-8"))
        found = authority_of(parsed.title or path.stem, parsed.events)
        ranks[path.relative_to(CORPUS).as_posix()] = found.rank if found else None
    assert all(r in ("law", "constitution") for name, r in ranks.items() if not name.startswith("其他/"))
    assert ranks["宪法/宪法.md"] == "constitution" and ranks["民法商法/公司法(2023-12-29).md"] == "law"
    # the guides filed under 其他/ have no history line: nothing is claimed for them
    assert ranks["其他/劳动仲裁和劳动诉讼的攻略.md"] is None
