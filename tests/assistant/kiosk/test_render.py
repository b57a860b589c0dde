"""HTML of the kiosk page from real engine replies over the tiny pack."""

from __future__ import annotations

from assistant.app import Services
from assistant.kiosk import render
from assistant.models import Titles
from assistant.usecases import chat_turn

QUESTION = "老板一直不跟我签劳动合同，干了八个月，能要双倍工资吗？"
FOLLOW_UP = "我是去年3月1号进的厂，上个月15号不干了，每月工资五千。"



def test_escaping_defuses_html_and_gradio_templates() -> None:
    out = render.esc("<script>alert(1)</script>${value}{{x}}")
    assert "<" not in out and "$" not in out and "{" not in out and "}" not in out
    assert "&lt;script&gt;" in out
    assert render.notice_html("") == ""
    assert render.notice_html("第一行\n第二行").count("<p>") == 2


def test_answer_asks_in_place_then_answers_with_citations_and_risk_panel(
        services: Services) -> None:
    first = chat_turn(services, session_id=None, text=QUESTION, channel="kiosk").reply
    # The situation is clear at once: the answer comes with what it still needs to know,
    # and those questions are shown open (the citizen is expected to answer them).
    assert first.kind == "answer" and first.questions
    page = render.answer_html(first)
    asked = page.split(f"<h3>{Titles.ASK}</h3>")[1].split("</section>")[0]
    assert all(render.esc(q) in asked for q in first.questions)
    assert f"<summary><h3>{Titles.ASK}" not in page

    reply = chat_turn(services, session_id=None, text=QUESTION + FOLLOW_UP, channel="kiosk").reply
    page = render.answer_html(reply)
    assert reply.kind == "answer" and reply.citations and reply.risk is not None
    for c in reply.citations:  # every cited article can be opened to its full text
        assert f"<summary>《{render.esc(c.law)}》{render.esc(c.article)}</summary>" in page
        assert render.paragraphs(c.text) in page
    # The plain-text 法律依据 and 风险提示 sections became the structured panels, in place.
    assert page.count("<h3>法律依据") == 1 and f"<h3>{Titles.RISK}</h3>" not in page
    assert page.index(Titles.ANSWER) < page.index('class="card more citations"') < page.index(
        Titles.STEPS)
    # The first section is the first screen, always shown, with the engine's time-limit line
    # (not a second one from the risk panel); every other section is collapsible.
    screen = page.split('<section class="card first-screen">')[1].split("</section>")[0]
    assert render.esc(reply.sections[0].title) in screen
    assert screen.count("时间限制") == 1 and "first-deadline" not in screen
    open_ = sum(s.title == Titles.ASK for s in reply.sections)
    assert page.count('<details class="card more') == (
        len(reply.sections) - 1 - open_ - (Titles.MATERIALS in {s.title for s in reply.sections}))
    assert f'class="badge {reply.risk.level}"' in page
    assert page.count("☐ 还需") + page.count("☑ 已有") == len(reply.risk.evidence)
    assert page.count("☑ 已有") == sum(e.held for e in reply.risk.evidence)
    assert "法律援助" in page
    for d in reply.risk.deadlines:
        assert render.esc(d.name) in page


def test_history_and_transcript_and_downloads() -> None:
    from assistant.models import Turn

    turns = [Turn(role="user", text="问题<一>"), Turn(role="assistant", text="答" * 200)]
    out = render.history_html(turns)
    assert "问题&lt;一&gt;" in out and "答" * render.HISTORY_SNIPPET + "…" in out
    assert "答" * (render.HISTORY_SNIPPET + 1) not in out
    assert render.history_html([]) == ""
    t = render.transcript_html("俺家娃", "我家孩子")
    assert "俺家娃" in t and "我家孩子" in t
    assert "整理后" not in render.transcript_html("一样", "一样。")
    links = render.downloads_html("ab" * 16, "借条", has_pdf=False, base="/v1/documents")
    assert f'href="/v1/documents/{"ab" * 16}/docx"' in links and "/pdf" not in links
    assert "输入框" in render.transcript_html("一样", "一样", check=True)


def test_read_aloud_player_carries_the_text_for_the_browser_voice() -> None:
    from assistant.speech.tts import Speech
    from assistant.usecases import ReadAloudPart

    part = ReadAloudPart("拨打12348。{x}$y", "拨打幺二三四八。{x}$y",
                         Speech(b"ID3abc", "audio/mpeg", 41.6), rest="下一段。")
    out = render.read_aloud_html(part, first=True)
    assert out.startswith('<div class="read-aloud" data-speak="拨打幺二三四八。&#123;x&#125;&#36;y">')
    assert '<audio class="tts" controls autoplay src="data:audio/mpeg;base64,SUQzYWJj">' in out
    assert "回答的开头" in out and "约42秒" in out and "继续朗读" in out
    last = render.read_aloud_html(ReadAloudPart("完。", "完。", part.speech, rest=""), first=False)
    assert "下一段" in last and "全部读完" in last and "继续朗读" not in last


def test_emergency_comes_first_with_the_hotlines(services: Services) -> None:
    reply = chat_turn(services, session_id=None, text="我老公正在打我，我好害怕",
                      channel="kiosk").reply
    page = render.answer_html(reply)
    assert reply.kind == "emergency"
    assert page.index('class="banner emergency"') < page.index("110")
