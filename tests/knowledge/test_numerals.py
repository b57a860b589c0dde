from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.numerals import cn_to_int, int_to_cn


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10), ("十一", 11), ("一十", 10), ("二十", 20), ("一百零三", 103),
        ("一百一十", 110), ("二百六十六", 266), ("一千零七十九", 1079), ("一千零一", 1001),
        ("一千二百六十", 1260), ("两百", 200), ("一〇七九", 1079), ("零", 0),
        ("82", 82), ("１０７９", 1079), (" 十七 ", 17),
    ],
)
def test_cn_to_int(text: str, value: int) -> None:
    assert cn_to_int(text) == value


@pytest.mark.parametrize(
    ("value", "text"),
    [(10, "十"), (11, "十一"), (110, "一百一十"), (103, "一百零三"), (1079, "一千零七十九"),
     (1001, "一千零一"), (1100, "一千一百"), (1010, "一千零一十"), (0, "零")],
)
def test_int_to_cn(value: int, text: str) -> None:
    assert int_to_cn(value) == text


@pytest.mark.parametrize("garbage", ["", "  ", "abc", "十十", "百百", "二百六", "一二三x", "第十条", "1.5"])
def test_cn_to_int_rejects_garbage(garbage: str) -> None:
    with pytest.raises(ValueError):
        cn_to_int(garbage)


@pytest.mark.parametrize("bad", [-1, 10000, True])
def test_int_to_cn_rejects_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError):
        int_to_cn(bad)


@given(st.integers(min_value=1, max_value=2000))
def test_round_trip(n: int) -> None:
    assert cn_to_int(int_to_cn(n)) == n
    assert cn_to_int(str(n)) == n
