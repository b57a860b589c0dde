"use strict";
// The staff console over /v1/staff. Everything is rendered with textContent (never innerHTML),
// every code is shown in words from /v1/staff/labels, and the token lives in sessionStorage.
const $ = (id) => document.getElementById(id);
const RANK = {0: "紧急", 1: "优先", 2: "一般"};
let current = null;      // the application open in the detail pane
let currentHandoff = null;
let L = {};              // labels: code -> words
let lawyerNames = {};

function token() { return sessionStorage.getItem("staff_token"); }
function words(kind, code) { return (L[kind] && L[kind][code]) || code || "—"; }

async function api(path, opts = {}) {
  const headers = Object.assign({"Authorization": "Bearer " + token()}, opts.headers || {});
  const res = await fetch(path, Object.assign({}, opts, {headers}));
  if (res.status === 401) { logout(); throw new Error("登录已过期，请重新登录。"); }
  const body = res.headers.get("content-type")?.includes("json") ? await res.json() : null;
  if (!res.ok) throw new Error(body?.error?.message || ("请求失败 " + res.status));
  return body;
}

async function post(path, payload) {
  return api(path, {method: "POST", headers: {"Content-Type": "application/json"},
                    body: JSON.stringify(payload)});
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function cite(b) { return b.law ? "《" + b.law + "》" + b.article : "（本地做法，无直接法条）"; }
function day(iso) { return iso ? iso.slice(0, 10) : "—"; }
function time(iso) { return iso ? new Date(iso).toLocaleString("zh-CN", {hour12: false}) : "—"; }
function yuan(v) { return v === null || v === undefined ? "—" : Number(v).toLocaleString("zh-CN") + "元"; }

function show(loggedIn) {
  $("login").classList.toggle("hidden", loggedIn);
  $("app").classList.toggle("hidden", !loggedIn);
  $("tabs").classList.toggle("hidden", !loggedIn);
  $("logout").classList.toggle("hidden", !loggedIn);
  if (!loggedIn) $("whoami").textContent = "";
}

function view(id) {
  for (const b of document.querySelectorAll("#tabs button")) {
    b.classList.toggle("on", b.dataset.view === id);
    $(b.dataset.view).classList.toggle("hidden", b.dataset.view !== id);
  }
  if (id === "view-handoffs") loadHandoffs();
  if (id === "view-roster") loadRoster();
}

async function login(ev) {
  ev.preventDefault();
  const form = new URLSearchParams({username: $("username").value, password: $("password").value});
  const res = await fetch("/v1/staff/token", {method: "POST", body: form});
  const body = await res.json();
  if (!res.ok) { $("login-error").textContent = body.error.message; return; }
  sessionStorage.setItem("staff_token", body.access_token);
  $("password").value = "";
  $("login-error").textContent = "";
  await start();
}

function logout() {
  sessionStorage.removeItem("staff_token");
  current = currentHandoff = null;
  $("detail").classList.add("hidden");
  $("handoff-detail").classList.add("hidden");
  show(false);
}

async function start() {
  const me = await api("/v1/staff/me");
  L = await api("/v1/staff/labels");
  $("whoami").textContent = me.username + "（" + words("role", me.role) + "）";
  show(true);
  fillNewForm();
  const staff = me.role !== "responder";
  for (const id of ["tab-apps", "tab-new", "tab-roster"]) $(id).classList.toggle("hidden", !staff);
  // The view first, then its data: a tab chosen while the queue loads is not switched back.
  if (staff) { view("view-apps"); await loadLawyerNames(); await loadQueue(); }
  else view("view-handoffs");
  await countHandoffs();
}

// ----- applications -------------------------------------------------------------------------

async function loadQueue() {
  const items = await api("/v1/staff/queue");
  const tbody = $("queue");
  tbody.replaceChildren();
  for (const it of items) {
    const tr = el("tr", undefined, "row" + (it.id === current ? " sel" : ""));
    tr.dataset.id = it.id;
    tr.append(el("td", RANK[it.priority_rank] + (it.priority_labels.length ? "（" +
              it.priority_labels.join("、") + "）" : ""), "rank" + it.priority_rank),
              el("td", it.nearest_deadline || "—"), el("td", it.applicant_name),
              el("td", words("category", it.category)), el("td", it.status_zh));
    tr.addEventListener("click", () => openDetail(it.id));
    tbody.append(tr);
  }
}

async function openDetail(id) {
  current = id;
  for (const tr of document.querySelectorAll("#queue tr.row")) tr.classList.toggle("sel", tr.dataset.id === id);
  $("detail-error").textContent = "";
  const [app, p] = await Promise.all([api("/v1/staff/applications/" + id),
                                      api("/v1/staff/applications/" + id + "/proposal")]);
  $("detail").classList.remove("hidden");
  $("detail-title").textContent = app.applicant.name + " · " + words("category", app.case.category);
  $("detail-status").textContent = "状态：" + app.status_zh + "　来源：" + words("source", app.source) +
      (app.decision ? "　决定：" + words("decision", app.decision) + "（" +
       words("decision_kind", app.decision_kind) + (app.decision_reason ? "，理由：" + app.decision_reason : "") + "）" : "");
  $("proposal-summary").textContent = p.recommendation_zh + "；经济状况：" + words("means_test", p.means_test) +
      (p.mediation_first ? "；可先行人民调解" : "") + (p.city_wide_acceptance ? "；市域通办" : "");
  $("decide").classList.toggle("hidden", app.status !== "received");
  caseFacts(app);
  flags(p);
  reasons(p.reasons);
  const docs = $("proposal-docs"); docs.replaceChildren();
  for (const d of p.documents_needed) docs.append(el("li", d.label));
  if (!p.documents_needed.length) docs.append(el("li", "材料齐全"));
  const hist = $("history"); hist.replaceChildren();
  for (const h of app.history) {
    hist.append(el("li", time(h.at) + "　" + words("status", h.to_status) + "（" + h.actor + "）" +
                (h.reason ? "：" + h.reason : "")));
  }
  await loadLawyers(app);
}

function caseFacts(app) {
  const dl = $("case-facts"); dl.replaceChildren();
  const a = app.applicant, c = app.case, e = app.economic;
  const rows = [
    ["申请人", a.name + "，电话 " + a.phone + (a.region ? "，" + a.region : "")],
    ["特殊群体", a.groups.length ? a.groups.join("、") : "无"],
    ["案件类别", words("category", c.category)],
    ["对方", c.opposing_party ? c.opposing_party + "（" + words("party_kind", c.opposing_kind) + "）" : "—"],
    ["涉及金额", yuan(c.amount)],
    ["申请事项", c.matter_tags.length ? c.matter_tags.join("、") : "—"],
    ["关键日期", c.key_dates.length ? c.key_dates.map((d) => d.label + " " + d.on).join("；") : "—"],
    ["经济状况", (e.monthly_income_per_capita !== null ? "人均月收入 " + yuan(e.monthly_income_per_capita) : "未填收入") +
                (e.no_fixed_income ? "；无固定生活来源" : "")],
    ["案情", c.summary || "—"],
  ];
  for (const [k, v] of rows) { dl.append(el("dt", k), el("dd", v)); }
}

function flags(p) {
  const ul = $("proposal-flags"); ul.replaceChildren();
  for (const f of p.priority) ul.append(el("li", f.label + (f.local_policy ? "（本地做法）" : "")));
  for (const d of p.deadlines) {
    ul.append(el("li", d.label + "：" + d.deadline + (d.days_left >= 0 ? "（还剩" + d.days_left + "天）" : "（已过）") +
                 " " + cite(d.basis), d.days_left <= 7 ? "rank0" : ""));
  }
  if (!ul.children.length) ul.append(el("li", "无"));
}

// One item per article: its first explanation shown, the others folded away.
function reasons(list) {
  const groups = new Map();
  for (const b of list) {
    const key = b.law + "|" + b.article;
    if (!groups.has(key)) groups.set(key, []);
    const texts = groups.get(key);
    if (!texts.some((t) => t.text === b.text)) texts.push(b);
  }
  const ol = $("proposal-reasons"); ol.replaceChildren();
  for (const items of groups.values()) {
    const li = el("li");
    li.append(el("span", cite(items[0]) + "：", items[0].law ? "cite" : "local"), el("span", items[0].text));
    if (items.length > 1) {
      const more = el("details", undefined, "more");
      more.append(el("summary", "同一条的另外" + (items.length - 1) + "条说明"));
      for (const b of items.slice(1)) more.append(el("p", b.text));
      li.append(more);
    }
    ol.append(li);
  }
}

async function loadLawyerNames() {
  try {
    for (const lw of await api("/v1/staff/lawyers")) lawyerNames[lw.id] = lw.name + "（" + lw.firm + "）";
  } catch (e) { /* a responder may not list lawyers */ }
}

async function loadLawyers(app) {
  const box = $("assign-box"), ul = $("lawyers");
  ul.replaceChildren();
  const can = ["screened", "referred_mediation", "assigned"].includes(app.status) && app.decision !== "refuse";
  box.classList.toggle("hidden", !can && !app.lawyer_id);
  if (app.lawyer_id && !lawyerNames[app.lawyer_id]) await loadLawyerNames();
  $("assigned-lawyer").textContent = app.lawyer_id ? (lawyerNames[app.lawyer_id] || app.lawyer_id) : "（未指派）";
  if (!can) return;
  for (const c of await api("/v1/staff/applications/" + app.id + "/lawyers")) {
    const li = el("li", c.lawyer.name + "（" + c.lawyer.firm + "，在办" + c.lawyer.caseload + "件）：" + c.reasons.join("；") + " ");
    if (c.lawyer.id !== app.lawyer_id) {
      const b = el("button", app.lawyer_id ? "改派给此律师" : "指派");
      b.type = "button";
      b.dataset.lawyer = c.lawyer.id;
      b.addEventListener("click", () => act("/assign", {lawyer_id: c.lawyer.id, reason: $("assign-reason").value}));
      li.append(b);
    } else li.append(el("b", "（当前）"));
    ul.append(li);
  }
}

async function act(suffix, payload) {
  $("detail-error").textContent = "";
  try {
    await post("/v1/staff/applications/" + current + suffix, payload);
    await loadLawyerNames();
    await openDetail(current); await loadQueue();
    $("override-reason").value = ""; $("assign-reason").value = "";
  } catch (e) { $("detail-error").textContent = e.message; }
}

async function download(fmt) {
  const res = await fetch("/v1/staff/applications/export?format=" + fmt,
                          {headers: {"Authorization": "Bearer " + token()}});
  if (!res.ok) { $("detail-error").textContent = "导出失败（" + res.status + "）"; return; }
  const url = URL.createObjectURL(await res.blob());
  const a = el("a"); a.href = url; a.download = "applications." + fmt; document.body.append(a);
  a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ----- hand-offs ----------------------------------------------------------------------------

async function countHandoffs() {
  try { $("handoff-count").textContent = String((await api("/v1/staff/escalations?status=open")).length); }
  catch (e) { $("handoff-count").textContent = "?"; }
}

async function loadHandoffs() {
  const tbody = $("handoff-list"); tbody.replaceChildren();
  const items = await api("/v1/staff/escalations?status=" + $("handoff-filter").value);
  for (const h of items) {
    const tr = el("tr", undefined, "row" + (h.id === currentHandoff ? " sel" : ""));
    tr.dataset.id = h.id;
    tr.append(el("td", time(h.created_at)), el("td", words("channel", h.channel)),
              el("td", words("reason", h.reason) + (h.risk_level ? "，" + words("risk_level", h.risk_level) : ""),
                 h.risk_level === "high" ? "rank0" : ""),
              el("td", h.question.length > 40 ? h.question.slice(0, 40) + "…" : h.question));
    tr.addEventListener("click", () => openHandoff(h));
    tbody.append(tr);
  }
  if (!items.length) {
    const tr = el("tr");
    tr.append(el("td", "没有" + ($("handoff-filter").value === "open" ? "待答复" : "已答复") + "的问题"));
    tbody.append(tr);
  }
  await countHandoffs();
}

function delivery(h) {
  if (h.status !== "answered") return "待答复";
  if (h.channel === "wechat") {
    return h.delivered ? "已答复，已通过微信发给群众" : "已答复；微信未送达，群众可凭取件码查看";
  }
  return "已答复，群众凭取件码在一体机或手机上查看";
}

function openHandoff(h) {
  currentHandoff = h.id;
  for (const tr of document.querySelectorAll("#handoff-list tr.row")) tr.classList.toggle("sel", tr.dataset.id === h.id);
  $("handoff-detail").classList.remove("hidden");
  $("handoff-error").textContent = "";
  $("handoff-title").textContent = words("reason", h.reason) + " · " + words("channel", h.channel) + " · " + time(h.created_at);
  const status = $("handoff-status");
  status.textContent = "状态：" + delivery(h) + (h.answered_by ? "（" + h.answered_by + " 于 " + time(h.answered_at) + "）" : "");
  status.className = "status-" + h.status;
  $("handoff-delivery").textContent = h.status === "answered" ? delivery(h) : "";
  $("handoff-question").textContent = h.question;
  const facts = $("handoff-facts"); facts.replaceChildren();
  for (const f of h.facts_zh) facts.append(el("li", f));
  if (!h.facts_zh.length) facts.append(el("li", "没有提取到具体情况，请看群众的原话。"));
  const arts = $("handoff-articles"); arts.replaceChildren();
  for (const a of h.articles) arts.append(el("li", "《" + a.law + "》" + a.article));
  if (!h.articles.length) arts.append(el("li", "无"));
  $("handoff-answer").value = h.answer || "";
  $("handoff-answer").readOnly = h.status === "answered";
  $("handoff-send").classList.toggle("hidden", h.status === "answered");
}

async function answerHandoff() {
  const text = $("handoff-answer").value.trim();
  if (!text) { $("handoff-error").textContent = "请先写答复。"; return; }
  try {
    const h = await post("/v1/staff/escalations/" + currentHandoff + "/answer", {answer: text});
    await loadHandoffs();
    openHandoff(h);
  } catch (e) { $("handoff-error").textContent = e.message; }
}

// ----- new application ----------------------------------------------------------------------

function checks(box, name, values) {
  box.replaceChildren();
  for (const v of values) {
    const label = el("label"), input = el("input");
    input.type = "checkbox"; input.name = name; input.value = v;
    label.append(input, document.createTextNode(" " + v));
    box.append(label);
  }
}

function fillNewForm() {
  const sel = $("new-category"); sel.replaceChildren();
  for (const [code, name] of Object.entries(L.category || {})) {
    const o = el("option", name); o.value = code; sel.append(o);
  }
  checks($("new-groups"), "groups", L.groups || []);
  checks($("new-tags"), "tags", L.matter_tags || []);
}

function checked(name) { return [...document.querySelectorAll("input[name=" + name + "]:checked")].map((i) => i.value); }

async function createApplication(ev) {
  ev.preventDefault();
  $("new-result").textContent = ""; $("new-error").textContent = "";
  const num = (id) => $(id).value === "" ? null : Number($(id).value);
  const dates = $("new-date").value && $("new-date-label").value.trim()
    ? [{label: $("new-date-label").value.trim(), on: $("new-date").value, kind: "deadline"}] : [];
  const body = {
    applicant: {name: $("new-name").value, id_number: $("new-id").value, phone: $("new-phone").value,
                region: $("new-region").value, groups: checked("groups")},
    case: {category: $("new-category").value, summary: $("new-summary").value,
           opposing_party: $("new-opponent").value, opposing_kind: $("new-opponent-kind").value,
           amount: num("new-amount"),
           matter_tags: checked("tags"), key_dates: dates},
    economic: {monthly_income_per_capita: num("new-income")},
  };
  try {
    const made = await post("/v1/staff/applications", body);
    $("new-result").textContent = "已受理：" + made.application.applicant.name + "，查询码 " + made.pickup_code;
    $("new-form").reset();
    await loadQueue();
    view("view-apps");
    await openDetail(made.application.id);
  } catch (e) { $("new-error").textContent = e.message; }
}

// ----- roster -------------------------------------------------------------------------------

async function loadRoster() {
  const tbody = $("roster-table"); tbody.replaceChildren();
  for (const lw of await api("/v1/staff/lawyers")) {
    const tr = el("tr");
    tr.append(el("td", lw.name), el("td", lw.firm), el("td", lw.specialties.join("、")),
              el("td", lw.region), el("td", lw.languages.join("、") || "—"),
              el("td", String(lw.caseload)), el("td", lw.available ? "是" : "否"));
    tbody.append(tr);
  }
}

async function importRoster() {
  $("roster-result").textContent = ""; $("roster-error").textContent = "";
  const file = $("roster-file").files[0];
  if (!file) { $("roster-error").textContent = "请先选择名册文件。"; return; }
  const form = new FormData(); form.append("file", file);
  try {
    const r = await api("/v1/staff/lawyers/import", {method: "POST", body: form});
    $("roster-result").textContent = "导入完成：新增" + r.created + "人，更新" + r.updated + "人。";
    await loadLawyerNames(); await loadRoster();
  } catch (e) { $("roster-error").textContent = e.message; }
}

// ----- wiring -------------------------------------------------------------------------------

$("login").addEventListener("submit", login);
$("logout").addEventListener("click", logout);
for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => view(b.dataset.view));
$("refresh").addEventListener("click", loadQueue);
$("confirm").addEventListener("click", () => act("/confirm", {reason: ""}));
$("override").addEventListener("click", () => act("/override", {
  decision: $("override-decision").value, reason: $("override-reason").value}));
$("export-csv").addEventListener("click", () => download("csv"));
$("export-xlsx").addEventListener("click", () => download("xlsx"));
$("handoff-filter").addEventListener("change", loadHandoffs);
$("handoff-refresh").addEventListener("click", loadHandoffs);
$("handoff-send").addEventListener("click", answerHandoff);
$("new-form").addEventListener("submit", createApplication);
$("roster-import").addEventListener("click", importRoster);
if (token()) start().catch(() => logout());
