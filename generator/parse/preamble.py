"""The preamble's history lines -> dated events of the statute.

A statute's preamble records how it came to be, one event per clause::

    1993年12月29日 第八届全国人民代表大会常务委员会第五次会议通过
    2018年10月26日 第十三届全国人民代表大会常务委员会第六次会议《关于修改〈中华人民共和国公司法〉的决定》第四次修正
    （2022年8月30日深圳市第七届人民代表大会常务委员会第十一次会议通过）
    2021年1月1日 施行

Each becomes an :class:`~generator.model.Event`: its kind (adopted, amended, revised,
approved, promulgated, effective), date, the body that acted, the decision it acted by
(《关于修改…的决定》) and the line it came from.  A clause with a date but no recognised
verb is not guessed at: it is returned as ``unknown`` for the caller to report.
"""

from __future__ import annotations

import re

from generator.model import Event

DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# Verb -> event kind; the last verb in a clause decides (…决定》第一次修正).
VERBS = (("修正", "amended"), ("修订", "revised"), ("修改", "amended"), ("通过", "adopted"),
         ("通過", "adopted"), ("批准", "approved"), ("公布", "promulgated"), ("發布", "promulgated"),
         ("发布", "promulgated"), ("施行", "effective"), ("实施", "effective"), ("實施", "effective"))
VERB_RE = re.compile("|".join(v for v, _ in VERBS))
KIND_OF = dict(VERBS)
DECISION = re.compile(r"《[^《》]*(?:〈[^〈〉]*〉[^《》]*)*》")
ORDINAL = re.compile(r"第([一二三四五六七八九十]+)次(?:修正|修订)")
EDGE = "（）() 　\t，,。；;"


def _clauses(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join wrapped history lines (a line without a date continues the one before) and cut
    the result into clauses, each starting at a date."""
    joined: list[tuple[int, str]] = []
    for line_no, text in lines:
        text = text.strip()
        if not text:
            continue
        if joined and not DATE.search(text) and not joined[-1][1].rstrip(EDGE).endswith(
                tuple(v for v, _ in VERBS)):
            joined[-1] = (joined[-1][0], joined[-1][1] + text)
        else:
            joined.append((line_no, text))
    clauses: list[tuple[int, str]] = []
    for line_no, text in joined:
        starts = [m.start() for m in DATE.finditer(text)]
        if not starts:
            continue
        starts.append(len(text))
        prefix = text[:starts[0]]
        if starts[0] > 0 and VERB_RE.search(prefix):
            starts.insert(0, 0)     # words before the first date form a clause of their own
        elif len(prefix.strip(EDGE)) <= 4:
            starts[0] = 0           # 根据2009年…: the clause starts before its date
        for a, b in zip(starts, starts[1:]):
            clause = _through_last_verb(text[a:b]).strip(EDGE)
            if clause:
                clauses.append((line_no, clause))
    return clauses


def _through_last_verb(clause: str) -> str:
    """The clause up to its last verb: a run-on line goes on with the table of contents."""
    masked = DECISION.sub(lambda d: "\0" * len(d.group(0)), clause)
    ends = [m.end() for m in VERB_RE.finditer(masked)]
    return clause[:ends[-1]] if ends else clause


def _body(rest: str) -> str | None:
    """Who acted: the words between the date and the decision or verb (…第五次会议)."""
    end = len(rest)
    for m in (DECISION.search(rest), VERB_RE.search(DECISION.sub(lambda d: "\0" * len(d.group(0)), rest))):
        if m:
            end = min(end, m.start())
    body = re.sub(r"第[一二三四五六七八九十]+次$", "", rest[:end].strip(EDGE)).strip(EDGE)
    body = re.sub(r"^(?:根据|根據)", "", body)
    return body or None


def _event(line_no: int, clause: str) -> Event:
    date_match = DATE.search(clause)
    date = (f"{int(date_match.group(1)):04d}-{int(date_match.group(2)):02d}-{int(date_match.group(3)):02d}"
            if date_match else None)
    rest = clause[date_match.end():] if date_match else clause
    decision = DECISION.search(rest)
    outside = DECISION.sub("", rest)
    verbs = VERB_RE.findall(outside)
    kind = KIND_OF[verbs[-1]] if verbs else "unknown"
    ordinal = ORDINAL.search(outside)
    return Event(kind=kind, date=date, text=clause, line=line_no, body=_body(rest),
                 decision=decision.group(0) if decision else None,
                 ordinal=ordinal.group(1) if ordinal else None)


def history_events(lines: list[tuple[int, str]]) -> list[Event]:
    """Events from the preamble's (line number, text) pairs, in the order written.

    One clause may hold several events (…通过 …公布 自…起施行 share a line in local
    regulations): a clause is cut at each date, and a clause naming two verbs with one date
    (公布施行) gives both."""
    events: list[Event] = []
    for line_no, clause in _clauses(lines):
        event = _event(line_no, clause)
        events.append(event)
        outside = DECISION.sub("", clause)
        if event.kind == "effective" and re.search("公布[^，。]*施行|公布施行", outside):
            events.insert(len(events) - 1, Event(kind="promulgated", date=event.date, text=clause,
                                                 line=line_no, body=event.body))
    return events
