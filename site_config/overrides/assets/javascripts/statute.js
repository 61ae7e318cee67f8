/* Language view switch (中文 / English / 对照): persists across pages, works from file://. */
(function () {
  "use strict";
  var KEY = "statute-site:view";
  var VIEWS = ["zh", "en", "both"];

  function current() {
    var v = document.documentElement.dataset.view;
    return VIEWS.indexOf(v) >= 0 ? v : "both";
  }

  function apply(view) {
    document.documentElement.dataset.view = view;
    var buttons = document.querySelectorAll("[data-view-choice]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", buttons[i].dataset.viewChoice === view ? "true" : "false");
    }
  }

  function choose(view) {
    try { localStorage.setItem(KEY, view); } catch (e) { /* storage disabled: the choice lasts this page */ }
    apply(view);
  }

  function init() {
    apply(current());
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-view-choice]") : null;
      if (button) choose(button.dataset.viewChoice);
    });
    /* Keyboard: arrow keys move between the three buttons. */
    document.addEventListener("keydown", function (event) {
      var button = event.target.closest ? event.target.closest("[data-view-choice]") : null;
      if (!button || (event.key !== "ArrowLeft" && event.key !== "ArrowRight")) return;
      var group = Array.prototype.slice.call(button.parentNode.querySelectorAll("[data-view-choice]"));
      var next = group[(group.indexOf(button) + (event.key === "ArrowRight" ? 1 : group.length - 1)) % group.length];
      next.focus();
      event.preventDefault();
    });
    /* Escape closes a term tooltip opened by focus. */
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && document.activeElement && document.activeElement.classList.contains("term")) {
        document.activeElement.blur();
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* Copy a bilingual pinpoint citation ("《…》第六十五条第一款第（四）项 / …, art. 65(1)(iv)").
   A <button>, so Enter and Space work; the result is announced in a live region.  Works from
   file:// (the Clipboard API where the browser allows it, else a selected textarea). */
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("cite-status");
    if (!region) {
      region = document.createElement("div");
      region.id = "cite-status";
      region.className = "cite-status";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 30);
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function copied(button, text, ok) {
    button.dataset.copied = ok ? "true" : "false";
    announce(ok ? "Citation copied: " + text : "Copy this citation: " + text);
    window.setTimeout(function () { delete button.dataset.copied; }, 2000);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".cite-copy") : null;
    if (!button) return;
    var text = button.dataset.citeZh + " / " + button.dataset.citeEn;
    button.dataset.citation = text;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(button, text, true); },
        function () { copied(button, text, fallbackCopy(text)); });
    } else {
      copied(button, text, fallbackCopy(text));
    }
  });
})();

/* Print: a running header (the page's title), page numbers, the print date and the URL, in the
   page margins (@page margin boxes), written when the page loads and again before printing. */
(function () {
  "use strict";
  function quote(text) { return '"' + String(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, " ") + '"'; }
  function write() {
    var style = document.getElementById("print-margins");
    if (!style) {
      style = document.createElement("style");
      style.id = "print-margins";
      document.head.appendChild(style);
    }
    /* innerText: only what the chosen view shows (the Chinese, the English or both titles). */
    var heading = document.querySelector("article h1");
    var title = (heading && (heading.innerText || heading.textContent)) || document.title;
    title = title.replace(/\s+/g, " ").replace(/[\u00b6#]/g, "").trim();
    var today = new Date();
    var date = today.getFullYear() + "-" + ("0" + (today.getMonth() + 1)).slice(-2) + "-" + ("0" + today.getDate()).slice(-2);
    style.textContent = "@page { size: A4; margin: 18mm 16mm 20mm;" +
      " @top-left { content: " + quote(title) + "; font-size: 8pt; color: #555; }" +
      " @bottom-left { content: " + quote(location.href) + "; font-size: 7pt; color: #555; }" +
      " @bottom-right { content: " + quote("Printed " + date + " \u00b7 page ") + " counter(page) \" / \" counter(pages); font-size: 8pt; color: #555; } }";
  }
  write();
  window.addEventListener("beforeprint", write);
  /* A new view (中文 / English / 对照) changes the title in the running header. */
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-view-choice]")) window.setTimeout(write, 0);
  });
})();
