from __future__ import annotations

import shutil

import pytest

from assistant.config import SpeechSettings
from assistant.speech.audio import load_audio, sniff_format
from assistant.speech.errors import TtsUnavailableError
from assistant.speech.spoken import spoken_form
from assistant.speech.tts import EspeakSpeaker, plan_read_aloud, sentences, wav_seconds

needs_tools = pytest.mark.skipif(
    shutil.which("espeak-ng") is None or shutil.which("ffmpeg") is None,
    reason="espeak-ng/ffmpeg missing",
)
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng missing")

ANSWER = (
    "单位用工超过一个月、不满一年还没和您签书面劳动合同的，应当每月向您支付二倍工资。",
    "申请劳动仲裁的时效期间为1年，从2024年3月5日起算，请在2025-03-04前申请。",
    "先收集工资条、考勤记录、工作证、微信聊天记录等证据，再到用人单位所在地的劳动争议仲裁委员会"
    "申请仲裁，也可以拨打12348法律援助热线。仲裁不收费。如果单位拒不支付，您还可以向劳动保障"
    "监察机构投诉，投诉电话是12333，工作日上午9:00到下午5:30都可以打。",
)


@needs_tools
@pytest.mark.parametrize(("fmt", "container"), [("mp3", "mp3"), ("ogg", "ogg"), ("wav", "wav")])
def test_read_aloud_produces_browser_audio(fmt: str, container: str):
    data = EspeakSpeaker().speak("您好，请问有什么可以帮您？", fmt=fmt)  # type: ignore[arg-type]
    assert sniff_format(data) == container
    assert load_audio(data).size > 16_000  # over a second of audible speech


def test_missing_espeak_is_a_clear_error(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(TtsUnavailableError) as e:
        EspeakSpeaker().speak("你好")
    assert e.value.code == "tts_unavailable"


def test_empty_text_is_refused():
    with pytest.raises(TtsUnavailableError):
        EspeakSpeaker().speak("   ")


def test_the_default_voice_reads_mandarin():
    assert EspeakSpeaker().voice == SpeechSettings().tts_voice == "cmn-latn-pinyin"


@needs_espeak
@pytest.mark.parametrize("text", [
    "今天天气很好", "老板拖欠工资怎么办？",
    "工资3,000元，利率3.5%，第82条第2款，三分之一的份额", "2024年3月5日，2025-03-04，上午9:30",
    "请拨打12348法律援助热线，紧急情况拨打110或120，电话13812345678", *ANSWER,
])
def test_no_english_switch_on_chinese_text_numbers_and_dates(text: str):
    phonemes = EspeakSpeaker().phonemes(text)
    assert phonemes.strip()
    assert "(en)" not in phonemes, phonemes


@needs_espeak
def test_the_old_voice_read_chinese_as_english():
    # Why the default changed: `cmn` spells pinyin with the English voice ("jin one tian one").
    assert "(en)" in EspeakSpeaker(voice="cmn").phonemes("今天天气很好")


@pytest.mark.parametrize(("written", "spoken"), [
    ("2024年3月5日前拨打12348", "二零二四年三月五日前拨打幺二三四八"),
    ("2025-03-04", "二零二五年三月四日"),
    ("工作满3年，工资3,000元", "工作满三年，工资三千元"),
    ("诉讼时效期间为3年，最长20年", "诉讼时效期间为三年，最长二十年"),
    ("上午9:30到12:00", "上午九点三十分到十二点"),
    ("3-5天", "三到五天"),
    ("电话13812345678", "电话幺三八幺二三四五六七八"),
    ("拨打110或120", "拨打幺幺零或幺二零"),
    ("赔偿110元", "赔偿一百一十元"),
    ("利率3.5%", "利率百分之三点五"),
    ("第82条第2款", "第八十二条第二款"),
    ("２０２４年", "二零二四年"),
    ("没有数字。", "没有数字。"),
])
def test_numbers_dates_and_hotlines_in_chinese_words(written: str, spoken: str):
    assert spoken_form(written) == spoken


def test_wav_duration_from_the_bytes_present():
    import io
    import wave

    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22_050)
        w.writeframes(b"\0\0" * 22_050 * 2)
    assert wav_seconds(buf.getvalue()) == pytest.approx(2.0)
    with pytest.raises(ValueError):
        wav_seconds(b"OggS" + bytes(40))


@needs_tools
def test_render_reports_the_duration_of_what_it_returns():
    speech = EspeakSpeaker().render("请在三十日内申请劳动仲裁。", fmt="mp3")
    assert speech.mime == "audio/mpeg"
    decoded_s = load_audio(speech.audio).size / 16_000
    assert abs(decoded_s - speech.seconds) < 0.2
    assert 1.0 < speech.seconds < 10.0


def test_sentences_keep_their_marks():
    assert sentences("第一句。第二句！\n第三句") == ["第一句。", "第二句！", "第三句"]


@needs_espeak
def test_a_first_screen_stays_under_a_minute_and_nothing_is_lost():
    speaker = EspeakSpeaker()
    whole = speaker.seconds("".join(ANSWER))
    assert whole > 60.0  # the case the cap is for
    plan = plan_read_aloud(ANSWER, ["【法律依据】《劳动合同法》第八十二条……"], speaker=speaker)
    assert 30.0 < plan.first_seconds <= 55.0
    assert plan.first.startswith("单位用工超过一个月")
    assert plan.rest.endswith("【法律依据】《劳动合同法》第八十二条……")
    assert "".join(sentences(plan.first + plan.rest)).startswith("".join(ANSWER)[:40])
    assert (plan.first + plan.rest.replace("\n", "")).count("仲裁不收费") == 1


@needs_espeak
def test_one_endless_sentence_is_cut_at_a_comma():
    long = "，".join(["请您带好身份证和劳动合同复印件"] * 20) + "。"
    plan = plan_read_aloud([long], speaker=EspeakSpeaker(), max_seconds=15.0)
    assert plan.first and plan.first_seconds <= 15.0
    assert plan.first + plan.rest == long
