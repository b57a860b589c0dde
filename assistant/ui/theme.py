"""Look of the kiosk page: large type, big touch targets, one column that fits portrait screens.

Kept as strings (not files) so they ship with the package without package-data changes.
"""

from __future__ import annotations

# Gradio's theme reads its text sizes from these variables; the kiosk wants >= 22px body text.
CSS = """
:root, .gradio-container {
  --text-xxs: 18px !important; --text-xs: 20px !important; --text-sm: 22px !important;
  --text-md: 24px !important; --text-lg: 26px !important; --text-xl: 30px !important;
  --text-xxl: 36px !important;
  --block-label-text-size: 24px !important; --block-info-text-size: 22px !important;
  --block-label-text-color: #222 !important; --block-info-text-color: #444 !important;
  --block-title-text-color: #222 !important; --body-text-color-subdued: #444 !important;
  --button-large-text-size: 26px !important; --input-text-size: 24px !important;
}
.gradio-container { max-width: 1100px !important; margin: 0 auto !important;
  font-size: 24px; line-height: 1.6; }
footer { display: none !important; }
.kiosk-head h1 { font-size: 44px; margin: 8px 0 4px; }
.kiosk-head p { font-size: 22px; color: #555; margin: 0; }
.head-row { align-items: center !important; }
.head-row > .new-chat { flex: 0 0 220px !important; }
/* Empty output slots take no room (Gradio keeps a 20px block for an empty HTML). */
.slot:has(.prose:empty) { display: none !important; }
.big-btn, .big-btn button { font-size: 28px !important; min-height: 76px !important;
  border-radius: 14px !important; }
.new-chat, .new-chat button { font-size: 28px !important; min-height: 76px !important;
  border-radius: 14px !important; white-space: nowrap; }
.cats { display: grid !important; gap: 12px !important;
  grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
.cats button, button.cat { font-size: 24px !important; min-height: 84px !important;
  white-space: normal !important; line-height: 1.3 !important; border-radius: 14px !important; }
.cats-title p { font-size: 26px; font-weight: bold; margin: 4px 0; }
textarea, input[type=text] { font-size: 26px !important; line-height: 1.5 !important; }
.answer, .citations, .risk, .history, .transcript, .notice, .preview, .downloads, .intro {
  font-size: 24px; line-height: 1.7; }
.card { background: #fff; border: 2px solid #dde3ea; border-radius: 14px; padding: 12px 20px;
  margin: 12px 0; }
.card h3 { font-size: 30px; margin: 6px 0 10px; color: #0b4a8b; }
.card h4 { font-size: 26px; margin: 14px 0 6px; }
.card p { margin: 6px 0; }
.banner { font-size: 28px; font-weight: bold; padding: 12px 18px; border-radius: 12px;
  background: #fff4d6; border: 2px solid #e0b040; margin: 8px 0; }
.banner.emergency { background: #ffe0e0; border-color: #d33; color: #a00; }
.questions li { font-size: 28px; margin: 10px 0; }
.hint { color: #555; }
.history .turn { margin: 6px 0; padding: 8px 14px; border-radius: 12px; }
.history .me { background: #e8f1ff; }
.history .bot { background: #f3f3f3; color: #444; }
details.cite { border: 2px solid #c9d6e6; border-radius: 12px; margin: 10px 0;
  background: #f7faff; }
details.cite summary { font-size: 26px; padding: 16px 18px; cursor: pointer; color: #0b4a8b;
  font-weight: bold; min-height: 44px; }
details.cite .cite-text { padding: 0 18px 12px; font-size: 24px; }
.badge { display: inline-block; padding: 2px 14px; border-radius: 999px; color: #fff;
  font-size: 24px; vertical-align: middle; }
.badge.low { background: #2e8b57; } .badge.medium { background: #d98a00; }
.badge.high { background: #c62828; }
.deadline { border-left: 8px solid #999; padding: 4px 12px; margin: 8px 0; }
.deadline.expired, .deadline.urgent { border-color: #c62828; }
.deadline.soon { border-color: #d98a00; } .deadline.ok { border-color: #2e8b57; }
.deadline .days { font-weight: bold; margin: 0 8px; }
.deadline.expired .days, .deadline.urgent .days { color: #c62828; }
.deadline.soon .days { color: #b36b00; } .deadline.ok .days { color: #2e7d32; }
.evidence { list-style: none; padding-left: 0; } .evidence li { margin: 6px 0; }
.evidence li.held { color: #2e7d32; }
.basis { color: #555; font-size: 22px; }
#drafting > button span, #drafting .label-wrap span { font-size: 28px !important;
  font-weight: bold; }
.notice p { margin: 4px 0; }
.notice { background: #ffecec; border: 2px solid #d33; color: #a00; padding: 10px 16px;
  border-radius: 12px; }
.transcript { background: #f3f7ee; border-radius: 12px; padding: 8px 16px; }
pre.preview { white-space: pre-wrap; font-size: 22px; background: #fff; padding: 16px;
  border: 2px solid #dde3ea; border-radius: 12px; max-height: 900px; overflow: auto; }
a.dl { display: inline-block; font-size: 26px; padding: 16px 24px; margin: 8px 12px 8px 0;
  background: #0b63c5; color: #fff !important; border-radius: 12px; text-decoration: none; }
input[type=checkbox] { width: 32px !important; height: 32px !important; }
audio.tts { width: 100%; margin: 8px 0; }
.mic { min-height: 120px; }
.mic button { font-size: 22px !important; }
.handoff-offer, .consent, .ticket, .pickup-answer { font-size: 24px; line-height: 1.7; }
.handoff-offer { background: #fff4d6; border: 2px solid #e0b040; border-radius: 12px;
  padding: 8px 16px; font-weight: bold; }
.ticket { background: #eef7ee; border: 3px solid #2e8b57; border-radius: 14px;
  padding: 12px 20px; text-align: center; }
.ticket .pickup-code { font-size: 64px; font-weight: bold; letter-spacing: 8px; margin: 8px 0;
  font-family: monospace; color: #0b4a8b; }
.pickup-answer { background: #fff; border: 2px solid #dde3ea; border-radius: 12px;
  padding: 8px 16px; }
#handoff > button span, #handoff .label-wrap span, #pickup > button span,
#pickup .label-wrap span { font-size: 26px !important; font-weight: bold; }
@media (max-width: 700px) { .cats { grid-template-columns: 1fr 1fr; } }
"""

# Marks the last touch or key press; the idle timer reads it so the page wipes itself only when
# nobody has used it for the configured time (reading a long answer counts as idle).
HEAD = """
<script>
(function () {
  window.kioskLastActivity = Date.now();
  var mark = function () { window.kioskLastActivity = Date.now(); };
  ["pointerdown", "keydown", "touchstart", "wheel", "input"].forEach(function (e) {
    document.addEventListener(e, mark, {capture: true, passive: true});
  });
})();
</script>
"""

# Runs before the idle check: replaces the last input with the seconds since the last activity.
# ``??=`` keeps the wipe working (erring towards privacy) should the head script be missing.
IDLE_JS = """
(...args) => {
  window.kioskLastActivity ??= Date.now();
  args[args.length - 1] = (Date.now() - window.kioskLastActivity) / 1000;
  return args;
}
"""
