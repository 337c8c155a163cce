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

// The live page (#live[data-live-poll]): counts down to each start and end, opens the Join
// buttons when their rooms open, and asks the live API every data-live-every seconds (20 by
// default) whether anything changed
// (a 304 while nothing did); when it did, this page's #live part is fetched and swapped in.
(() => {
  const live = document.getElementById("live");
  if (!live || !live.dataset.livePoll) return;
  const lang = document.documentElement.lang || "en";
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  const say = (seconds) => {
    const minutes = Math.round(seconds / 60);
    if (Math.abs(minutes) < 60) return relative.format(minutes, "minute");
    const hours = Math.round(minutes / 60);
    if (Math.abs(hours) < 48) return relative.format(hours, "hour");
    return relative.format(Math.round(hours / 24), "day");
  };
  const tick = () => {
    const now = Date.now();
    for (const clock of document.querySelectorAll("#live [data-until]")) {
      const left = (Date.parse(clock.dataset.until) - now) / 1000;
      // The sentence around the time ("Starts {when}") comes translated from the page.
      if (clock.dataset.sentence) {
        clock.textContent = clock.dataset.sentence.replace("{when}", say(left));
      }
    }
    for (const button of document.querySelectorAll("#live a.join[data-opens]")) {
      if (Date.parse(button.dataset.opens) <= now) {
        button.removeAttribute("aria-disabled");
        const note = button.parentElement.querySelector(".join-opens");
        if (note) note.remove();
        delete button.dataset.opens;
      }
    }
  };
  live.addEventListener("click", (event) => {
    const button = event.target.closest("a.join[aria-disabled='true']");
    if (button) event.preventDefault();
  });
  let etag = null;
  const poll = async () => {
    try {
      const headers = etag ? { "If-None-Match": etag } : {};
      const answer = await fetch(live.dataset.livePoll, { headers, cache: "no-store" });
      if (answer.status === 200) {
        const seen = answer.headers.get("ETag");
        if (etag && seen !== etag) {
          const page = await fetch(window.location.href, { cache: "no-store" });
          const fresh = new DOMParser().parseFromString(await page.text(), "text/html")
            .getElementById("live");
          if (fresh) live.innerHTML = fresh.innerHTML;
        }
        etag = seen;
      }
    } catch (e) { /* offline for a moment: the next poll tries again */ }
    tick();
  };
  tick();
  poll();
  setInterval(tick, 1000);
  setInterval(poll, 1000 * (Number(live.dataset.liveEvery) || 20));
})();
