"""Typed consultation: one turn per request, the conversation kept server-side by session ID."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.deps import ServicesDep
from assistant.models import Reply, SessionState
from assistant.usecases import chat_turn, get_session, reset_session

router = APIRouter(prefix="/v1", tags=["chat"])


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    session_id: str | None = Field(default=None, description="上一轮返回的会话编号；新对话不填")
    text: str = Field(description="用户的问题（中文）", examples=["公司拖欠我三个月工资怎么办"])


class ChatResponse(BaseModel):
    session_id: str
    reply: Reply


@router.post("/chat", response_model=ChatResponse, summary="文字咨询（多轮）")
def chat(body: ChatRequest, services: ServicesDep) -> ChatResponse:
    result = chat_turn(services, session_id=body.session_id, text=body.text, channel="api")
    return ChatResponse(session_id=result.session_id, reply=result.reply)


@router.get("/sessions/{session_id}", response_model=SessionState, summary="查看会话")
def read_session(session_id: str, services: ServicesDep) -> SessionState:
    return get_session(services, session_id)


@router.delete("/sessions/{session_id}", status_code=204, summary="结束会话并删除记录")
def delete_session(session_id: str, services: ServicesDep) -> Response:
    reset_session(services, session_id)  # idempotent: deleting twice is not an error
    return Response(status_code=204)
