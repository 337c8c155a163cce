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
});
