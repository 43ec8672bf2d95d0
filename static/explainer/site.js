// Small enhancements on top of htmx. Every page works without this file.
(function () {
  "use strict";

  // In-page links scroll smoothly once the reader has pressed a key or a pointer; the
  // browser's own jump to an address's #fragment on load stays instant.
  function interacted() {
    document.documentElement.classList.add("interacted");
  }
  document.addEventListener("pointerdown", interacted, { once: true, capture: true });
  document.addEventListener("keydown", interacted, { once: true, capture: true });

  // Narration: after the results change, say what changed first, then what did not.
  // The live region (#announce) stays in place; only its text is replaced.
  var before = null;

  function summaries(root) {
    var rows = (root || document).querySelectorAll("tr.strip-row[data-system]");
    return Array.prototype.map.call(rows, function (row) {
      return { system: row.dataset.system, name: row.dataset.name, summary: row.dataset.summary };
    });
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (target && (target.id === "results" || target.id === "simulation")) {
      before = {};
      summaries(document).forEach(function (s) { before[s.system] = s.summary; });
    }
  });

  function narrate() {
    var region = document.getElementById("announce");
    if (!region || !before) return;
    var now = summaries(document);
    var changed = now.filter(function (s) { return before[s.system] !== s.summary; });
    var same = now.filter(function (s) { return before[s.system] === s.summary; });
    var errors = document.querySelector("#results .errors");
    var text;
    if (!changed.length) {
      text = region.dataset.nothing;
    } else {
      text = region.dataset.changed + " " + changed.map(function (s) { return s.summary; }).join(" ");
      if (same.length) {
        text += " " + region.dataset.unchanged + " " + same.map(function (s) { return s.name; }).join(", ") + ".";
      }
    }
    if (errors) text = errors.textContent.replace(/\s+/g, " ").trim() + " " + text;
    region.textContent = text;
    before = null;
  }

  // After a change, the results carry the field errors as JSON (#field-errors): show each
  // next to its field, clear the others, and mark the controls for assistive technology.
  function markInvalid() {
    var data = document.getElementById("field-errors");
    if (!data) return;
    var errors = {};
    try { errors = JSON.parse(data.textContent) || {}; } catch (e) { return; }
    data.remove();
    document.querySelectorAll("p.field-error[id^='e-']").forEach(function (message) {
      var name = message.id.slice(2);
      var control = document.getElementById("f-" + name);
      message.textContent = errors[name] || "";
      message.hidden = !errors[name];
      if (!control) return;
      if (errors[name]) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    });
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    markInvalid();
    narrate();
    // "Show the results" (or Enter in a field) takes the reader to the results, as it
    // does without JavaScript; a change to one control leaves them where they are.
    var trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
    var results = document.getElementById("results");
    if (trigger && trigger.type === "submit" && results) {
      results.scrollIntoView({ block: "start" });
      results.focus({ preventScroll: true });
    }
  });

  // Printing: unfold everything and print each link's full address.
  var folded = [];
  window.addEventListener("beforeprint", function () {
    folded = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    folded.forEach(function (d) { d.open = true; });
    document.querySelectorAll("main a[href], footer a[href]").forEach(function (a) {
      a.setAttribute("data-print-href", a.href);
    });
  });
  window.addEventListener("afterprint", function () {
    folded.forEach(function (d) { d.open = false; });
    folded = [];
  });
})();

// Copy buttons (the embed builder): shown only when this script runs.
(function () {
  "use strict";
  document.querySelectorAll("button.copy-button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.copy);
      if (!field) return;
      var done = function () {
        var label = button.textContent;
        button.textContent = "✓";
        setTimeout(function () { button.textContent = label; }, 1500);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          field.select(); document.execCommand("copy"); done();
        });
      } else {
        field.select(); document.execCommand("copy"); done();
      }
    });
  });
})();
