"""Who made a statute, read from its history line: rank (位阶) and jurisdiction.

``statute-site add`` records these in the manifest so that a library of statutes found in
the wild is grouped on the home page without an editor typing them for each law.  Only
what the text itself says is used: the body named in the first dated event of the history
line (``2018年10月26日第十三届全国人民代表大会常务委员会第六次会议通过``):

- 全国人民代表大会 or its 常务委员会: a law (法律) of the People's Republic of China; the
  Constitution and its amendments (宪法, 宪法修正案) rank as the Constitution;
- 国务院: an administrative regulation (行政法规) of the People's Republic of China;
- a province's, autonomous region's or city's 人民代表大会 (or its 常务委员会): a local
  regulation (地方性法规) of that place; a special economic zone regulation (经济特区法规)
  when the title says 经济特区; an autonomous or separate regulation (自治条例·单行条例)
  when the title says so.

Anything else (no history line, another body) gives nothing: the rank stays unrecorded
rather than guessed.  ``add`` writes the evidence beside the value so an editor can check it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import Event

NATIONAL = ("中华人民共和国", "People's Republic of China")
CONSTITUTION_TITLE = re.compile(r"^(?:中华人民共和国)?宪法(?:修正案.*)?$")
LOCAL_BODY = re.compile(
    r"^(?P<place>[\u4e00-\u9fff]{2,16}?(?:省|自治区|自治州|自治县|市|县|区))"
    r"(?:第[一二三四五六七八九十]+届)?人民代表大会(?:常务委员会)?")
FIRST_KINDS = ("adopted", "approved", "promulgated", "revised", "amended")


@dataclass(frozen=True)
class Authority:
    rank: str
    jurisdiction: str
    jurisdiction_en: str | None
    evidence: str            # the body as the history line names it


def _bodies(events: list[Event]) -> list[str]:
    dated = [e for e in events if e.body and e.kind in FIRST_KINDS]
    dated.sort(key=lambda e: (e.date or "9999", e.line or 0))
    return [e.body for e in dated]


def _classify(title: str, body: str) -> Authority | None:
    compact = re.sub(r"\s+", "", body)
    if "全国人民代表大会" in compact:
        rank = "constitution" if CONSTITUTION_TITLE.match(re.sub(r"[\s（）()]", "", title)) else "law"
        return Authority(rank, *NATIONAL, body)
    if re.sub(r"^中华人民共和国", "", compact).startswith("国务院"):
        return Authority("administrative_regulation", *NATIONAL, body)
    local = LOCAL_BODY.match(compact)
    if local:
        if "经济特区" in title:
            rank = "sez_regulation"
        elif "自治条例" in title or "单行条例" in title:
            rank = "autonomous_regulation"
        else:
            rank = "local_regulation"
        return Authority(rank, local.group("place"), None, body)
    return None


def authority_of(title: str, events: list[Event]) -> Authority | None:
    """The rank and jurisdiction the history line shows (the earliest event whose body is a
    known law-maker: a 主席令 promulgating a law names no maker), or None."""
    for body in _bodies(events):
        found = _classify(title, body)
        if found is not None:
            return found
    return None
