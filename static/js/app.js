// Buurtkracht: the little JavaScript the pages need on top of htmx. Everything works without it.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]');

  // Every htmx request carries the CSRF token in a header.
  document.addEventListener("htmx:configRequest", function (event) {
    if (csrf) event.detail.headers["X-CSRFToken"] = csrf.content;
  });

  // The server names a result with HX-Trigger: {"announce": "..."}; the live region reads it out.
  document.addEventListener("announce", function (event) {
    var live = document.getElementById("live");
    if (!live) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = event.detail.value; }, 50);
  });

  // When a request fails without a response (offline), say so instead of doing nothing.
  document.addEventListener("htmx:sendError", function () {
    var live = document.getElementById("live");
    var text = document.documentElement.getAttribute("data-offline-message");
    if (live && text) live.textContent = text;
  });

  // "Pick a ready-made text" buttons copy their text into the field they name (without
  // JavaScript the texts are there to read and copy).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-fill]");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-fill"));
    if (field) { field.value = button.getAttribute("data-text"); field.focus(); }
  });

  // Share: the phone's share sheet where there is one, else copy the link and say so.
  document.querySelectorAll("[data-share]").forEach(function (button) { button.hidden = false; });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-share]");
    if (!button) return;
    var box = button.closest(".share");
    var title = box.getAttribute("data-share-title"), url = box.getAttribute("data-share-url");
    if (navigator.share) {
      navigator.share({ title: title, url: url }).catch(function () {});
    } else if (navigator.clipboard) {
      navigator.clipboard.writeText(url).then(function () {
        var live = document.getElementById("live");
        if (live) live.textContent = box.getAttribute("data-copied");
      });
    } else {
      box.querySelector(".share-url").select();
    }
  });

  // Close the language menu with Escape and give focus back to its button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelector("details.language-switch[open], details.site-menu[open]");
    if (open) { open.removeAttribute("open"); open.querySelector("summary").focus(); }
  });
})();
