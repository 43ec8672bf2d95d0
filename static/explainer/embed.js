// Inside an embed: tell the host page how tall we are, in every protocol hosts listen
// for, and open the full explainer the way the host allows. No cookies, no storage, no
// request to anyone but us.
(function () {
  "use strict";
  var match = /[#&?]secret=([A-Za-z0-9]+)/.exec(location.hash);
  var secret = match ? match[1] : null; // WordPress appends #?secret=... to the src
  var last = 0;

  function send(message) {
    try { window.parent.postMessage(message, "*"); } catch (e) { /* no parent */ }
  }

  function report(force) {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (!force && height === last) return;
    last = height;
    // Ours, documented on /api/: {type: "china-credit-embed:height", height, href}
    send({ type: "china-credit-embed:height", height: height, href: location.href });
    if (secret) send({ message: "height", value: height, secret: secret }); // WordPress
    send({ subject: "lti.frameResize", height: height }); // Canvas
    send({ sentinel: "amp", type: "embed-size", height: height }); // AMP
    send(JSON.stringify({ src: location.href, context: "iframe.resize", height: height })); // Embedly
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; report(false); });
  }

  if ("ResizeObserver" in window) {
    new ResizeObserver(schedule).observe(document.documentElement);
  }
  window.addEventListener("load", function () { report(true); });
  document.addEventListener("toggle", schedule, true); // <details> opening

  // WordPress says "ready" when it starts listening: answer with the height again.
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (data && data.message === "ready" && secret && data.secret === secret) report(true);
  });

  // Links: in-page ones stay in the frame (target="_self"; site.js unfolds their target).
  // WordPress's sandbox has no allow-popups, so there every link to our own site asks
  // the host to navigate ("link" message, followed for the embed's host only: hence
  // citations point to our Sources page). Elsewhere links open a new tab.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!secret || !link || event.defaultPrevented) return;
    // getAttribute: an SVG link's href and target are objects, not strings.
    var url = new URL(link.getAttribute("href"), location.href);
    if (url.host === location.host && link.getAttribute("target") !== "_self") {
      event.preventDefault();
      send({ message: "link", value: url.href, secret: secret });
    }
  });

  // Sandboxed with allow-scripts alone (WordPress), a frame may not submit forms: submit
  // buttons and Enter send their form through htmx instead.
  function viaHtmx(form, event) {
    if (!window.htmx || !form || !(form.hasAttribute("hx-get") || form.hasAttribute("hx-post"))) {
      return;
    }
    event.preventDefault();
    window.htmx.trigger(form, "submit");
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(
      "button:not([type=button]):not([type=reset]), input[type=submit]");
    if (button && button.form) viaHtmx(button.form, event);
  }, true);
  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (event.key !== "Enter" || !field.form || /^(TEXTAREA|BUTTON|A)$/.test(field.tagName)) return;
    viaHtmx(field.form, event);
  }, true);
})();

// The builder's "Print a handout" link (#print): print once loaded, unless framed.
if (location.hash === "#print" && parent === window) {
  addEventListener("load", function () { print(); });
}
