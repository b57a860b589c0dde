"""Two real ``legalaid serve`` replicas on one PostgreSQL, behind the shipped nginx config.

Needs PostgreSQL (``LEGALAID_TEST_PG_URL``) and Debian's nginx; ``.ci/run`` provides both.
WeChat's API is the loopback fake; the replicas run the real engine over the tiny pack.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import httpx
import pytest

from assistant.usecases import session_id_for
from eval.cluster import Replicas, nginx_binary, nginx_proxy, replica_env, replicas
from eval.wechat_fake import FakeWeChat, serve_fake_wechat, signed_query, text_xml
from tests.support.db import pg_base_url, pg_database, throwaway_postgres
from tests.support.robust import STAFF_PASSWORD, STAFF_SECRET
from tests.support.screening import app_in

APP_ID, APP_SECRET, TOKEN, ACCOUNT = "wx00replicas", "replica-secret-0123", "replica-token", "gh_r"
HEARTBEAT = {"LEGALAID_SERVICE__HEARTBEAT_S": "0.3", "LEGALAID_SERVICE__REPLICA_TIMEOUT_S": "1.5"}
ACCEPTED_503 = {"upstream_unavailable", "database_unavailable"}  # documented, with Retry-After
_ids = itertools.count(1)


@dataclass
class Cluster:
    group: Replicas
    proxy: str
    fake: FakeWeChat
    env: dict[str, str]


def _needs() -> str:
    base = pg_base_url()
    if base is None:
        pytest.skip("LEGALAID_TEST_PG_URL not set (scripts/start-test-postgres.sh prints it)")
    if nginx_binary() is None:
        pytest.skip("nginx not installed (apt-get install -y nginx)")
    return base


def _env(tiny: tuple[Path, Path], db_url: str, api_base: str, **extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LEGALAID_")}
    data, index = tiny
    return replica_env(db_url, {
        "LEGALAID_DATA_DIR": str(data), "LEGALAID_INDEX_DIR": str(index),
        "LEGALAID_EMBEDDER": "none",  # BM25 only: no replica embeds into the shared tiny index
        "LEGALAID_STAFF__TOKEN_SECRET": STAFF_SECRET, "LEGALAID_WECHAT__ENABLED": "true",
        "LEGALAID_WECHAT__TOKEN": TOKEN, "LEGALAID_WECHAT__APP_ID": APP_ID,
        "LEGALAID_WECHAT__APP_SECRET": APP_SECRET, "LEGALAID_WECHAT__API_BASE": api_base,
        "LEGALAID_WECHAT__REPLY_BUDGET_S": "1.0", **HEARTBEAT, **extra}, base=clean)


@contextlib.contextmanager
def _cluster(tiny: tuple[Path, Path], db_url: str) -> Iterator[Cluster]:
    with serve_fake_wechat(app_id=APP_ID, app_secret=APP_SECRET) as fake:
        env = _env(tiny, db_url, fake.base_url)
        subprocess.run([sys.executable, "-m", "legalaid.cli", "staff", "add", "boss", "--role",
                        "supervisor", "--password-stdin"], input=f"{STAFF_PASSWORD}\n".encode(),
                       env=env, check=True, capture_output=True)
        with replicas(2, env) as group, nginx_proxy(group.ports) as proxy:
            yield Cluster(group, proxy, fake, env)


@pytest.fixture(scope="module")
def cluster(served_pack: tuple[Path, Path]) -> Iterator[Cluster]:
    """Two replicas shared by the tests that leave them running."""
    with pg_database(_needs()) as url, _cluster(served_pack, url) as c:
        yield c


def _open_id() -> str:
    return f"oReplica{next(_ids):06d}{os.getpid():08d}ABCDEF"


def _msg_id() -> int:
    """WeChat's MsgIds are unique per account (64-bit)."""
    return int(time.time() * 1000) * 1000 + next(_ids)


def _wechat(url: str, open_id: str, text: str, msg_id: int) -> httpx.Response:
    return httpx.post(f"{url}/wechat", params=signed_query(TOKEN, open_id),
                      content=text_xml(text, open_id=open_id, account=ACCOUNT,
                                       msg_id=msg_id).encode(), timeout=10)


