// Reader pages only (embeds leave it out, to stay light): marks of what changed, copy and
// share buttons. Every page works without it.
(function () {
  "use strict";
  // With JavaScript, every change to the record is marked in the strip, as the steps are
  // (the server marks a step's changes itself).
  window.markChanges = function (before, now) {
    Object.keys(now).forEach(function (system) {
      var old = before[system], current = now[system];
      var row = document.querySelector('#results tr.strip-row[data-system="' + system + '"]');
      var labels = row && row.closest("table").dataset;
      if (!old || !row || !labels.nowApplies || row.querySelector(".change-mark")) return;
      var words = [];
      if (old.applies !== current.applies) {
        words.push(current.applies === "1" ? labels.nowApplies : labels.noLonger);
      } else if (current.applies === "1" && old.value !== current.value &&
                 old.value !== "" && current.value !== "") {
        var delta = Math.round((parseFloat(current.value) - parseFloat(old.value)) * 100) / 100;
        // With the page's decimal mark (0,5 in Dutch and German), as the server writes it.
        if (delta) words.push((delta > 0 ? "+" : "\u2212") + Math.abs(delta).toLocaleString(
          document.documentElement.lang || "en", { useGrouping: false }));
      } else if (old.summary !== current.summary && current.value === "") {
        words.push(labels.changed);
      }
      if (!words.length) return;
      var cell = row.querySelector(".strip-verdict");
      var mark = document.createElement("span");
      mark.className = "change-mark";
      mark.textContent = words.join(" · ");
      cell.appendChild(document.createTextNode(" "));
      cell.appendChild(mark);
    });
  };
})();

// Copy buttons (the embed builder, a page's citation, the recap): shown only when this
// script runs. `data-copy` names a field to copy; `data-copy-text` is the text itself.
(function () {
  "use strict";
  document.querySelectorAll("button.copy-button").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = button.dataset.copy && document.getElementById(button.dataset.copy);
      var text = field ? field.value : button.dataset.copyText;
      if (!text) return;
      var done = function () {
        var label = button.textContent;
        button.textContent = "✓";
        setTimeout(function () { button.textContent = label; }, 1500);
      };
      var fallback = function () {
        if (!field) return;
        field.select(); document.execCommand("copy"); done();
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
  });
  // The system's share sheet, where the browser has one (phones, mostly).
  document.querySelectorAll("button.share-button").forEach(function (button) {
    if (!navigator.share) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: button.dataset.title, url: button.dataset.url }).catch(function () {});
    });
  });
})();

// The builder's previews take the height their embed reports, as hosts do: the WordPress
// one clamped to 200-1000 px as wp-embed.js clamps it (so a teacher sees the scrollbar
// WordPress would show), the full-width one whole.
(function () {
  "use strict";
  var frames = document.querySelectorAll("iframe.preview[data-max-height]");
  if (!frames.length) return;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "china-credit-embed:height") return;
    var height = Number(data.height);
    if (!(height > 0 && height < 20000)) return;
    frames.forEach(function (frame) {
      if (frame.contentWindow !== event.source) return;
      var most = Number(frame.dataset.maxHeight) || height;
      frame.height = String(Math.max(200, Math.min(most, height)));
    });
  });
})();

// The printed handout's QR code for results htmx swapped in: the server draws it only on
// a whole page (drawing it took half a millisecond of every new record's request), so the
// code of this very record is drawn here, as the server would (explainer/qr.py: low error
// correction, a 2-module border, each row's dark runs as strokes).
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg", BORDER = 2;
  var module = document.currentScript && document.currentScript.dataset.qrModule;
  function draw(holder, lean) {
    var code = lean.generate(holder.dataset.qr, { minCorrectionLevel: lean.correction.L });
    var n = code.size, size = n + 2 * BORDER, d = "";
    for (var y = 0; y < n; y++) {
      for (var x = 0; x < n; x++) {
        if (!code.get(x, y)) continue;
        var start = x;
        while (x + 1 < n && code.get(x + 1, y)) x++;
        d += "M" + (start + BORDER) + " " + (y + BORDER + 0.5) + "h" + (x - start + 1);
      }
    }
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("class", "qr");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", holder.getAttribute("aria-label"));
    var path = document.createElementNS(NS, "path");
    path.setAttribute("stroke", "#000");
    path.setAttribute("d", d);
    svg.appendChild(path);
    holder.replaceWith(svg);
  }
  function drawPending() {
    var pending = document.querySelectorAll(".print-link .qr-pending[data-qr]");
    if (!pending.length || !module) return;
    import(module).then(function (lean) {
      pending.forEach(function (holder) { if (holder.isConnected) draw(holder, lean); });
    }, function () {});  // no code then: the address is printed beside it as text
  }
  document.addEventListener("htmx:afterSettle", drawPending);
  drawPending();
})();
