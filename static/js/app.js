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

  // "Pick a ready-made text" choices copy their text into the field they name, to be read and
  // changed before sending (without JavaScript the server uses the choice when the field is empty).
  // A radio keeps the focus, so arrow keys still move through the choices.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-fill]");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-fill"));
    if (!field) return;
    field.value = button.getAttribute("data-text");
    if (button.type !== "radio") field.focus();
  });

  // A file input drawn as a button (forms.html file_field) says which file was chosen.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("file-input")) return;
    var chosen = document.getElementById(input.id + "-chosen");
    if (!chosen) return;
    var name = input.files && input.files.length ? input.files[0].name : "";
    chosen.textContent = "";
    if (!name) return;
    // The file name in its own direction (bdi), so an Arabic sentence does not reorder it.
    var parts = chosen.getAttribute("data-chosen").split("{name}");
    var bdi = document.createElement("bdi");
    bdi.textContent = name;
    chosen.append(parts[0], bdi, parts.slice(1).join(""));
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
