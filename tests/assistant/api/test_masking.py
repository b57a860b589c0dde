from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from assistant.api.masking import ID_MASK, MOBILE_MASK, NAME_MASK, mask_pii

# Text around personal data: anything but ASCII/full-width digits, so the number stays one number.
filler = st.text(
    st.characters(blacklist_categories=("Cs", "Nd"), blacklist_characters="Xx+"), max_size=20
)
id_numbers = st.builds(
    lambda region, y, m, d, seq, check: f"{region}{y}{m:02d}{d:02d}{seq:03d}{check}",
    st.integers(110000, 659999), st.integers(1920, 2024), st.integers(1, 12),
    st.integers(1, 28), st.integers(0, 999), st.sampled_from("0123456789X"),
)
mobiles = st.builds(lambda p, rest: f"1{p}{rest:09d}", st.sampled_from("3456789"),
                    st.integers(0, 999_999_999))
han = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
names = st.text(han, min_size=2, max_size=3)


@given(filler, id_numbers, filler)
def test_id_numbers_never_survive(before: str, number: str, after: str) -> None:
    out = mask_pii(before + number + after)
    assert number not in out and ID_MASK in out


@given(filler, mobiles, filler, st.sampled_from(["", " ", "-"]))
def test_mobiles_never_survive(before: str, number: str, after: str, sep: str) -> None:
    spaced = number[:3] + sep + number[3:7] + sep + number[7:]
    out = mask_pii(before + spaced + after)
    assert spaced not in out and MOBILE_MASK in out


@given(st.sampled_from(["我叫", "姓名：", "名字是", "我的名字叫"]), names, filler)
def test_self_given_names_are_masked(trigger: str, name: str, after: str) -> None:
    out = mask_pii(f"你好，{trigger}{name}，{after}")
    assert out.startswith(f"你好，{trigger}{NAME_MASK}，")


@given(st.text(max_size=80))
def test_masking_is_idempotent(text: str) -> None:
    once = mask_pii(text)
    assert mask_pii(once) == once


@given(st.text(st.characters(blacklist_categories=("Nd", "Cs")), max_size=60))
def test_text_without_digits_or_name_triggers_is_unchanged(text: str) -> None:
    if any(t in text for t in ("叫", "姓", "名字", "当事人", "申请人")):
        return
    assert mask_pii(text) == text


def test_examples() -> None:
    text = "我叫张三，身份证号110101199003071234，手机138-1234-5678，座机010-12345678"
    out = mask_pii(text)
    assert out == "我叫[姓名]，身份证号[身份证号]，手机[手机号]，座机[电话]"
    # Hotlines, dates and amounts are not personal data.
    assert mask_pii("拨打12348，2023-01-15离职，欠薪5000元") == "拨打12348，2023-01-15离职，欠薪5000元"
