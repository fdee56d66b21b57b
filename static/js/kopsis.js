// Tells the reader when an htmx request did not get through, instead of failing silently.
// Texts come translated from data attributes on #connection-notice (templates/base.html).
(function () {
  "use strict";
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
