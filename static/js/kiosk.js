/* The kiosk screen: one slide at a time for as long as it needs; the last good deck stays when the
   network or the server is away (with the time it was last brought up to date), and the screen
   recovers by itself. It reloads itself when a new version is deployed, when the coordinator asks,
   and once a night (after 04:00, only when the page can be reached: never onto an error page).
   A revoked address (404) leaves a neutral screen. Times are shown in Europe/Amsterdam. */
(function () {
  "use strict";
  var deck = document.getElementById("deck");
  if (!deck) { return; }
  var stale = document.getElementById("kiosk-stale");
  var neutral = document.getElementById("kiosk-neutral");
  var clock = document.getElementById("kiosk-clock");
  var pace = parseFloat(deck.getAttribute("data-pace")) || 1;
  var hours = new Intl.DateTimeFormat("nl-NL", {hour: "2-digit", minute: "2-digit", hourCycle: "h23",
                                                timeZone: "Europe/Amsterdam"});
  var boot = facts();
  var lastGood = new Date();
  var index = 0;
  var timer = null;
  var stopped = false;

  function facts() {
    var inner = deck.querySelector(".deck-inner");
    return inner ? {deck: inner.getAttribute("data-deck"), day: inner.getAttribute("data-day"),
                    hour: parseInt(inner.getAttribute("data-hour"), 10), reload: inner.getAttribute("data-reload"),
                    app: inner.getAttribute("data-app")} : {};
  }

  function show(next) {
    var slides = deck.querySelectorAll(".slide");
    var languages = deck.querySelectorAll(".language");
    clearTimeout(timer);
    if (!slides.length || stopped) { return; }
    index = next % slides.length;
    var current = slides[index].parentNode;
    for (var i = 0; i < slides.length; i += 1) { slides[i].hidden = i !== index; }
    for (var j = 0; j < languages.length; j += 1) { languages[j].hidden = languages[j] !== current; }
    document.documentElement.lang = current.getAttribute("lang");
    document.documentElement.dir = current.getAttribute("dir");
    var seconds = parseFloat(slides[index].getAttribute("data-seconds")) || 10;
    timer = setTimeout(function () { show(index + 1); }, Math.max(seconds * 1000 * pace, 50));
  }

  function tick() { clock.textContent = hours.format(new Date()); }

  function reloadWhenReachable() {
    window.fetch(window.location.href, {cache: "no-store"})
      .then(function (answer) { if (answer.ok) { window.location.reload(); } })
      .catch(function () { /* still away: try again at the next poll */ });
  }

  function reloadIfDue() {
    var now = facts();
    var newVersion = now.app && boot.app && now.app !== boot.app;
    var asked = now.reload !== boot.reload;
    var nightly = now.day && boot.day && now.day !== boot.day && now.hour >= 4;
    if (newVersion || asked || nightly) { reloadWhenReachable(); }
  }

  function markStale(isStale) {
    if (isStale) { stale.textContent = stale.getAttribute("data-text").replace("{time}", hours.format(lastGood)); }
    stale.hidden = !isStale;
  }

  function goNeutral() {
    stopped = true;
    clearTimeout(timer);
    deck.hidden = true;
    stale.hidden = true;
    neutral.hidden = false;
  }

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (stopped) { event.preventDefault(); }
  });
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 404) { event.detail.shouldSwap = false; goNeutral(); return; }
    if (status >= 400 || status === 0) { event.detail.shouldSwap = false; event.detail.isError = false; markStale(true); return; }
    lastGood = new Date();
    markStale(false);
    var found = /data-deck="([^"]*)"/.exec(event.detail.serverResponse || "");
    if (found && found[1] === facts().deck) { event.detail.shouldSwap = false; }
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target === deck) { reloadIfDue(); show(0); }
  });
  ["htmx:sendError", "htmx:timeout"].forEach(function (name) {
    document.body.addEventListener(name, function () { markStale(true); });
  });

  tick();
  window.setInterval(tick, 15000);
  show(0);
}());
