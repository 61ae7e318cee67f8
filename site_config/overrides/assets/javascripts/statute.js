/* Language view switch (中文 / English / 对照): persists across pages, works from file://. */
(function () {
  "use strict";
  var KEY = "statute-site:view";
  var VIEWS = ["zh", "en", "both"];

  function current() {
    var v = document.documentElement.dataset.view;
    return VIEWS.indexOf(v) >= 0 ? v : "both";
  }

  /* Labels a screen reader or a tooltip gives ("中文 · English" aria-label, title, placeholder):
     the view's half in the Chinese or English view, both side by side.  The pair is kept in
     data-bi-<attribute> so the view can change again. */
  var ATTRIBUTES = ["aria-label", "title", "placeholder"];
  var HAN = /[\u3400-\u9fff]/;

  function halves(text) {
    var parts = text.split(" · ");
    if (parts.length !== 2 || HAN.test(parts[0]) === HAN.test(parts[1])) return null;
    return HAN.test(parts[0]) ? { zh: parts[0], en: parts[1] } : { zh: parts[1], en: parts[0] };
  }

  function localiseAttributes(view) {
    var selector = ATTRIBUTES.map(function (name) {
      return "[" + name + '*=" · "], [data-bi-' + name + "]";
    }).join(", ");
    var elements = document.querySelectorAll(selector);
    for (var i = 0; i < elements.length; i++) {
      for (var j = 0; j < ATTRIBUTES.length; j++) {
        var el = elements[i], name = ATTRIBUTES[j], key = "data-bi-" + name;
        var pair = el.getAttribute(key);
        if (pair === null) {
          pair = el.getAttribute(name);
          if (!pair || !halves(pair)) continue;
          el.setAttribute(key, pair);
        }
        var half = halves(pair);
        el.setAttribute(name, view === "zh" ? half.zh : view === "en" ? half.en : pair);
      }
    }
  }

  /* The page's own language follows the view: Chinese in the Chinese view, the theme's
     (English) otherwise; every block still carries its own lang. */
  var PAGE_LANG = document.documentElement.getAttribute("lang") || "en";

  function apply(view) {
    document.documentElement.dataset.view = view;
    document.documentElement.setAttribute("lang", view === "zh" ? "zh-Hans" : PAGE_LANG);
    var buttons = document.querySelectorAll("[data-view-choice]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", buttons[i].dataset.viewChoice === view ? "true" : "false");
    }
    localiseAttributes(view);
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

/* Print: a running header (the page's title; on an article page the statute and the article,
   data-running-zh/-en), page numbers, the print date and the URL, in the page margins (@page
   margin boxes), in the view's language, written when the page loads, again before printing
   and when the view changes. */
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
    var view = document.documentElement.dataset.view || "both";
    var heading = document.querySelector("article h1");
    var title = (heading && (heading.innerText || heading.textContent)) || document.title;
    var running = document.querySelector("[data-running-zh]");
    if (running) {
      var zh = running.getAttribute("data-running-zh"), en = running.getAttribute("data-running-en");
      title = view === "zh" ? zh : view === "en" ? en : zh + " \u00b7 " + en;
    }
    title = title.replace(/\s+/g, " ").replace(/[\u00b6#]/g, "").trim();
    var today = new Date();
    var date = today.getFullYear() + "-" + ("0" + (today.getMonth() + 1)).slice(-2) + "-" + ("0" + today.getDate()).slice(-2);
    var pages = " counter(page) \" / \" counter(pages)";
    var printed = {
      zh: quote("\u6253\u5370\u4e8e " + date + " \u00b7 \u7b2c ") + pages + " \" \u9875\"",
      en: quote("Printed " + date + " \u00b7 page ") + pages,
      both: quote("\u6253\u5370\u4e8e \u00b7 Printed " + date + " \u00b7 \u9875 \u00b7 page ") + pages
    }[view] || "";
    style.textContent = "@page { size: A4; margin: 18mm 16mm 20mm;" +
      " @top-left { content: " + quote(title) + "; font-size: 8pt; color: #555; }" +
      " @bottom-left { content: " + quote(location.href) + "; font-size: 7pt; color: #555; }" +
      " @bottom-right { content: " + printed + "; font-size: 8pt; color: #555; } }";
  }
  write();
  window.addEventListener("beforeprint", write);
  /* A new view (中文 / English / 对照) changes the title in the running header. */
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-view-choice]")) window.setTimeout(write, 0);
  });
})();
