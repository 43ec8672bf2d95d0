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

  // Narration: after the results change, say what changed first, then what did not. It
  // compares with what it last announced (read at load and after each announcement), never
  // with the page as it stands mid-swap: Enter in a field fires both `change` and `submit`.
  var announced = null, announcedAt = null, announcedErrors = "";

  function summaries(root) {
    var rows = (root || document).querySelectorAll("#results tr.strip-row[data-system]");
    var found = {};
    Array.prototype.forEach.call(rows, function (row) {
      found[row.dataset.system] = { name: row.dataset.name, summary: row.dataset.summary,
                                    value: row.dataset.value, applies: row.dataset.applies };
    });
    return found;
  }

  function remember() { announced = summaries(document); announcedAt = location.href; }
  document.addEventListener("DOMContentLoaded", remember);
  // Back and Forward restore a page the reader has seen: start again from what it shows.
  document.addEventListener("htmx:historyRestore", remember);
  window.addEventListener("popstate", function () { setTimeout(remember, 0); });

  function narrate() {
    var region = document.getElementById("announce");
    var now = summaries(document);
    if (!region || !announced || !Object.keys(now).length) return;
    // Enter in a field sends the record twice (change, then submit): the second answer
    // repeats the first, and the reader has heard it already.
    var errors = document.querySelector("#results .errors");
    var errorText = errors ? Array.prototype.map.call(errors.querySelectorAll("p, li"), function (e) {
      return e.textContent.replace(/\s+/g, " ").trim();
    }).join(" ") : "";
    if (location.href === announcedAt && errorText === announcedErrors) return;
    var before = announced;
    var systems = Object.keys(now);
    var changed = systems.filter(function (k) { return !before[k] || before[k].summary !== now[k].summary; });
    var same = systems.filter(function (k) { return before[k] && before[k].summary === now[k].summary; });
    var text;
    if (!changed.length) {
      text = region.dataset.nothing;
    } else {
      text = region.dataset.changed + " " + changed.map(function (k) { return now[k].summary; }).join(" ");
      if (same.length) {
        text += " " + region.dataset.unchanged + " " + same.map(function (k) { return now[k].name; }).join(", ") + ".";
      }
      if (window.markChanges) window.markChanges(before, now); // reader.js
    }
    if (errorText) text = errorText + " " + text;
    region.textContent = text;
    announced = now;
    announcedAt = location.href;
    announcedErrors = errorText;
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
    var target = event.detail.target;
    if (!target || (target.id !== "results" && target.id !== "simulation")) return;
    markInvalid();
    narrate();
    // "Show the results" (or Enter in a field) and choosing a persona take the reader to
    // the results, as they do without JavaScript; a change to one control leaves them
    // where they are.
    var trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
    var results = document.getElementById("results");
    // Arrowing through the persona menu loads each persona where the reader is (no jump:
    // WCAG 3.2.2); choosing one with the pointer, or Load, takes them to its results.
    var keyed = target.id === "simulation" && trigger && trigger.type === "change" && personaByKey;
    if (results && trigger && !keyed && (trigger.type === "submit" || target.id === "simulation")) {
      results.scrollIntoView({ block: "start" });
      results.focus({ preventScroll: true });
    }
  });

  // Whether the persona menu was last moved by keyboard (arrows change it at once).
  var personaByKey = false;
  document.addEventListener("keydown", function (event) {
    if (event.target && event.target.id === "persona") personaByKey = event.key !== "Enter";
  }, true);
  document.addEventListener("pointerdown", function () { personaByKey = false; }, true);

  // A link to a note inside a folded part (the chapter's sources) unfolds it first. A
  // target not on the page yet may be in a fold that loads on opening (an embed's pilot
  // table): open that, and look again once it has arrived.
  function unfoldTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.charAt(0) === "?") return; // WordPress's #?secret=, not a place in the page
    var target = id && document.getElementById(id);
    var lazy = !target && id && document.querySelector("details:not([open]) [hx-trigger^='toggle']");
    if (lazy) {
      document.addEventListener("htmx:afterSettle", unfoldTarget, { once: true });
      lazy.closest("details").open = true;
      return;
    }
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    if (target) target.scrollIntoView();
  }
  window.addEventListener("hashchange", unfoldTarget);
  if (location.hash) document.addEventListener("DOMContentLoaded", unfoldTarget);

  // Printing: unfold everything and print each link's full address.
  var folded = [];
  window.addEventListener("beforeprint", function () {
    folded = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    folded.forEach(function (d) { d.open = true; });
    document.querySelectorAll("main a[href], footer a[href]").forEach(function (a) {
      var href = a.href;
      try { href = decodeURI(href); } catch (e) { /* keep it as it is */ }
      a.setAttribute("data-print-href", href);
    });
  });
  window.addEventListener("afterprint", function () {
    folded.forEach(function (d) { d.open = false; });
    folded = [];
  });
})();
