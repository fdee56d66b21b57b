// Tells the reader when an htmx request did not get through, instead of failing silently.
// Texts come translated from data attributes on #connection-notice (templates/base.html).
// Quiz answers that failed to save are marked and resent when the connection returns.
// Also: a lesson video's player is put on the page only when the student presses "play".
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-play]");
    var figure = button && button.closest("[data-embed]");
    if (!figure) { return; }
    var frame = document.createElement("iframe");
    frame.src = figure.dataset.embed;
    frame.title = figure.dataset.title;
    frame.allow = "fullscreen; picture-in-picture";
    frame.loading = "lazy";
    button.parentNode.replaceWith(frame);
  });
  var box = document.getElementById("connection-notice");
  if (!box) { return; }
  function show(text) { box.textContent = text; box.hidden = false; }
  function offline() { show(box.dataset.offline); }
  // A quiz answer that did not get through says so on its own question (.save-state) and
  // is sent again once the connection is back.
  function unsaved(event) {
    var form = event.detail.elt;
    var state = form && form.querySelector && form.querySelector(".save-state");
    if (state) { state.classList.remove("htmx-request", "saved"); state.classList.add("failed"); }
  }
  function lost(event) { offline(); unsaved(event); }
  document.body.addEventListener("htmx:sendError", lost);
  document.body.addEventListener("htmx:timeout", lost);
  document.body.addEventListener("htmx:responseError", function (event) {
    show(event.detail.xhr.status >= 500 ? box.dataset.server : box.dataset.refused);
    unsaved(event);
  });
  window.addEventListener("online", function () {
    document.querySelectorAll(".save-state.failed").forEach(function (state) {
      var form = state.closest("form");
      if (form && window.htmx) { window.htmx.trigger(form, "submit"); }
    });
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) { box.hidden = true; }
  });
  window.addEventListener("offline", offline);
})();
