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

  // Opening hours: a closed day's times are set aside (disabled inputs are not sent, and come back
  // as they were when the box is cleared); Monday's times can be copied to Tuesday to Friday.
  function closeDay(box) {
    box.closest(".day-hours").querySelectorAll("input[type=time]").forEach(function (input) {
      input.disabled = box.checked;
    });
  }
  document.querySelectorAll(".day-hours input[type=checkbox]").forEach(closeDay);
  document.addEventListener("change", function (event) {
    if (event.target.matches(".day-hours input[type=checkbox]")) closeDay(event.target);
  });
  document.querySelectorAll(".copy-week").forEach(function (box) { box.hidden = false; });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-day]");
    if (!button) return;
    var from = button.getAttribute("data-copy-day");
    var source = document.getElementById("day-" + from);
    button.getAttribute("data-to").split(" ").forEach(function (code) {
      var target = document.getElementById("day-" + code);
      source.querySelectorAll("input").forEach(function (input) {
        var other = document.getElementById(input.id.replace(from + "_", code + "_"));
        if (input.type === "checkbox") { other.checked = input.checked; closeDay(other); } else { other.value = input.value; }
      });
      target.querySelector("details").open = source.querySelector("details").open;
    });
    var live = document.getElementById("live");
    if (live) live.textContent = button.getAttribute("data-done");
  });

  // A neighbourhood's own plan: a click on the image fills in x and y of the point chosen (then
  // moves on to the second point) and shows its marker; typing the numbers works as well.
  document.querySelectorAll(".pick-choice").forEach(function (box) { box.hidden = false; });
  document.addEventListener("click", function (event) {
    var stack = event.target.closest(".pick-stack");
    if (!stack) return;
    var form = stack.closest("form"), box = stack.getBoundingClientRect();
    var chosen = form.querySelector("input[name=pick_point]:checked");
    var point = chosen ? chosen.value : "first";
    var x = Math.round((event.clientX - box.left) / box.width * stack.getAttribute("data-width"));
    var y = Math.round((event.clientY - box.top) / box.height * stack.getAttribute("data-height"));
    form.elements[point + "_x"].value = x;
    form.elements[point + "_y"].value = y;
    ["marker-" + point, "marker-" + point + "-label"].forEach(function (id) {
      var mark = document.getElementById(id);
      mark.setAttribute(mark.tagName === "circle" ? "cx" : "x", x);
      mark.setAttribute(mark.tagName === "circle" ? "cy" : "y", y);
      mark.classList.remove("is-unset");
    });
    if (point === "first" && form.querySelector("#pick-second")) form.querySelector("#pick-second").checked = true;
    var live = document.getElementById("live");
    if (live) live.textContent = stack.getAttribute("data-chosen").replace("{x}", x).replace("{y}", y);
  });

  // Close the language menu with Escape and give focus back to its button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelector("details.language-switch[open], details.site-menu[open]");
    if (open) { open.removeAttribute("open"); open.querySelector("summary").focus(); }
  });
})();
