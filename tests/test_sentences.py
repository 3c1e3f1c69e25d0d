"""backend.sentences: where sentences end, offsets, selectors, and properties on arbitrary text."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.extract import extract_text, from_block_texts
from backend.sentences import CONTEXT_CHARS, quote_selector, split_sentences


def split(text: str) -> list[str]:
    return [s.text for s in split_sentences(extract_text(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Smith treats pain. He uses needles.", ["Dr. Smith treats pain.", "He uses needles."]),
        (
            "Mr. and Mrs. Lee came. Prof. Chan saw them.",
            ["Mr. and Mrs. Lee came.", "Prof. Chan saw them."],
        ),
        (
            "The clinic on Main St. Louis Road opened.",
            ["The clinic on Main St. Louis Road opened."],
        ),
        ("Use heat, e.g. a pad. Rest, i.e. stop.", ["Use heat, e.g. a pad.", "Rest, i.e. stop."]),
        ("Stretch, rest, etc. and then walk.", ["Stretch, rest, etc. and then walk."]),
        ("Stretch, rest, etc. Then walk.", ["Stretch, rest, etc.", "Then walk."]),
        ("Needles vs. injections. Both work.", ["Needles vs. injections.", "Both work."]),
        (
            "Approved in the U.S. Food and Drug lists.",
            ["Approved in the U.S. Food and Drug lists."],
        ),
        (
            "Sold in the U.K. and the U.S. since 2001.",
            ["Sold in the U.K. and the U.S. since 2001."],
        ),
        ("It takes approx. 30 minutes. Then rest.", ["It takes approx. 30 minutes.", "Then rest."]),
        (
            "Rest for 2 hrs. Then walk for 10 min. Repeat.",
            ["Rest for 2 hrs.", "Then walk for 10 min.", "Repeat."],
        ),
        ("Built ca. 1900 in CA. It still stands.", ["Built ca. 1900 in CA.", "It still stands."]),
        ("See Fig. 2 for the data. It is clear.", ["See Fig. 2 for the data.", "It is clear."]),
        (
            "Trial No. 5 failed. Is it safe? No. It is not.",
            ["Trial No. 5 failed.", "Is it safe?", "No.", "It is not."],
        ),
        (
            "Smith et al. found benefit. Jones et al. did not.",
            ["Smith et al. found benefit.", "Jones et al. did not."],
        ),
        ("President John F. Kennedy had back pain.", ["President John F. Kennedy had back pain."]),
        ("J. F. Kennedy was treated. He improved.", ["J. F. Kennedy was treated.", "He improved."]),
        ("Take vitamin D. Then rest.", ["Take vitamin D.", "Then rest."]),
        (
            "Take 2.5 mg daily. Stop after 3.5 weeks.",
            ["Take 2.5 mg daily.", "Stop after 3.5 weeks."],
        ),
        (
            "It costs $10.50 per visit. Insurance pays.",
            ["It costs $10.50 per visit.", "Insurance pays."],
        ),
        (
            "It works... sometimes. Wait... Then go.",
            ["It works... sometimes.", "Wait...", "Then go."],
        ),
        ("It works\u2026 Then go.", ["It works\u2026", "Then go."]),
        ("Does it work? Yes! It does.", ["Does it work?", "Yes!", "It does."]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        ('"It works." She said so.', ['"It works."', "She said so."]),
        ("\u201cIt works.\u201d She said so.", ["\u201cIt works.\u201d", "She said so."]),
        ('"Does it work?" she asked.', ['"Does it work?" she asked.']),
        ("It helps (a little.) Then stop.", ["It helps (a little.)", "Then stop."]),
        ("Pain fell.[3] Sleep improved.[4, 5]", ["Pain fell.[3]", "Sleep improved.[4, 5]"]),
        ("1. Warm up first. 2. Stretch.", ["1. Warm up first.", "2. Stretch."]),
        ("It ends here.", ["It ends here."]),
        ("no punctuation at all", ["no punctuation at all"]),
        ("Visit www.example.com today. Call now.", ["Visit www.example.com today.", "Call now."]),
        ("Open at 9 a.m. daily. Closed Sundays.", ["Open at 9 a.m. daily.", "Closed Sundays."]),
        ("\u2022 Back pain. \u2022", ["\u2022 Back pain."]),
        (
            "\u9488\u7078\u6709\u6548\u3002\u4f46\u8bc1\u636e\u6709\u9650\uff01\u300c\u597d\u3002\u300d",
            [
                "\u9488\u7078\u6709\u6548\u3002",
                "\u4f46\u8bc1\u636e\u6709\u9650\uff01",
                "\u300c\u597d\u3002\u300d",
            ],
        ),
    ],
)
def test_split(text, expected):
    assert split(text) == expected


def test_sentences_never_cross_blocks():
    extracted = from_block_texts(
        None, [("h", "Is it safe"), ("li", "Back pain"), ("td", "Effective"), ("p", "Yes. It is.")]
    )
    assert [s.text for s in split_sentences(extracted)] == [
        "Is it safe",
        "Back pain",
        "Effective",
        "Yes.",
        "It is.",
    ]


def test_offsets_are_into_the_whole_text():
    extracted = from_block_texts(None, [("p", "First one. Second one."), ("p", "Third.")])
    found = split_sentences(extracted)
    assert [(s.start, s.end) for s in found] == [(0, 10), (11, 22), (23, 29)]
    assert all(extracted.text[s.start : s.end] == s.text for s in found)


def test_quote_selector_context_tells_repeats_apart():
    text = "Needling helps. It works. Massage helps. It works. Rest."
    extracted = extract_text(text)
    repeats = [s for s in split_sentences(extracted) if s.text == "It works."]
    selectors = [quote_selector(extracted.text, s.start, s.end) for s in repeats]
    assert selectors[0]["exact"] == selectors[1]["exact"] == "It works."
    assert selectors[0]["prefix"] != selectors[1]["prefix"]
    assert selectors[0] == {
        "type": "TextQuoteSelector",
        "exact": "It works.",
        "prefix": "Needling helps. ",
        "suffix": " Massage helps. It works. Rest.",
    }


def test_quote_selector_context_is_at_most_32_characters():
    text = "x" * 100 + "Claim." + "y" * 100
    selector = quote_selector(text, 100, 106)
    assert selector["prefix"] == "x" * CONTEXT_CHARS
    assert selector["suffix"] == "y" * CONTEXT_CHARS


BLOCK_TEXT = st.text(
    alphabet=st.sampled_from(list("ab AZ.!?\u2026\"')]([0123,;:\u201d\u2019\n\t\u00a0-")),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["p", "h", "li", "td"]), BLOCK_TEXT), max_size=8))
def test_properties_on_arbitrary_blocks(blocks):
    extracted = from_block_texts(None, blocks)
    text = extracted.text
    found = split_sentences(extracted)
    previous_end = 0
    for sentence in found:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert sentence.start >= previous_end  # in order, never overlapping
        previous_end = sentence.end
        assert any(b.start <= sentence.start and sentence.end <= b.end for b in extracted.blocks)
        selector = quote_selector(text, sentence.start, sentence.end)
        assert selector["exact"] == sentence.text
        assert selector["prefix"] + selector["exact"] + selector["suffix"] in text
        assert len(selector["prefix"]) <= CONTEXT_CHARS >= len(selector["suffix"])


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_never_crashes_on_any_text(text):
    for sentence in split_sentences(extract_text(text)):
        assert sentence.text


@pytest.mark.parametrize(
    "text",
    [
        "." * 200_000,
        "a." * 100_000,
        "Dr. " * 50_000,
        "word " * 100_000,
        "It works. " * 20_000,
        "?" * 100_000 + " x",
        ")" * 100_000 + ". A",
    ],
)
def test_long_inputs_are_split_in_linear_time(text):
    started = time.perf_counter()
    split_sentences(extract_text(text))
    assert time.perf_counter() - started < 2
