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
