"use strict";
// The print page prints itself; the pickup page asks the rate-limited API. textContent only.
window.addEventListener("load", function () {
  if (new URLSearchParams(location.search).get("print") === "1") {
    setTimeout(function () { window.print(); }, 100);
  }
});
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("pickup-form");
  if (!form) return;
  form.addEventListener("submit", async function (ev) {
    ev.preventDefault();
    var out = document.getElementById("pickup-result");
    var code = document.getElementById("pickup-code").value.replace(/[\s-]/g, "").toUpperCase();
    out.textContent = "正在查询……";
    try {
      var res = await fetch("/v1/escalations/" + encodeURIComponent(code || "-"));
      var body = await res.json();
      if (!res.ok) { out.textContent = body.error.message; return; }
      out.textContent = body.status === "answered" ? "工作人员的答复：\n" + body.answer
        : "工作人员还在处理您的问题，请稍后再查。急事请拨打12348法律援助热线。";
    } catch (e) {
      out.textContent = "网络不通，请稍后再试。";
    }
  });
});
