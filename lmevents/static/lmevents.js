// The page behaviours that need script, attached by data attributes: the pages carry no
// inline script, so the Content-Security-Policy can forbid it. Every page works without this.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // <select data-autosubmit>: choosing an option submits its form (the language switch).
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
  }
  // <form data-confirm="question">: a destructive action asks first.
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
  // <input data-select-all>: one click selects the whole value (a feed address to copy).
  for (const input of document.querySelectorAll("input[data-select-all]")) {
    input.addEventListener("click", () => input.select());
  }
  // <button data-copy="id" hidden>: copies that field's value (shown only where it can).
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    if (!field || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(field.value);
      field.select();
    });
  }
});

// A refused form: the focus goes to the summary of what is wrong (it links to each field),
// once the page is loaded (after the browser has scrolled to the form's #anchor).
window.addEventListener("load", () => {
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
});

// The zone this browser is in, for pages to show times in when the visitor chose none
// (kept a year; a visitor's own choice, their account's zone or ?tz= come first).
(() => {
  let zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) return;
  const current = document.cookie.split("; ").find((c) => c.startsWith("tz="));
  if (current && decodeURIComponent(current.slice(3)) === zone) return;
  // IANA names (letters, digits, "/", "_", "-", "+") need no escaping in a cookie.
  if (!/^[A-Za-z0-9_+\/-]+$/.test(zone)) return;
  document.cookie = "tz=" + zone + "; path=/; max-age=31536000; samesite=lax";
})();
