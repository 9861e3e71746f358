// The warning before the idle timeout: asks the server how long this session has left (that
// question does not count as activity), shows a dialog in time, and goes to the login page
// once the session has ended. "Ingelogd blijven" posts the form in the dialog; without
// JavaScript the server still ends the session and the login page says why.
(function () {
  "use strict";
  var body = document.body;
  var statusUrl = body.dataset.sessieStatus;
  if (!statusUrl) { return; }
  var waarschuwing = parseInt(body.dataset.sessieWaarschuwing || "120", 10);
  var uitgelogdUrl = body.dataset.sessieUitgelogd;
  var dialoog = document.getElementById("sessie-waarschuwing");
  var resterendTekst = document.getElementById("sessie-resterend");
  var formulier = document.getElementById("sessie-verlengen");
  var timer = null;
  var aftellen = null;

  function tekst(seconden) {
    if (seconden >= 90) { return Math.round(seconden / 60) + " minuten"; }
    if (seconden > 60) { return "ruim een minuut"; }
    return seconden + " seconden";
  }

  function plan(seconden) {
    window.clearTimeout(timer);
    timer = window.setTimeout(vraag, Math.max(1, seconden) * 1000);
  }

  function uitgelogd() {
    window.location.assign(uitgelogdUrl);
  }

  function toon(resterend) {
    resterendTekst.textContent = tekst(resterend);
    if (!dialoog.open) {
      dialoog.showModal();
      dialoog.querySelector("button").focus();
    }
    var einde = Date.now() + resterend * 1000;
    window.clearInterval(aftellen);
    aftellen = window.setInterval(function () {
      var over = Math.max(0, Math.round((einde - Date.now()) / 1000));
      // Update the sentence every 15 s only, so a screen reader is not flooded.
      if (over % 15 === 0) { resterendTekst.textContent = tekst(over); }
      if (over === 0) { window.clearInterval(aftellen); vraag(); }
    }, 1000);
  }

  function verwerk(resterend) {
    if (resterend <= 0) { uitgelogd(); return; }
    if (resterend <= waarschuwing) { toon(resterend); plan(resterend); return; }
    if (dialoog.open) { dialoog.close(); window.clearInterval(aftellen); }
    plan(resterend - waarschuwing);
  }

  function vraag() {
    fetch(statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (antwoord) {
        // A session that has ended answers with a redirect to the login page.
        if (antwoord.redirected || !antwoord.ok) { uitgelogd(); return null; }
        return antwoord.json();
      })
      .then(function (gegevens) { if (gegevens) { verwerk(gegevens.resterend); } })
      .catch(function () { plan(30); });
  }

  formulier.addEventListener("submit", function (gebeurtenis) {
    gebeurtenis.preventDefault();
    fetch(formulier.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      body: new FormData(formulier),
    })
      .then(function (antwoord) {
        if (antwoord.redirected || !antwoord.ok) { uitgelogd(); return null; }
        return antwoord.json();
      })
      .then(function (gegevens) {
        if (!gegevens) { return; }
        window.clearInterval(aftellen);
        dialoog.close();
        verwerk(gegevens.resterend);
      });
  });

  dialoog.addEventListener("cancel", function (gebeurtenis) {
    // Escape means "I am here": stay logged in, as the first button does.
    gebeurtenis.preventDefault();
    formulier.requestSubmit();
  });

  vraag();
})();