def _content(r: httpx.Response) -> str | None:
    """The passive reply's text, or None for "success"."""
    assert r.status_code == 200, r.text
    if r.text == "success":
        return None
    return ElementTree.fromstring(r.text).findtext("Content")


def _user_turns(url: str, session_id: str) -> list[str]:
    r = httpx.get(f"{url}/v1/sessions/{session_id}")
    if r.status_code == 404:
        return []
    return [t["text"] for t in r.json()["turns"] if t["role"] == "user"]


def _pushed(fake: FakeWeChat, open_id: str) -> list[str]:
    with fake.lock:
        return [s["text"]["content"] for s in fake.sent if s["touser"] == open_id]


def _exactly_once(fake: FakeWeChat, open_id: str, passive: set[str]) -> None:
    """Every piece of the answer reached the follower once: the passive reply (the same text
    however often it was repeated to WeChat's retries) and no piece pushed twice."""
    pushed = _pushed(fake, open_id)
    assert len(passive) <= 1, passive
    assert passive or pushed, "nothing delivered"
    assert len(pushed) == len(set(pushed)) and not (passive & set(pushed)), (passive, pushed)


def _login(url: str) -> dict[str, str]:
    r = httpx.post(f"{url}/v1/staff/token", data={"username": "boss", "password": STAFF_PASSWORD})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


# ---------------------------------------------------------------- both replicas up


def test_same_callback_on_both_replicas_makes_one_turn_and_one_reply(cluster: Cluster) -> None:
    a, b = cluster.group[0].url, cluster.group[1].url
    followers = [_open_id() for _ in range(8)]
    with ThreadPoolExecutor(2) as pool:  # the same MsgId at both replicas at the same moment
        pairs = [[f.result() for f in [
            pool.submit(_wechat, a, o, "老板拖欠工资三个月怎么办", msg_id),
            pool.submit(_wechat, b, o, "老板拖欠工资三个月怎么办", msg_id)]]
            for o in followers if (msg_id := _msg_id())]
    time.sleep(1.5)  # answers decided as "push" go out when the turn ends
    for open_id, responses in zip(followers, pairs, strict=True):
        passive = {c for r in responses if (c := _content(r)) is not None}
        _exactly_once(cluster.fake, open_id, passive)
        sid = session_id_for(open_id, app_id=APP_ID)
        assert _user_turns(a, sid) == ["老板拖欠工资三个月怎么办"]  # one engine turn
    # A retry after the answer went out, at the other replica: the same answer, no new turn.
    msg_id = _msg_id()
    first = _content(_wechat(a, followers[0], "老板拖欠工资三个月怎么办", msg_id))
    again = _content(_wechat(b, followers[0], "老板拖欠工资三个月怎么办", msg_id))
    assert first and again == first
    assert len(_user_turns(b, session_id_for(followers[0], app_id=APP_ID))) == 2


def test_session_started_on_one_replica_continues_on_the_other(cluster: Cluster) -> None:
    a, b = cluster.group[0].url, cluster.group[1].url
    r1 = httpx.post(f"{a}/v1/chat", json={"text": "公司拖欠我工资"}, timeout=10)
    sid = r1.json()["session_id"]
    r2 = httpx.post(f"{b}/v1/chat", json={"session_id": sid, "text": "已经三个月了"}, timeout=10)
    assert r1.status_code == r2.status_code == 200
    assert r1.headers["x-replica"] != r2.headers["x-replica"]
    assert _user_turns(a, sid) == ["公司拖欠我工资", "已经三个月了"]


def test_handoff_consent_and_staff_answer_across_replicas(cluster: Cluster) -> None:
    a, b = cluster.group[0].url, cluster.group[1].url
    open_id = _open_id()
    assert _content(_wechat(a, open_id, "老板拖欠工资三个月不给", _msg_id()))
    assert "同意" in (_content(_wechat(a, open_id, "转人工", _msg_id())) or "")
    ticket = _content(_wechat(b, open_id, "同意", _msg_id())) or ""  # agreed on the other replica
    assert "取件码" in ticket, ticket
    code = ticket.split("取件码 ")[1][:8]
    auth = _login(b)
    [esc] = [e for e in httpx.get(f"{b}/v1/staff/escalations", headers=auth).json()
             if e["channel"] == "wechat" and "拖欠工资三个月不给" in e["question"]]
    answered = httpx.post(f"{a}/v1/staff/escalations/{esc['id']}/answer", headers=_login(a),
                          json={"answer": "可以向劳动保障监察大队投诉。"})
    assert answered.status_code == 200 and answered.json()["delivered"] is True
    assert any("劳动保障监察大队" in p for p in _pushed(cluster.fake, open_id))
    assert "劳动保障监察大队" in (_content(_wechat(b, open_id, f"取件码 {code}", _msg_id())) or "")


