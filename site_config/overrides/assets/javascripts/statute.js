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
