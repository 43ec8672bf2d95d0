// Optional, for host pages that listen for no height message: include this once and
// every iframe showing one of our embeds takes the height its content needs.
//   <script src="https://<our site>/embed/loader.js" async></script>
(function () {
  "use strict";
  // Sandboxed embeds post from the "null" origin, so the sender is known by its frame:
  // only frames whose address is one of our embeds may resize themselves.
  var script = document.currentScript;
  var embeds = new URL("/embed/", script ? script.src : location.href).href;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "china-credit-embed:height") return;
    var height = Number(data.height);
    if (!(height > 0 && height < 20000)) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source && frames[i].src.indexOf(embeds) === 0) {
        frames[i].style.height = height + "px";
        frames[i].setAttribute("height", String(height));
      }
    }
  });
})();
