"""Term protection: placeholders in, glossary English out, lost terms reported."""

from __future__ import annotations

import re

from generator.english.terms import (MAX_PLACEHOLDERS, default_terms, placeholder, placeholders,
                                       protect, restore, restore_with_report)

TERMS = default_terms()


def test_default_terms_hold_the_locked_terms():
    table = dict(TERMS)
    assert table["市产业主管部门"] == "the municipal industry authority"
    assert table["人工智能产业"] == "the artificial intelligence industry"
    assert table["人工智能"] == "artificial intelligence"
    assert table["长三角"] == "the Yangtze River Delta"


def test_placeholders_are_fixed_width_and_distinct():
    tokens = placeholders(60)
    assert tokens[:3] == ["TERMAA", "TERMAB", "TERMAC"]
    assert len(set(tokens)) == 60
    assert all(re.fullmatch(r"TERM[A-Z]{2}", t) for t in tokens)
    # fixed width: no placeholder is a prefix of another, and none has "_" (argos turns it into a space)
    assert not any(a != b and b.startswith(a) for a in tokens for b in tokens)
    assert placeholder(MAX_PLACEHOLDERS - 1) == "TERMZZ"


def test_longest_term_wins():
    text, info = protect("市人民政府应当支持人工智能产业发展，推动人工智能技术应用。", TERMS)
    assert text == "市人民政府应当支持TERMAA发展，推动TERMAB技术应用。"
    assert [(p.placeholder, p.zh, p.en) for p in info.protected] == [
        ("TERMAA", "人工智能产业", "the artificial intelligence industry"),
        ("TERMAB", "人工智能", "artificial intelligence"),
    ]
    assert "人工智能" not in text


def test_every_occurrence_gets_its_own_placeholder_and_terms_are_deduplicated():
    text, info = protect("人工智能、人工智能与长三角", TERMS)
    assert text == "TERMAA、TERMAB与TERMAC"
    assert info.terms() == [("人工智能", "artificial intelligence"), ("长三角", "the Yangtze River Delta")]


def test_restore_puts_glossary_english_back():
    _, info = protect("市产业主管部门应当会同有关部门推动人工智能产业发展。", TERMS)
    english = restore("TERMAA shall, together with the relevant departments, promote TERMAB development.", info)
    assert english == ("The municipal industry authority shall, together with the relevant departments, "
                       "promote the artificial intelligence industry development.")


def test_restore_does_not_double_the_article():
    _, info = protect("支持长三角合作", TERMS)
    assert restore("Support cooperation in the TERMAA.", info) == "Support cooperation in the Yangtze River Delta."
    assert restore("The TERMAA matters.", info) == "The Yangtze River Delta matters."


def test_restore_tolerates_case_and_spacing_changes():
    _, info = protect("人工智能与长三角", TERMS)
    assert restore("termaa and the TERM AB", info) == "Artificial intelligence and the Yangtze River Delta"


def test_restore_does_not_take_ordinary_words_for_a_placeholder():
    _, info = protect("人工智能与长三角", TERMS)
    english, missing = restore_with_report("TERMAA prevents long-term abuse.", info)
    assert english == "Artificial intelligence prevents long-term abuse."
    assert [m.placeholder for m in missing] == ["TERMAB"]


def test_lost_placeholder_is_reported_not_dropped_silently():
    _, info = protect("市产业主管部门负责人工智能产业促进工作。", TERMS)
    english, missing = restore_with_report("TERMAA is responsible for promotion work.", info)
    assert english == "The municipal industry authority is responsible for promotion work."
    assert [(m.zh, m.en) for m in missing] == [("人工智能产业", "the artificial intelligence industry")]


def test_text_without_terms_is_untouched():
    text, info = protect("本条例自2022年11月1日起施行。", TERMS)
    assert text == "本条例自2022年11月1日起施行。" and not info
    assert restore("This regulation takes effect on 1 November 2022.", info) == \
        "This regulation takes effect on 1 November 2022."


def test_placeholders_already_in_the_text_are_skipped():
    text, info = protect("TERMAA人工智能", TERMS)
    assert text == "TERMAATERMAB"
    assert [p.placeholder for p in info.protected] == ["TERMAB"]
    assert restore(text, info) == "TERMAAartificial intelligence"
