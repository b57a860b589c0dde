"""The staff console: one server-rendered page at ``/staff`` over the ``/v1/staff`` API.

The page holds no data of its own: it logs in with the OAuth2 password flow, keeps the token in
``sessionStorage`` (gone when the tab closes) and renders everything with ``textContent``, never
``innerHTML``, so an applicant's text cannot inject markup. Queue sorted by priority then
deadline; detail with the proposal and its citations; confirm / override / assign.
"""

from __future__ import annotations

from fastapi import APIRouter, Response

router = APIRouter(tags=["staff console"], include_in_schema=False)

_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")

PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>法律援助工作台</title>
<style>
body{font-family:"Noto Sans CJK SC",sans-serif;margin:0;background:#f5f6f8;color:#222}
header{background:#1d4e89;color:#fff;padding:10px 16px;display:flex;justify-content:space-between}
main{display:flex;gap:16px;padding:16px}
section{background:#fff;border-radius:6px;padding:12px;box-shadow:0 1px 3px #0002}
#queue-panel{flex:1}#detail{flex:1.3}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left}
tr.row{cursor:pointer}tr.row:hover{background:#eef4ff}.rank0{color:#b00020;font-weight:bold}
.cite{color:#1d4e89}.local{color:#8a5a00}.err{color:#b00020}.hidden{display:none}
button{margin:4px 4px 4px 0;padding:6px 12px}
</style></head>
<body>
<header><strong>法律援助工作台</strong><span id="whoami"></span></header>
<form id="login" class="" autocomplete="off">
 <section style="max-width:320px;margin:40px auto">
  <h2>工作人员登录</h2>
  <p><label>用户名 <input id="username" name="username" required></label></p>
  <p><label>密码 <input id="password" name="password" type="password" required></label></p>
  <button id="login-btn" type="submit">登录</button>
  <p id="login-error" class="err"></p>
 </section>
</form>
<main id="app" class="hidden">
 <section id="queue-panel">
  <h2>待办队列 <button id="refresh" type="button">刷新</button>
   <a id="export-csv" href="#">导出CSV</a> <a id="export-xlsx" href="#">导出XLSX</a></h2>
  <table><thead><tr><th>优先级</th><th>最近期限</th><th>申请人</th><th>类别</th><th>状态</th></tr>
  </thead><tbody id="queue"></tbody></table>
 </section>
 <section id="detail" class="hidden">
  <h2 id="detail-title"></h2>
  <p id="detail-status"></p>
  <h3>审查建议</h3>
  <p id="proposal-summary"></p>
  <ul id="proposal-flags"></ul>
  <h3>依据</h3>
  <ol id="proposal-reasons"></ol>
  <h3>还缺的材料</h3>
  <ul id="proposal-docs"></ul>
  <div id="decide">
   <button id="confirm" type="button">确认建议</button>
   <select id="override-decision">
    <option value="grant">给予法律援助</option><option value="refuse">不予法律援助</option>
    <option value="more_info">需补充材料</option></select>
   <input id="override-reason" placeholder="修改理由（必填）" size="30">
   <button id="override" type="button">修改建议</button>
  </div>
  <h3>推荐律师</h3>
  <ul id="lawyers"></ul>
  <p id="detail-error" class="err"></p>
 </section>
</main>
<script src="/staff/console.js"></script>
</body></html>
"""

SCRIPT = r"""
"use strict";
const $ = (id) => document.getElementById(id);
const RANK = {0: "紧急", 1: "优先", 2: "一般"};
let current = null;

function token() { return sessionStorage.getItem("staff_token"); }

async function api(path, opts = {}) {
  const headers = Object.assign({"Authorization": "Bearer " + token()}, opts.headers || {});
  const res = await fetch(path, Object.assign({}, opts, {headers}));
  if (res.status === 401) { sessionStorage.removeItem("staff_token"); show(false); }
  const body = res.headers.get("content-type")?.includes("json") ? await res.json() : null;
  if (!res.ok) throw new Error(body?.error?.message || ("请求失败 " + res.status));
  return body;
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function cite(b) { return b.law ? "《" + b.law + "》" + b.article : "（无直接法条依据）"; }

function show(loggedIn) {
  $("login").classList.toggle("hidden", loggedIn);
  $("app").classList.toggle("hidden", !loggedIn);
}

async function login(ev) {
  ev.preventDefault();
  const form = new URLSearchParams({username: $("username").value, password: $("password").value});
  const res = await fetch("/v1/staff/token", {method: "POST", body: form});
  const body = await res.json();
  if (!res.ok) { $("login-error").textContent = body.error.message; return; }
  sessionStorage.setItem("staff_token", body.access_token);
  $("whoami").textContent = $("username").value + "（" + body.role + "）";
  show(true);
  await loadQueue();
}

async function loadQueue() {
  const items = await api("/v1/staff/queue");
  const tbody = $("queue");
  tbody.replaceChildren();
  for (const it of items) {
    const tr = el("tr", undefined, "row");
    tr.dataset.id = it.id;
    tr.append(el("td", RANK[it.priority_rank] + (it.priority_labels.length ? "（" +
              it.priority_labels.join("、") + "）" : ""), "rank" + it.priority_rank),
              el("td", it.nearest_deadline || "—"), el("td", it.applicant_name),
              el("td", it.category), el("td", it.status_zh));
    tr.addEventListener("click", () => openDetail(it.id));
    tbody.append(tr);
  }
}

async function openDetail(id) {
  current = id;
  $("detail-error").textContent = "";
  const [app, p] = await Promise.all([api("/v1/staff/applications/" + id),
                                      api("/v1/staff/applications/" + id + "/proposal")]);
  $("detail").classList.remove("hidden");
  $("detail-title").textContent = app.applicant.name + " · " + app.case.category;
  $("detail-status").textContent = "状态：" + app.status_zh +
      (app.decision ? "；决定：" + app.decision + "（" + app.decision_kind + "）" : "");
  $("proposal-summary").textContent = p.recommendation_zh + "；经济状况：" + p.means_test +
      (p.mediation_first ? "；可先行人民调解" : "") + (p.city_wide_acceptance ? "；市域通办" : "");
  const flags = $("proposal-flags"); flags.replaceChildren();
  for (const f of p.priority) flags.append(el("li", f.label + (f.local_policy ? "（本地做法）" : "")));
  const reasons = $("proposal-reasons"); reasons.replaceChildren();
  for (const b of p.reasons) {
    const li = el("li", b.text + " ");
    li.append(el("span", cite(b), b.law ? "cite" : "local"));
    reasons.append(li);
  }
  const docs = $("proposal-docs"); docs.replaceChildren();
  for (const d of p.documents_needed) docs.append(el("li", d.label));
  $("decide").classList.toggle("hidden", app.status !== "received");
  await loadLawyers(app);
}

async function loadLawyers(app) {
  const ul = $("lawyers"); ul.replaceChildren();
  if (!["screened", "referred_mediation"].includes(app.status)) return;
  for (const c of await api("/v1/staff/applications/" + app.id + "/lawyers")) {
    const li = el("li", c.lawyer.name + "（" + c.lawyer.firm + "）：" + c.reasons.join("；") + " ");
    const b = el("button", "指派");
    b.type = "button";
    b.addEventListener("click", () => act("/assign", {lawyer_id: c.lawyer.id, reason: ""}));
    li.append(b); ul.append(li);
  }
}

async function act(suffix, payload) {
  try {
    await api("/v1/staff/applications/" + current + suffix, {method: "POST",
      headers: {"Content-Type": "application/json"}, body: JSON.stringify(payload)});
    await openDetail(current); await loadQueue();
  } catch (e) { $("detail-error").textContent = e.message; }
}

async function download(fmt) {
  const res = await fetch("/v1/staff/applications/export?format=" + fmt,
                          {headers: {"Authorization": "Bearer " + token()}});
  const url = URL.createObjectURL(await res.blob());
  const a = el("a"); a.href = url; a.download = "applications." + fmt; a.click();
  URL.revokeObjectURL(url);
}

$("login").addEventListener("submit", login);
$("refresh").addEventListener("click", loadQueue);
$("confirm").addEventListener("click", () => act("/confirm", {reason: ""}));
$("override").addEventListener("click", () => act("/override", {
  decision: $("override-decision").value, reason: $("override-reason").value}));
$("export-csv").addEventListener("click", (e) => { e.preventDefault(); download("csv"); });
$("export-xlsx").addEventListener("click", (e) => { e.preventDefault(); download("xlsx"); });
if (token()) { show(true); loadQueue().catch(() => show(false)); }
"""


@router.get("/staff")
def console_page() -> Response:
    return Response(PAGE, media_type="text/html; charset=utf-8",
                    headers={"Content-Security-Policy": _CSP, "Cache-Control": "no-store"})


@router.get("/staff/console.js")
def console_script() -> Response:
    return Response(SCRIPT, media_type="text/javascript; charset=utf-8",
                    headers={"Cache-Control": "no-store"})
