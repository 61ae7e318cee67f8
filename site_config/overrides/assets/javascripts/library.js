/* The home page's filter box: hides the statutes whose titles (Chinese, English, id) do not
   contain what is typed (Traditional characters typed match their Simplified forms, folded
   as the site search folds a query: search.js's statuteSearchFold).  Without JavaScript the box stays hidden and every statute is listed.
   No inline handlers (the Content-Security-Policy forbids them): listeners are added here. */
(function () {
  "use strict";

  function normalise(text) {
    /* Full-width Latin letters and digits as half-width, lower case, spaces collapsed. */
    return text.replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).toLowerCase().replace(/\s+/g, " ").trim();
  }

  function init() {
    var box = document.querySelector(".library-filter");
    var library = document.querySelector("[data-library]");
    if (!box || !library) return;
    var input = box.querySelector("input");
    var count = document.getElementById("library-filter-count");
    var none = document.querySelector(".library-none");
    var entries = Array.prototype.slice.call(library.querySelectorAll(".library-entry"));
    var groups = Array.prototype.slice.call(library.querySelectorAll("[data-library-group]"));
    var keys = entries.map(function (li) { return li.getAttribute("data-filter") || ""; });
    var folded = null;           /* the keys folded as the search folds text (Traditional -> Simplified) */
    box.hidden = false;

    /* What is typed, and the keys, folded by the site search's rules when it is there
       (search.js: Traditional characters match their Simplified forms); as typed if not. */
    function fold(value) {
      var foldTexts = window.statuteSearchFold;
      if (!foldTexts) return Promise.resolve(value);
      if (!folded) folded = foldTexts(keys).then(function (k) { keys = k; }, function () {});
      return folded.then(function () { return foldTexts([value]); }).then(
        function (out) { return out[0]; }, function () { return value; });
    }

    function update() {
      var value = input.value;
      fold(value).then(function (text) { if (input.value === value) apply(text); });
    }

    function apply(text) {
      var words = normalise(text).split(" ").filter(Boolean);
      var shown = 0;
      entries.forEach(function (li, i) {
        var match = words.every(function (w) { return keys[i].indexOf(w) >= 0; });
        li.hidden = !match;
        if (match) shown++;
      });
      groups.forEach(function (group) {
        var inside = group.querySelectorAll(".library-entry:not([hidden])").length;
        group.hidden = inside === 0;
        var n = group.querySelector(".library-n");
        if (n) n.textContent = "(" + (words.length ? inside + " / " : "") + n.getAttribute("data-n") + ")";
      });
      if (none) none.hidden = shown > 0;
      count.textContent = "";
      if (words.length) {
        // A bilingual caption (as render/html.py bi() writes): the view shows one half or both.
        var n = shown + " / " + entries.length, wrap = document.createElement("span");
        wrap.className = "bi";
        [["zh-Hans", "", n + " 部法规符合"], ["", "bi-sep", " · "], ["en", "", n + " statutes match"]].forEach(function (h) {
          var part = document.createElement("span");
          if (h[0]) part.lang = h[0];
          if (h[1]) part.className = h[1];
          part.textContent = h[2];
          wrap.appendChild(part);
        });
        count.appendChild(wrap);
      }
    }

    input.addEventListener("input", update);
    var q = new URLSearchParams(window.location.search).get("filter");
    if (q) { input.value = q; }
    apply(input.value);
    if (q) update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
