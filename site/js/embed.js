/*! roikit embed.js: resizes every <iframe data-roikit> on this page to its
 * content, from the {type: "roikit:height", height: N} messages the embedded
 * calculator posts. Include once: <script src="https://SITE/embed.js" async></script>
 * MIT licence. No dependencies. */
(function () {
  'use strict';
  if (window.roikitEmbed) return;
  window.roikitEmbed = true;
  var MAX = 20000; // px: a sane ceiling against a runaway page
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'roikit:height') return;
    var h = Number(data.height);
    if (!isFinite(h) || h <= 0) return;
    var frames = document.querySelectorAll('iframe[data-roikit]');
    for (var i = 0; i < frames.length; i++) {
      // Only the iframe the message came from: another frame cannot resize it.
      if (frames[i].contentWindow === event.source) {
        frames[i].height = String(Math.min(Math.ceil(h), MAX));
        frames[i].setAttribute('scrolling', 'no');
        return;
      }
    }
  });
})();
