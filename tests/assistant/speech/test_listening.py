"""What a listener hears of an answer: no marks for the eye, headings as short sentences."""

from __future__ import annotations

from assistant.speech.spoken import listening_form


def test_marks_for_the_eye_are_not_read() -> None:
    heard = listening_form("【法律依据】\n1. 《劳动合同法》第八十二条：……")
    assert heard == "法律依据。\n1. 劳动合同法第八十二条："


def test_the_holiday_aside_is_left_to_the_screen_the_article_is_read() -> None:
    heard = listening_form("时间限制：劳动争议申请仲裁时效（劳动争议调解仲裁法第二十七条），最后一天是"
                           "2027年9月30日。（该年节假日安排尚未公布，遇节假日可以顺延。）\n下一步：找证据")
    assert "节假日" not in heard
    assert "劳动争议调解仲裁法第二十七条" in heard and heard.endswith("下一步：找证据。")