def test_kiosk_requests_stick_to_one_replica_and_api_requests_spread(cluster: Cluster) -> None:
    def replicas_seen(client: httpx.Client, path: str, n: int = 12) -> set[str]:
        return {client.get(f"{cluster.proxy}{path}").headers["x-replica"] for _ in range(n)}

    homes = []
    for _ in range(16):  # sixteen kiosks, each with its own cookie jar
        with httpx.Client() as kiosk:
            first = kiosk.get(f"{cluster.proxy}/")  # the kiosk page (404 here: kiosk off)
            assert "legalaid_route" in kiosk.cookies
            assert replicas_seen(kiosk, "/", 6) == {first.headers["x-replica"]}  # sticky
            assert len(replicas_seen(kiosk, "/healthz")) == 2  # the API: round-robin
            homes.append(first.headers["x-replica"])
    assert len(set(homes)) == 2  # kiosks are spread over both replicas


def test_rate_limit_is_global_at_the_proxy(cluster: Cluster) -> None:
    with nginx_proxy(cluster.group.ports, rate_per_minute=10) as proxy:
        responses = [httpx.get(f"{proxy}/v1/search", params={"q": "工资"}) for _ in range(24)]
    served = [r for r in responses if r.status_code == 200]
    limited = [r for r in responses if r.status_code == 429]
    assert 10 <= len(served) <= 11 and len(served) + len(limited) == 24
    assert {r.headers["x-replica"] for r in served} == {
        httpx.get(f"{m.url}/healthz").headers["x-replica"] for m in cluster.group.members}
    error = limited[0].json()["error"]
    assert error["code"] == "rate_limited" and error["message"].startswith("您的请求太频繁")
    assert limited[0].headers["retry-after"] == "1" and error["request_id"]


# ---------------------------------------------------------------- a replica dies


@dataclass
class Acked:
    turns: dict[str, list[str]] = field(default_factory=dict)  # session -> acknowledged texts
    documents: list[str] = field(default_factory=list)
    applications: list[str] = field(default_factory=list)
    wechat: dict[str, set[str]] = field(default_factory=dict)  # open_id -> passive replies
    statuses: list[tuple[int, str]] = field(default_factory=list)  # (status, error code)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, r: httpx.Response | None) -> bool:
        """Records the outcome; True for a success."""
        if r is None:
            status, code = 0, "transport"
        else:
            status = r.status_code
            code = ""
            if status >= 400:
                try:
                    code = r.json().get("error", {}).get("code", "?")
                except ValueError:
                    code = f"not json: {r.text[:80]!r}"
                if status == 503 and not r.headers.get("retry-after"):
                    code += " without Retry-After"
        with self.lock:
            self.statuses.append((status, code))
        return status in (200, 201)


def _post(url: str, **kw: Any) -> httpx.Response | None:
    try:
        return httpx.post(url, timeout=10, **kw)
    except httpx.HTTPError:
        return None


