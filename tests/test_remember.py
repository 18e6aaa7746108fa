"""The builder's remembered answers (``readers._remember``): the same answers as the function,
a bounded number of short texts, long texts only within one build and within a budget."""

from __future__ import annotations

from zfxxgk import render
from zfxxgk.readers import _remember, read
from zfxxgk.readers._remember import LONGEST, Remembered, new_build
from zfxxgk.readers.builder.values import _kind_of, classify
from zfxxgk.readers.labels import _label_key, _remembered_label_key, key_of, label_key

from .fixtures.reports import report_2021


def test_answers_are_the_function_s() -> None:
    calls: list[str] = []

    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    cache = Remembered(length, maxsize=3)
    assert [cache[t] for t in ("a", "bb", "a", "ccc", "dddd", "a")] == [1, 2, 1, 3, 4, 1]
    # full at the fourth text: emptied, so "a" is asked again
    assert calls == ["a", "bb", "ccc", "dddd", "a"]
    assert len(cache) <= cache.maxsize == cache.cache_info().maxsize


def test_long_texts_are_kept_only_within_the_budget_and_one_build() -> None:
    calls: list[str] = []

    def first(text: str) -> str:
        calls.append(text)
        return text[0]

    cache = Remembered(first, maxsize=10, recent=3 * (LONGEST + 1))
    texts = [c * (LONGEST + 1) for c in "abcd"]
    for text in texts:
        assert cache[text] == text[0]
    assert not any(len(t) > LONGEST for t in cache)  # never in the dict itself
    assert cache.long_texts() == tuple(texts[1:])  # the oldest went
    assert cache[texts[3]] == "d" and len(calls) == 4  # remembered
    new_build()
    assert cache.long_texts() == ()
    assert cache[texts[3]] == "d" and len(calls) == 5
    huge = "x" * (cache.recent + 1)
    assert cache[huge] == "x"
    assert huge not in cache.long_texts()
    _remember._WITH_LONG.remove(cache)


def test_shared_caches_answer_as_the_functions() -> None:
    texts = ["0", " 12 ", "行政许可", "（一）予以公开", "", "－", "规章" * 150, "1,234件"]
    for text in texts:
        assert classify(text) == _kind_of(text)
        assert key_of(text) == label_key(text) == _label_key(text)


def test_a_read_keeps_no_long_text_past_the_next_build() -> None:
    paragraph = "全年主动公开政府信息，" * 40  # a long paragraph
    page = render.to_html(report_2021()).replace("</p>", f"</p><p>{paragraph}</p>", 1)
    read(page.encode(), name="r.html")
    kept = _remembered_label_key.long_texts()
    assert any(paragraph in text for text in kept)
    assert sum(map(len, kept)) <= _remembered_label_key.recent
    read(render.to_html(report_2021()).encode(), name="r.html")
    assert not any(paragraph in text for text in _remembered_label_key.long_texts())
