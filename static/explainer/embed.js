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

  // "Open the full explainer": in WordPress's sandbox, ask the host to navigate.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.open-full");
    if (link && secret) {
      event.preventDefault();
      send({ message: "link", value: link.href, secret: secret });
    }
  });
})();