def _workload(proxy: str, acked: Acked, stop: threading.Event, auth: dict[str, str],
              ) -> list[Callable[[], None]]:
    def chatter() -> None:  # sessions of at most 10 turns: a session keeps its last 40 turns
        sid, n = None, 0
        while not stop.is_set():
            text = f"公司拖欠工资第{n}次补充"
            r = _post(f"{proxy}/v1/chat", json={"text": text, "session_id": sid})
            if acked.note(r) and r is not None:
                sid = r.json()["session_id"]
                with acked.lock:
                    acked.turns.setdefault(sid, []).append(text)
                    if len(acked.turns[sid]) >= 10:
                        sid = None
            n += 1

    def drafter() -> None:
        from assistant.drafting import get_template

        fields = {k: list(v) if isinstance(v, tuple) else v
                  for k, v in get_template("loan_note").example.items()}
        while not stop.is_set():
            r = _post(f"{proxy}/v1/documents", json={"template_id": "loan_note", "fields": fields})
            if acked.note(r) and r is not None:
                acked.documents.append(r.json()["document_id"])

    def applicant() -> None:
        while not stop.is_set():
            r = _post(f"{proxy}/v1/staff/applications", headers=auth,
                      json=app_in().model_dump(mode="json"))
            if acked.note(r) and r is not None:
                acked.applications.append(r.json()["application"]["id"])

    def follower() -> None:  # one message per follower; failed callbacks retried as WeChat does
        while not stop.is_set():
            open_id, passive, msg_id = _open_id(), set(), _msg_id()
            for _ in range(4):
                try:
                    r: httpx.Response | None = _wechat(proxy, open_id, "工伤怎么认定", msg_id)
                except httpx.HTTPError:
                    r = None
                if acked.note(r) and r is not None:
                    if (c := _content(r)) is not None:
                        passive.add(c)
                    with acked.lock:
                        acked.wechat[open_id] = passive
                    break
                time.sleep(0.5)

    return [chatter, chatter, drafter, applicant, follower, follower]


def test_kill_9_of_a_replica_under_load_loses_nothing_acknowledged(
    served_pack: tuple[Path, Path]
) -> None:
    with pg_database(_needs()) as url, _cluster(served_pack, url) as c:
        acked, stop = Acked(), threading.Event()
        jobs = _workload(c.proxy, acked, stop, _login(c.proxy))
        threads = [threading.Thread(target=job, daemon=True) for job in jobs]
        for t in threads:
            t.start()
        time.sleep(1.5)
        before = len(acked.statuses)
        c.group[0].kill()  # kill -9 mid-run
        time.sleep(2.5)
        stop.set()
        for t in threads:
            t.join(15)
        after = acked.statuses[before:]
        survivor = c.group[1].url
        time.sleep(3.0)  # the survivor's sweeper finishes messages the dead replica acknowledged
        assert sum(1 for s, _ in after if s in (200, 201)) > 10, "the survivor stopped serving"
        errors = {(s, code) for s, code in acked.statuses if s not in (200, 201)}
        assert errors <= {(503, code) for code in ACCEPTED_503}, errors
        for sid, texts in acked.turns.items():
            stored = _user_turns(survivor, sid)
            assert [t for t in texts if t not in stored] == [], sid
        for doc in acked.documents:
            assert httpx.get(f"{survivor}/v1/documents/{doc}/docx").status_code == 200
        auth = _login(survivor)
        for app_id in acked.applications:
            got = httpx.get(f"{survivor}/v1/staff/applications/{app_id}", headers=auth)
            assert got.status_code == 200
        assert acked.wechat
        for open_id, passive in acked.wechat.items():
            _exactly_once(c.fake, open_id, passive)
            assert _user_turns(survivor, session_id_for(open_id, app_id=APP_ID)) == [
                "工伤怎么认定"]


def test_database_restart_under_load_is_503_then_recovery(
    served_pack: tuple[Path, Path]
) -> None:
    if nginx_binary() is None:
        pytest.skip("nginx not installed (apt-get install -y nginx)")
    with throwaway_postgres() as (url, start, stop_db), _cluster(served_pack, url) as c:
        acked, stop = Acked(), threading.Event()
        jobs = _workload(c.proxy, acked, stop, _login(c.proxy))[:3]  # chats and documents
        threads = [threading.Thread(target=job, daemon=True) for job in jobs]
        for t in threads:
            t.start()
        time.sleep(1.0)
        stop_db()
        time.sleep(1.5)
        start()
        time.sleep(2.0)
        stop.set()
        for t in threads:
            t.join(15)
        codes = [code for s, code in acked.statuses if s not in (200, 201)]
        assert "database_unavailable" in codes  # the outage was seen ...
        assert set(codes) <= ACCEPTED_503, set(codes)  # ... only as documented 503s
        for member in c.group.members:  # ... and both replicas recovered
            assert httpx.get(f"{member.url}/readyz").status_code == 200
        assert acked.note(_post(f"{c.proxy}/v1/chat", json={"text": "还在吗"}))
        for sid, texts in acked.turns.items():
            stored = _user_turns(c.group[1].url, sid)
            assert [t for t in texts if t not in stored] == [], sid
