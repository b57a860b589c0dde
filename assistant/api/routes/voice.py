"""Spoken consultation: an audio upload in, the transcript and the answer out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from pydantic import BaseModel

from assistant.api.deps import ServicesDep
from assistant.models import Reply
from assistant.usecases import voice_turn

router = APIRouter(prefix="/v1", tags=["voice"])


class TranscriptOut(BaseModel):
    original: str  # what the recogniser heard, shown to the user
    normalized: str  # what the consultation read (dialect words and legal terms normalised)


class VoiceResponse(BaseModel):
    session_id: str
    transcript: TranscriptOut
    reply: Reply


@router.post("/voice", response_model=VoiceResponse, summary="语音咨询（上传录音）")
def voice(
    audio: Annotated[UploadFile, File(description="WAV、MP3、M4A、OGG、WebM 或微信 AMR 录音")],
    services: ServicesDep,
    session_id: Annotated[str | None, Form()] = None,
) -> VoiceResponse:
    # One byte over the limit is enough for voice_turn to reject it without reading the rest.
    data = audio.file.read(services.settings.service.max_upload_bytes + 1)
    result = voice_turn(services, session_id=session_id or None, audio=data, channel="api")
    return VoiceResponse(
        session_id=result.session_id,
        transcript=TranscriptOut(original=result.transcript_original,
                                 normalized=result.transcript_normalized),
        reply=result.reply,
    )
