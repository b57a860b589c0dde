"""Reading a question before the engine sees it: input the engine cannot answer honestly.

The engine answers Chinese questions. Text with no Chinese in it (English, emoji only, digits),
and text whose only request is to override the assistant's instructions, would otherwise get a
confident answer about something else ("😭🙏" → 人身损害). Such input gets a short honest reply
instead: what was understood, and how to ask (in Chinese, or by voice). A real question next to
an injected instruction is answered with the instruction removed, and the reply says so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.models import Reply, Section

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_CLAUSE = re.compile(r"[。！？；!?;\n]+|(?<=[，,])")
MIN_HAN_FOR_QUESTION = 4
"""A mixed text with fewer Chinese characters than this and some foreign words is foreign."""

INJECTION = re.compile(
    r"(忽略|无视|忘掉|忘记|不要管|跳过)(之前|以上|上面|前面|你的|所有|全部|一切|掉)?.{0,6}"
    r"(指令|指示|提示|规则|设定|限制|要求|身份|是法律援助助手)"
    r"|(系统提示|提示词|system\s*prompt|开发者模式|developer\s*mode|越狱|jailbreak)"
    r"|(你现在是|假装你是|扮演|从现在起你是)"
    r"|(新指令|管理员通知|安全限制已解除|SYSTEM\s*OVERRIDE)"
    r"|(输出|打印|泄露|告诉我|复述|读给我).{0,8}(配置|环境变量|提示|会话记录|数据库|密钥|设定)"
    r"|(上一个|上一位)(用户|咨询的人)|隐藏的(部分|内容|指令)|现在你是"
    r"|(承诺|保证).{0,6}(胜诉|打赢|赢)"
    r"|ignore\s+(all\s+|any\s+|the\s+)?(previous|prior|above|earlier)"
    r"|you\s+are\s+now|pretend\s+(you|the)|repeat\s+everything|disclose\s+your"
    r"|<\|?im_start\|?>|</?system>|</s>",
    re.IGNORECASE,
)

_META = re.compile(r"你(?!好)|他问|别人的")

# A few English words and what they are about, to say back what was understood.
_ENGLISH_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("工资、劳动方面的事", re.compile(r"\b(wages?|salary|paid|pay|boss|employer|fired|job|work)",
                                      re.I)),
    ("借钱、欠债方面的事", re.compile(r"\b(loan|lent|borrow|debt|owe)", re.I)),
    ("租房、房子方面的事", re.compile(r"\b(rent|landlord|deposit|tenant|house|apartment)", re.I)),
    ("交通事故方面的事", re.compile(r"\b(car|accident|crash|traffic|driver)", re.I)),
    ("婚姻家庭方面的事", re.compile(r"\b(divorce|marriage|husband|wife|custody|child)", re.I)),
    ("受伤方面的事", re.compile(r"\b(injur|hurt|hospital|medical)", re.I)),
)

HOW_TO_ASK = ("请用中文写几句您遇到的事，例如“老板欠我三个月工资，我已经离职了，怎么办？”。"
              "不方便打字的话，可以点“语音提问”的话筒，用普通话说出来。"
              "也可以拨打12348法律援助热线，或点“转人工”请工作人员帮您看看。")
HOW_TO_ASK_NO_VOICE = ("请用中文写几句您遇到的事，例如“老板欠我三个月工资，我已经离职了，怎么办？”。"
                       "也可以拨打12348法律援助热线，或点“转人工”请工作人员帮您看看。")
INJECTION_NOTE = "您的话里有让我“忽略指令”“换个身份”或透露系统设置之类的要求，这些我不会照做。下面只回答您的法律问题。"


@dataclass(frozen=True, slots=True)
class Intake:
    """What to do with a question: ``reply`` set = answer with it and skip the engine;
    otherwise ask the engine ``text`` and put ``note`` (if any) before its answer."""

    text: str
    reply: Reply | None = None
    note: str = ""


def read_question(text: str, *, voice: bool = True) -> Intake:
    """``text`` is the validated question; ``voice`` says whether spoken questions work here."""
    how = HOW_TO_ASK if voice else HOW_TO_ASK_NO_VOICE
    if INJECTION.search(text):
        rest = _without_injection(text)
        if len(_HAN.findall(rest)) >= MIN_HAN_FOR_QUESTION:
            return Intake(rest, note=INJECTION_NOTE)
        return Intake(text, reply=_reply(
            "您的话里是让我“忽略指令”“换个身份”或透露系统设置之类的要求，没有说您遇到的法律问题。"
            "我只根据法律条文回答您遇到的法律问题，这类要求我不会照做。", how))
    han = len(_HAN.findall(text))
    latin = _LATIN_WORD.findall(text)
    if han == 0 or (han < MIN_HAN_FOR_QUESTION and len(latin) >= 2):
        return Intake(text, reply=_reply(_understood_foreign(text, latin), how))
    return Intake(text)


def _without_injection(text: str) -> str:
    """The clauses left once the injected ones, and those that speak to the assistant or about
    another user, are taken out."""
    clauses = [c for c in _CLAUSE.split(text) if c and c.strip()]
    kept = [c for c in clauses if not INJECTION.search(c) and not _META.search(c)
            and len(_HAN.findall(c)) > 0]
    return "".join(kept).strip(" ，,")


def _understood_foreign(text: str, latin: list[str]) -> str:
    if latin:
        topic = next((t for t, pattern in _ENGLISH_TOPICS if pattern.search(text)), None)
        about = f"看起来您可能在问{topic}，但" if topic else ""
        return (f"您写的是英文（或其他外文）。{about}本机目前只能读懂中文的问题，"
                "用外文回答很容易答非所问，所以先不给您法律意见。")
    if any(_is_symbol(ch) for ch in text):
        return ("我只看到了表情符号，没有看到文字，所以还不知道您遇到了什么事。"
                "看得出来您可能很着急，别担心，说清楚情况我才能帮您。")
    return "我只看到了数字或符号，没有看到文字，所以还不知道您想问什么。"


def _is_symbol(ch: str) -> bool:
    return unicodedata.category(ch) in ("So", "Sk", "Sm") or 0x1F000 <= ord(ch) <= 0x1FAFF


def _reply(understood: str, how: str) -> Reply:
    sections = [Section(title="我的理解", body=understood), Section(title="您可以这样问", body=how)]
    text = "\n".join(f"【{s.title}】\n{s.body}" for s in sections)
    return Reply(kind="clarify", text=text, sections=sections)


def with_note(reply: Reply, note: str) -> Reply:
    """``reply`` with ``note`` leading its text, its first section and its first screen."""
    if not note:
        return reply
    sections = list(reply.sections)
    if sections:
        sections[0] = sections[0].model_copy(update={"body": f"{note}\n{sections[0].body}"})
    first = f"{note}\n{reply.first_screen}" if reply.first_screen else ""
    return reply.model_copy(update={"sections": sections, "text": f"{note}\n{reply.text}",
                                    "first_screen": first})
