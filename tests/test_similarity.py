"""Copying similarity between narratives, and the index for one-against-many."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.similarity import PreparedText, SimilarityIndex, compare_texts, prepare

LAST_YEAR = (
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，编制本报告。"
    "本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。\n"
    "一、总体情况\n"
    "2023年，示例镇坚持以群众需求为导向，聚焦重点领域和关键环节，依托政府网站和政务新媒体"
    "主动公开政府信息1136条，及时发布惠企政策和便民服务信息，做好政策解读和回应关切。"
    "进一步规范依申请公开流程，畅通依申请公开受理渠道，全年受理政府信息公开申请21件，"
    "均在法定期限内答复。加强对政府网站和政务新媒体的日常监管，建立信息发布审核制度，"
    "严格执行“三审三校”，确保公开信息准确规范。\n"
    "五、存在的主要问题及改进情况\n"
    "依申请公开工作规范性还有待提高，政务公开队伍建设有待加强。下一步将健全工作机制，"
    "强化部门协同配合，继续加强业务指导培训，不断提高工作人员的业务水平。"
)

# the same narrative one year on: numbers and the year changed, one sentence rewritten
THIS_YEAR = (
    LAST_YEAR.replace("2023", "2024")
    .replace("1136", "2428")
    .replace("21件", "17件")
    .replace("均在法定期限内答复。", "均已在法定期限内予以答复。")
)

UNRELATED = (
    "市科委设立政务公开工作协调小组，统筹协调信息公开工作部门、法制部门、业务处室等共同"
    "协作推进和落实政务公开任务。“上海科技”微信公众号共编发文章1640篇，其中原创文章294篇，"
    "视频号共制作并发布短视频584条，累计观看量1924252次。开设“张江高新区”专栏，集中发布"
    "展示原市科创办相关政策和业务信息，并根据新的职能对政府信息公开目录进行调整。"
)


def test_copied_text_with_new_numbers_is_found() -> None:
    result = compare_texts(THIS_YEAR, LAST_YEAR)
    assert result.score > 0.9
    assert result.coverage_a > 0.9 and result.coverage_b > 0.9
    assert result.passages
    for passage in result.passages:
        assert THIS_YEAR[passage.a[0] : passage.a[1]] == passage.text_a
        assert LAST_YEAR[passage.b[0] : passage.b[1]] == passage.text_b
        assert passage.length >= 20


def test_unrelated_texts_share_nothing() -> None:
    result = compare_texts(THIS_YEAR, UNRELATED)
    assert result.score == 0.0
    assert result.passages == ()


def test_template_boilerplate_is_not_copying() -> None:
    a = (
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定，编制本报告。"
        "本报告所列数据统计期限自2024年1月1日起至2024年12月31日止。"
        "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
        "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n"
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        "如对本报告有疑问，请与区政府办公室联系（地址：示例路1号，电话：0517-87222589）。"
    )
    b = a.replace("第五十条规定", "要求").replace("示例路1号", "人民路9号")
    result = compare_texts(a, b)
    assert result.passages == ()
    assert result.score == 0.0
    assert prepare(a).content_length == 0


def test_stock_phrases_alone_are_not_copying() -> None:
    a = "2024年，我区坚持以习近平新时代中国特色社会主义思想为指导，认真抓好落实。"
    b = "2023年，市科委坚持以习近平新时代中国特色社会主义思想为指导，推动工作上台阶。"
    assert compare_texts(a, b).passages == ()


def test_small_edits_inside_a_passage_are_bridged() -> None:
    a = "我镇严格执行信息发布审核制度，认真落实三审三校要求，确保信息发布准确规范安全可靠。"
    b = "我区严格执行信息发布审核制度，认真落实三审三校要求，确保信息发布准确规范安全可靠。"
    result = compare_texts(a, b)
    assert len(result.passages) == 1
    (passage,) = result.passages
    assert passage.exact is True  # 我镇/我区 is before the passage: nothing to bridge
    c = "我镇严格执行信息发布审核制度，认真贯彻三审三校要求，确保信息发布准确规范安全可靠。"
    (bridged,) = compare_texts(a, c).passages
    assert bridged.exact is False
    assert bridged.text_a.startswith("镇严格执行") or bridged.text_a.startswith("我镇严格执行")


def test_score_is_symmetric() -> None:
    forward = compare_texts(THIS_YEAR, LAST_YEAR)
    backward = compare_texts(LAST_YEAR, THIS_YEAR)
    assert forward.score == backward.score
    assert forward.coverage_a == backward.coverage_b
    assert [(p.a, p.b) for p in forward.passages] == [(p.b, p.a) for p in backward.passages]


def test_prepared_texts_can_be_reused() -> None:
    prepared = prepare(LAST_YEAR)
    assert isinstance(prepared, PreparedText)
    assert compare_texts(THIS_YEAR, prepared).score == compare_texts(THIS_YEAR, LAST_YEAR).score


def test_empty_and_wrong_arguments() -> None:
    assert compare_texts("", "").score == 0.0
    assert compare_texts("", LAST_YEAR).score == 0.0
    with pytest.raises(ValueError, match="min_length"):
        compare_texts("a", "b", min_length=0)
    with pytest.raises(TypeError):
        prepare(None)  # type: ignore[arg-type]


def test_full_width_and_kangxi_forms_compare_equal() -> None:
    a = "全年受理政府信息公开申请２１件，均在法定期限内答复，⼀是加强组织领导，二是完善工作机制。"
    b = "全年受理政府信息公开申请21件，均在法定期限内答复，一是加强组织领导，二是完善工作机制。"
    assert compare_texts(a, b).score == 1.0


def test_index_finds_the_source_of_a_copy() -> None:
    index: SimilarityIndex[str] = SimilarityIndex()
    index.add("示例镇2023", LAST_YEAR)
    index.add("科委2024", UNRELATED)
    for n in range(20):
        index.add(f"其他{n}", UNRELATED.replace("市科委", f"第{n}单位") + "一" * n)
    assert len(index) == 22 and "示例镇2023" in index
    (best, *_) = index.query(THIS_YEAR, top=3)
    assert best.key == "示例镇2023"
    assert best.score > 0.9
    assert best.shared_fingerprints > 0
    assert [m.key for m in index.query(THIS_YEAR, top=1)] == ["示例镇2023"]


def test_index_exclude_remove_and_replace() -> None:
    index: SimilarityIndex[tuple[str, int]] = SimilarityIndex()
    index.add(("示例镇", 2023), LAST_YEAR)
    index.add(("示例镇", 2024), THIS_YEAR)
    results = index.query(THIS_YEAR, exclude=("示例镇", 2024))
    assert [m.key for m in results] == [("示例镇", 2023)]
    index.remove(("示例镇", 2023))
    assert index.query(THIS_YEAR, exclude=("示例镇", 2024)) == ()
    index.add(("示例镇", 2024), UNRELATED)  # replaces the stored text
    assert index.query(THIS_YEAR) == ()
    assert list(index) == [("示例镇", 2024)]
    with pytest.raises(ValueError, match="top"):
        index.query(THIS_YEAR, top=0)
    with pytest.raises(ValueError, match="min_length"):
        SimilarityIndex(min_length=0)


def test_candidates_skip_keys_and_bound_the_texts_a_fingerprint_counts_for() -> None:
    index: SimilarityIndex[int] = SimilarityIndex()
    for n in range(10):  # ten copies of one text
        index.add(n, LAST_YEAR)
    index.add(10, UNRELATED)
    found = index.candidates(THIS_YEAR, 4, skip={0, 1})
    assert [key for key, _ in found] == [2, 3, 4, 5]
    assert len({shared for _, shared in found}) == 1 and found[0][1] > 0
    capped = index.candidates(THIS_YEAR, 20, skip={0}, per_fingerprint=3)
    assert [key for key, _ in capped] == [1, 2, 3]  # each fingerprint counted for 3 texts
    assert 10 not in dict(index.candidates(THIS_YEAR, 20))
    assert index.query(THIS_YEAR, top=1)[0].key == 0  # query ranks its candidates alike


def test_min_score_filters_results() -> None:
    index: SimilarityIndex[str] = SimilarityIndex()
    index.add("last", LAST_YEAR)
    assert index.query(THIS_YEAR, min_score=0.99) == ()


_ALPHABET = st.sampled_from(
    list("政府信息公开申请办理答复年月日件0123456789１２，。、 \n（）我镇区《》")
)


@given(st.text(_ALPHABET, max_size=400), st.text(_ALPHABET, max_size=400))
def test_similarity_properties(a: str, b: str) -> None:
    result = compare_texts(a, b)
    assert 0.0 <= result.score <= 1.0
    assert 0.0 <= result.coverage_a <= 1.0 and 0.0 <= result.coverage_b <= 1.0
    assert compare_texts(b, a).score == result.score
    for passage in result.passages:
        assert a[passage.a[0] : passage.a[1]] == passage.text_a
        assert b[passage.b[0] : passage.b[1]] == passage.text_b


def _longest_content_run(text: str) -> int:
    longest = run = 0
    for masked in prepare(text).mask:
        run = 0 if masked else run + 1
        longest = max(longest, run)
    return longest


@given(st.text(max_size=300))
def test_a_text_is_similar_to_itself(text: str) -> None:
    result = compare_texts(text, text)
    assert 0.0 <= result.score <= 1.0
    prepared = prepare(text)
    if prepared.content_length == 0:
        assert result.score == 0.0
    if _longest_content_run(text) >= 20:  # one passage of the default min_length at least
        assert result.score > 0.0 and result.passages
    if not any(prepared.mask) and prepared.content_length >= 20:
        assert result.score == 1.0 and result.coverage_a == result.coverage_b == 1.0


@pytest.mark.parametrize(
    "text",
    ["甲乙丙丁" * 30, "ab" * 1000, "全年主动公开政府信息2488条。" * 5, "本机关" + "一" * 60],
    ids=["period-4", "period-2", "sentence-repeated", "one-char-run"],
)
def test_a_repetitive_text_is_wholly_similar_to_itself(text: str) -> None:
    # a shingle repeated many times once seeded nothing: a 120-character text scored 0.0
    result = compare_texts(text, text)
    assert result.score == 1.0
    shifted = compare_texts(text, "开头" + text + "结尾")
    assert shifted.coverage_a == 1.0


def test_a_match_serves_every_pair_of_texts_with_its_content_keys() -> None:
    from zfxxgk.similarity import match_texts

    a, b = prepare(LAST_YEAR), prepare(THIS_YEAR)
    match = match_texts(a, b)
    assert match.similarity(a, b) == compare_texts(a, b)
    assert match.score == compare_texts(a, b).score > 0.5
    # other numbers, other punctuation: the same content keys, the passages of these texts
    a2 = prepare(LAST_YEAR.replace("1136", "7").replace("21件", "3 件"))
    b2 = prepare(THIS_YEAR.replace("2428", "12,345").replace("。", "；", 1))
    assert (a2.content_key, b2.content_key) == match.keys
    assert match.similarity(a2, b2) == compare_texts(a2, b2)
    assert any("3 件" in p.text_a for p in match.similarity(a2, b2).passages)
    # swapped, the swapped match
    assert match_texts(b, a).similarity(b, a) == compare_texts(b, a)
    with pytest.raises(ValueError, match="content_key"):
        match.similarity(a, prepare(UNRELATED))


def test_sketches_are_the_same_in_every_process() -> None:
    import subprocess
    import sys

    sketch = prepare(THIS_YEAR).sketch()
    assert len(sketch) == 64 and list(sketch) == sorted(sketch)
    shared = set(sketch) & set(prepare(LAST_YEAR).sketch())
    assert len(shared) > 16 and not set(sketch) & set(prepare(UNRELATED).sketch())
    code = (
        "import sys; from zfxxgk.similarity import prepare; "
        "print(list(prepare(sys.stdin.read()).sketch()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=THIS_YEAR, capture_output=True, text=True, check=True
    ).stdout  # another process: another seed for str's hash
    assert out.strip() == str(list(sketch))


@pytest.mark.parametrize("edit", ["我区新", "区", "我们镇的", ""])
def test_a_bridged_edit_of_another_length_keeps_both_passages_whole(edit: str) -> None:
    # 我镇 → an edit of another length: the joined passage is longer in one text than in the
    # other, and each side's span covers that text's own characters to the end (a length
    # measured in A alone cut B's passage short, or ran past B's end: IndexError)
    head = (
        "本机关坚持以习近平新时代中国特色社会主义思想为指导，"
        "全面贯彻落实政府信息公开条例的各项要求，"
    )
    tail = (
        "进一步加强政府信息公开平台建设，规范依申请公开办理流程，"
        "切实保障人民群众的知情权参与权表达权和监督权。"
    )
    a, b = head + "我镇" + tail, head + edit + tail
    for first, second in ((a, b), (b, a)):
        (passage,) = compare_texts(first, second).passages
        assert first[passage.a[0] : passage.a[1]] == passage.text_a
        assert second[passage.b[0] : passage.b[1]] == passage.text_b
        end = tail.rstrip("。")  # the closing mark is no character of a passage
        assert passage.text_a.endswith(end) and passage.text_b.endswith(end)
        assert not passage.exact
