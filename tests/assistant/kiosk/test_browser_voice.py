"""Voice on the kiosk as a citizen meets it: Debian's chromium against ``legalaid serve`` with the
bundled Whisper base, read-aloud by espeak-ng (or the browser's own Mandarin voice), and a real
recording as the microphone (Chromium's fake audio capture plays a clip of the knowledge pack).
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from eval.asr import cer
from eval.make_speech_set import wav_bytes
from tests.support.browser import (
    KIOSK,
    Server,
    fake_microphone,
    new_page,
    shot,
    sibling_browser,
)
from tests.support.servers import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's chromium: apt-get install chromium"),
]

WAGES = "老板欠我三个月工资一万二，没签劳动合同，2026年9月30日离职了，我该怎么办？"
TRANSCRIBE_MS = 180_000  # Whisper base on two shared cores, a six-second clip
PLAYING = ("(() => { const a = document.querySelector('#tts audio');"
           " return a && !a.paused && a.currentTime > 0; })()")
# The Web Speech API as a browser with a Mandarin voice offers it (headless chromium has no
# voices, and a real utterance takes only a real voice): the page's own script must choose
# the voice, speak the part and pause the audio.
MANDARIN_VOICE = """(() => {
  const voice = {lang: 'zh-CN', name: 'Mandarin (test)', voiceURI: 'zh-test', localService: true,
                 default: true};
  window.__spoken = [];
  const synth = {speaking: false, pending: false, paused: false, cancelled: 0,
    getVoices() { return [voice]; },
    speak(u) { this.speaking = true; window.__spoken.push({text: u.text, voice: u.voice && u.voice.name,
               lang: u.lang}); },
    cancel() { this.speaking = false; this.cancelled += 1; },
    pause() {}, resume() {}, addEventListener() {}, removeEventListener() {}};
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})()"""


def _kiosk(browser: Any, server: Server, **options: Any) -> Any:
    page = new_page(browser, server.base_url + "/", viewport=KIOSK, touch=True, **options)
    page.wait_for_selector("#question textarea")
    return page


def _ask(page: Any, text: str) -> None:
    page.fill("#question textarea", text)
    page.tap("#send")
    page.wait_for_selector("#answer .answer")
    page.wait_for_function("() => !document.querySelector('.pending, .progress-text, .eta-bar')")


def _height(page: Any, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return float(box["height"])


def test_read_aloud_plays_the_first_screen_then_continues(
    server: Server, chromium_browser: Any
) -> None:
    page = _kiosk(chromium_browser, server)
    _ask(page, WAGES)
    assert page.locator("#read-more").is_hidden()
    page.tap("#read-aloud")
    block = page.wait_for_selector("#tts .read-aloud", timeout=60_000)
    # No Mandarin voice in this browser: the server's audio plays, under a minute long.
    page.wait_for_function(PLAYING, timeout=30_000)
    assert block.get_attribute("data-engine") == "audio"
    duration = float(page.evaluate("document.querySelector('#tts audio').duration"))
    assert 20 < duration <= 60
    spoken = block.get_attribute("data-speak") or ""
    # The first screen: the direct answer (after the engine's "按…的情况回答您：") to the next step.
    assert spoken.startswith("按“") and "回答您：" in spoken[:40]
    assert "时间限制" in spoken and "下一步" in spoken and "《" not in spoken
    assert "回答的开头" in page.inner_text("#tts")
    # A large player, a large 继续朗读 and a 停止朗读 that stops it.
    assert _height(page, "#tts audio") >= 48 and _height(page, "#read-more") >= 48
    assert _height(page, "#tts .read-stop") >= 48
    assert page.locator("#read-more").is_visible()
    shot(page, "kiosk_voice_01_read_aloud_first_part_1080x1920", full_page=False)
    page.tap("#tts .read-stop")
    assert page.evaluate("document.querySelector('#tts audio').paused")

    first_src = page.evaluate("document.querySelector('#tts audio').src")
    page.tap("#read-more")
    page.wait_for_function("src => { const a = document.querySelector('#tts audio');"
                           " return a && a.src !== src && !a.paused && a.currentTime > 0; }",
                           arg=first_src, timeout=60_000)
    assert "回答的下一段" in page.inner_text("#tts")
    assert float(page.evaluate("document.querySelector('#tts audio').duration")) <= 60
    page.evaluate("document.querySelector('#tts audio').pause()")
    page.context.close()


def test_the_browsers_own_mandarin_voice_reads_when_there_is_one(
    server: Server, chromium_browser: Any
) -> None:
    page = _kiosk(chromium_browser, server, init_script=MANDARIN_VOICE)
    _ask(page, WAGES)
    page.tap("#read-aloud")
    block = page.wait_for_selector("#tts .read-aloud[data-engine]", timeout=60_000)
    assert block.get_attribute("data-engine") == "browser"
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 1 and spoken[0]["voice"] == "Mandarin (test)"
    assert spoken[0]["lang"] == "zh-CN" and spoken[0]["text"] == block.get_attribute("data-speak")
    assert "二零二七年九月三十日" in spoken[0]["text"]  # dates in words for any voice
    page.wait_for_timeout(1_500)
    assert page.evaluate("document.querySelector('#tts audio').paused")  # not both at once
    page.tap("#tts .read-stop")
    assert page.evaluate("window.speechSynthesis.cancelled") >= 1
    page.context.close()


# ---------------------------------------------------------------- the microphone


def _voice_ready(server: Server, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with urllib.request.urlopen(server.base_url + "/readyz", timeout=5) as r:
            whisper = json.load(r)["models"]["whisper"]
        if whisper.get("state") == "ready":
            return
        assert whisper.get("state") == "loading", whisper
        time.sleep(0.5)
    raise AssertionError("voice model not ready")


CLIP = "funasr_asr_example.wav"


@pytest.fixture(scope="module")
def clip_text() -> str:
    """What is said in ``CLIP`` (the pack's manifest)."""
    from assistant.config import Settings

    manifest = Settings().data_dir / "speech" / "real" / "manifest.jsonl"
    rows = [json.loads(x) for x in manifest.read_text("utf-8").splitlines() if x]
    return str(next(r for r in rows if r["audio"] == CLIP)["text"])


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real recording of the pack as 16-bit PCM WAV (what Chromium's fake capture reads)."""
    from assistant.config import Settings

    out = tmp_path_factory.mktemp("mic") / "clip.wav"
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i",
                    str(Settings().data_dir / "speech" / "real" / CLIP), "-ac", "1",
                    "-ar", "16000", "-c:a", "pcm_s16le", str(out)], check=True)
    return out


