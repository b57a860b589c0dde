"""Read-aloud of the latest answer in parts a citizen can follow.

The first part is the answer's first screen (the direct answer, the time limit, the next step),
read whole when its audio lasts at most ``WHOLE_FIRST_SCREEN_SECONDS`` (under the one-minute
goal), otherwise cut after the sentences that fit in ``settings.speech.read_aloud_max_seconds``;
every "继续朗读" reads the next part of that length limit until the end of the answer. What is read is the answer as a
listener needs it (``listening_form``: no 【】 headings or 《》 marks); the caller keeps ``rest``
and passes it back for the next part, and it is checked against the stored answer, so a part is
never read twice or skipped, and a stale button after a newer answer says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.app import Services
from assistant.models import Turn
from assistant.speech.errors import TtsUnavailableError
from assistant.speech.spoken import listening_form, spoken_form
from assistant.speech.tts import ReadAloud, Speech, plan_read_aloud
from assistant.usecases.chat import find_session
from assistant.usecases.errors import NothingToReadError, ReadAloudStaleError

_HEADING = re.compile(r"^【([^】\n]{1,30})】[ \t]*$", re.MULTILINE)
_WHITESPACE = re.compile(r"\s+")
# A first screen (direct answer, time limit, next step) this short is read whole rather than cut
# at the usual part limit: under a minute with room for the MP3's padding.
WHOLE_FIRST_SCREEN_SECONDS = 59.0


@dataclass(frozen=True)
class ReadAloudPart:
    """One part read aloud: ``text`` (what is read, as shown in captions), ``spoken`` (the same
    with numbers, dates and hotlines in Chinese words, for a browser's own voice), its
    ``speech`` (audio, MIME type, seconds) and ``rest``, the rest of the answer ('' at the end)."""

    text: str
    spoken: str
    speech: Speech
    rest: str

    @property
    def finished(self) -> bool:
        return not self.rest.strip()


def read_aloud(services: Services, session_id: str | None, *,
               rest: str | None = None) -> ReadAloudPart:
    """The first part of the session's latest answer, or with ``rest`` (from the previous part)
    the next one.

    Raises ``NothingToReadError`` (no answer yet), ``ReadAloudStaleError`` (``rest`` is not the
    end of the latest answer) or ``TtsUnavailableError`` (no read-aloud voice).
    """
    speaker = services.speaker
    if speaker is None:
        raise TtsUnavailableError("no read-aloud voice configured")
    first, later = answer_script(_latest_answer(services, session_id))
    limit = services.settings.speech.read_aloud_max_seconds
    if rest is None:
        seconds = speaker.seconds(first) if first.strip() else 0.0
        plan = (ReadAloud(first, later, seconds) if 0 < seconds <= WHOLE_FIRST_SCREEN_SECONDS
                else plan_read_aloud([first], [later], speaker=speaker, max_seconds=limit))
    elif rest.strip() and _compact(first + later).endswith(_compact(rest)):
        plan = plan_read_aloud([rest], speaker=speaker, max_seconds=limit)
    else:
        raise ReadAloudStaleError("rest is not the end of the latest answer")
    speech = speaker.render(plan.first, fmt="mp3")
    return ReadAloudPart(plan.first, spoken_form(plan.first), speech, plan.rest)


def answer_script(turn: Turn) -> tuple[str, str]:
    """(first screen, everything else) of an answer as it is read aloud.

    The first screen is the one the engine stored with the turn (older turns: the first section);
    everything else is the answer's other sections in order, each led by its title, leaving out
    the sections the first screen already says.
    """
    blocks = answer_blocks(turn.text)
    first = turn.first_screen.strip() or (blocks[0][1] if blocks else turn.text)
    said = _compact(first)
    rest = [f"【{title}】\n{body}" if title else body for title, body in blocks
            if _compact(body) not in said]
    return listening_form(first), listening_form("\n".join(rest))


def answer_blocks(text: str) -> list[tuple[str, str]]:
    """(title, body) of each 【title】 section of an answer's text; text before the first
    heading is a block with the title ''."""
    out: list[tuple[str, str]] = []
    marks = list(_HEADING.finditer(text))
    head = text[: marks[0].start()] if marks else text
    if head.strip():
        out.append(("", head.strip()))
    if not marks:
        return out
    ends = [m.start() for m in marks[1:]] + [len(text)]
    for m, end in zip(marks, ends, strict=True):
        body = text[m.end() : end].strip()
        if body:
            out.append((m.group(1), body))
    return out


def _latest_answer(services: Services, session_id: str | None) -> Turn:
    state = find_session(services, session_id)
    answers = [t for t in state.turns if t.role == "assistant" and t.text.strip()] if state else []
    if not answers:
        raise NothingToReadError("no answer in the session yet")
    return answers[-1]


def _compact(text: str) -> str:
    return _WHITESPACE.sub("", text)
