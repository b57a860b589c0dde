"""Speech errors: stable codes and the Chinese message a user sees (never ``str(e)``)."""

from __future__ import annotations

from assistant.errors import AssistantError

SUPPORTED_FORMATS_ZH = "WAV、MP3、M4A、OGG、WebM 或微信语音（AMR）"


class SpeechError(AssistantError):
    """Base of the speech front end's errors."""

    code = "speech_error"
    message = "语音处理出了问题，请直接输入文字。"
    status = 503


class AudioUnsupportedError(SpeechError):
    code = "audio_unsupported"
    message = f"不支持这种音频格式，请使用 {SUPPORTED_FORMATS_ZH}文件，或直接输入文字。"
    status = 415


class AudioCorruptError(SpeechError):
    code = "audio_corrupt"
    message = "音频文件已损坏或无法读取，请重新录音后再试，或直接输入文字。"
    status = 422


class AudioTooLongError(SpeechError):
    code = "audio_too_long"
    message = "语音太长了（最长60秒），请分几段说，或直接输入文字。"
    status = 413


class AudioTooShortError(SpeechError):
    code = "audio_too_short"
    message = "语音太短了，没听清您说什么。请说一句完整的话（至少一两秒），或直接输入文字。"
    status = 422


class AudioSilentError(SpeechError):
    code = "audio_silent"
    message = "没有听到说话声，请靠近话筒再说一遍，或直接输入文字。"
    status = 422


class AsrNotConfiguredError(SpeechError):
    code = "asr_not_configured"
    message = "语音输入暂未开通，请直接输入文字。"
    status = 503


class AsrLoadingError(SpeechError):
    """The model is still loading (the first seconds after start-up); try again shortly."""

    code = "asr_loading"
    message = "语音识别正在启动，请过几秒钟再说一遍，或直接输入文字。"


class TtsUnavailableError(SpeechError):
    code = "tts_unavailable"
    message = "语音朗读暂不可用，请直接阅读屏幕上的文字。"
    status = 503
