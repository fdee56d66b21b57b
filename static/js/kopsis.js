// Tells the reader when an htmx request did not get through, instead of failing silently.
// Texts come translated from data attributes on #connection-notice (templates/base.html).
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
  document.body.addEventListener("htmx:sendError", offline);
  document.body.addEventListener("htmx:timeout", offline);
  document.body.addEventListener("htmx:responseError", function (event) {
    show(event.detail.xhr.status >= 500 ? box.dataset.server : box.dataset.refused);
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) { box.hidden = true; }
  });
  window.addEventListener("offline", offline);
})();