@pytest.fixture(scope="module")
def silence(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("mic") / "silence.wav"
    out.write_bytes(wav_bytes(np.zeros(16_000 * 4, dtype=np.float32), rate=16_000))
    return out


@pytest.fixture
def mic_browser(request: pytest.FixtureRequest, chromium_browser: Any) -> Iterator[Any]:
    """Chromium whose microphone plays the WAV fixture named by the test's parameter."""
    wav: Path = request.getfixturevalue(request.param)
    with sibling_browser(chromium_browser, *fake_microphone(wav)) as b:
        yield b


def _record(page: Any, seconds: float) -> None:
    record = page.locator("#mic .record-button")
    assert _height(page, "#mic .record-button") >= 48
    record.click()
    page.wait_for_selector("#mic .stop-button", state="visible")
    page.wait_for_timeout(int(seconds * 1000))
    page.locator("#mic .stop-button").click()


@pytest.mark.parametrize("mic_browser", ["clip"], indirect=True)
def test_spoken_question_lands_in_the_box_to_be_corrected_then_sent(
    server: Server, mic_browser: Any, clip_text: str
) -> None:
    _voice_ready(server)
    page = _kiosk(mic_browser, server, permissions=["microphone"])
    _record(page, 6.0)
    page.wait_for_function("document.querySelector('#question textarea').value.length > 0"
                           " || document.querySelector('#notice .notice')", timeout=TRANSCRIBE_MS)
    assert page.locator("#notice .notice").count() == 0, page.inner_text("#notice")
    heard = page.input_value("#question textarea")
    assert cer([clip_text], [heard]) <= 0.2, heard
    transcript = page.inner_text("#transcript")
    assert "听到的话" in transcript and "输入框" in transcript
    assert page.locator("#answer .answer").count() == 0  # nothing answered before 发送
    shot(page, "kiosk_voice_02_transcript_in_the_box_1080x1920", full_page=False)

    corrected = "我想问一下，老板拖欠我三个月工资，我该怎么办？"  # the citizen rewrites it
    page.fill("#question textarea", corrected)
    page.tap("#send")
    page.wait_for_selector("#answer .answer", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('.pending, .progress-text, .eta-bar')")
    assert corrected in page.inner_text("#history") and heard not in page.inner_text("#history")
    assert page.inner_text("#transcript").strip() == ""
    page.context.close()


@pytest.mark.parametrize("mic_browser", ["silence"], indirect=True)
def test_silence_at_the_microphone_is_explained(server: Server, mic_browser: Any) -> None:
    _voice_ready(server)
    page = _kiosk(mic_browser, server, permissions=["microphone"])
    _record(page, 2.5)
    page.wait_for_selector("#notice .notice", timeout=TRANSCRIBE_MS)
    assert "没有听到说话声" in page.inner_text("#notice")
    assert page.input_value("#question textarea") == ""
    shot(page, "kiosk_voice_03_silence_1080x1920", full_page=False)
    page.context.close()
