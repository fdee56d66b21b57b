// Wagtail question form: show only the fields of the chosen question kind.
// Panels say which kinds they belong to with data-question-kinds (courses/models/quiz.py);
// rows added to the choices list later are handled too. Loaded by courses/wagtail_hooks.py.
(function () {
  "use strict";
  function apply(form) {
    var select = form.querySelector('select[name="kind"]');
    if (!select) { return; }
    var kind = select.value;
    form.querySelectorAll("[data-question-kinds]").forEach(function (panel) {
      var hide = panel.getAttribute("data-question-kinds").split(" ").indexOf(kind) === -1;
      panel.hidden = hide;
      panel.style.display = hide ? "none" : "";
    });
  }
  function init() {
    var marker = document.querySelector("[data-question-kinds]");
    var form = marker && marker.closest("form");
    if (!form) { return; }
    apply(form);
    form.addEventListener("change", function (event) {
      if (event.target.name === "kind") { apply(form); }
    });
    new MutationObserver(function () { apply(form); }).observe(form, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
