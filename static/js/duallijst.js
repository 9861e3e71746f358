/* Two columns "Mogelijke deelnemers" / "Geselecteerde deelnemers".
 *
 * Without JavaScript the buttons post the form and the server moves the people. With it, the
 * buttons move them in place, the search filters as you type, a person can be dragged with the
 * mouse from one column to the other, and a live region says what moved. The chosen people
 * travel in hidden inputs named "deelnemers", kept in step with the right-hand column.
 * (A drag library cannot help here: browsers do not let <option> elements be dragged, and the
 * native <select> is what keyboard and screen-reader users need.)
 */
(function () {
  "use strict";

  function init(root) {
    var bron = root.querySelector("[data-duallijst-bron]");
    var doel = root.querySelector("[data-duallijst-doel]");
    var gekozen = root.querySelector("[data-duallijst-gekozen]");
    var melding = root.querySelector("[data-duallijst-melding]");
    var zoek = root.querySelector("[data-duallijst-zoek]");
    var zoekknop = root.querySelector("[data-duallijst-zoekknop]");

    function sorteer(select) {
      var opties = Array.prototype.slice.call(select.options);
      opties.sort(function (a, b) { return a.text.localeCompare(b.text, "nl"); });
      opties.forEach(function (o) { select.appendChild(o); });
    }

    function synchroniseer() {
      gekozen.innerHTML = "";
      Array.prototype.forEach.call(doel.options, function (o) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = "deelnemers";
        input.value = o.value;
        gekozen.appendChild(input);
      });
    }

    function verplaats(van, naar, opties, werkwoord) {
      if (!opties.length) {
        melding.textContent = "Kies eerst een of meer personen in de lijst.";
        return;
      }
      var namen = opties.map(function (o) { return o.text.split(" — ")[0]; });
      opties.forEach(function (o) { o.selected = false; o.hidden = false; naar.appendChild(o); });
      sorteer(naar);
      filter();
      synchroniseer();
      melding.textContent = namen.join(", ") + " " + werkwoord + ". " +
        doel.options.length + " geselecteerd.";
    }

    function gekozenOpties(select) {
      return Array.prototype.filter.call(select.options, function (o) { return o.selected && !o.hidden; });
    }

    function toevoegen() { verplaats(bron, doel, gekozenOpties(bron), "toegevoegd aan Geselecteerde deelnemers"); }
    function verwijderen() { verplaats(doel, bron, gekozenOpties(doel), "teruggezet naar Mogelijke deelnemers"); }

    function filter() {
      var woorden = (zoek.value || "").toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(bron.options, function (o) {
        var tekst = o.text.toLowerCase();
        o.hidden = !woorden.every(function (w) { return tekst.indexOf(w) !== -1; });
        if (o.hidden) { o.selected = false; }
      });
    }

    root.querySelector("[data-duallijst-toevoegen]").addEventListener("click", function (e) {
      e.preventDefault(); toevoegen();
    });
    root.querySelector("[data-duallijst-verwijderen]").addEventListener("click", function (e) {
      e.preventDefault(); verwijderen();
    });
    zoek.addEventListener("input", filter);
    zoek.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); filter(); } });
    if (zoekknop) { zoekknop.hidden = true; }
    bron.addEventListener("dblclick", toevoegen);
    doel.addEventListener("dblclick", verwijderen);
    bron.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); toevoegen(); } });
    doel.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === "Delete") { e.preventDefault(); verwijderen(); }
    });

    // Dragging with the mouse: press on a person in one column, release over the other.
    var sleep = null;
    function start(e) {
      var optie = e.target.closest ? e.target.closest("option") : null;
      if (optie && e.button === 0) {
        sleep = { van: e.currentTarget, optie: optie };
      }
    }
    function los(e) {
      if (!sleep) { return; }
      var naar = e.currentTarget;
      var van = sleep.van;
      var optie = sleep.optie;
      sleep = null;
      root.classList.remove("kk-duallijst--slepen");
      if (naar === van) { return; }
      var opties = gekozenOpties(van);
      if (opties.indexOf(optie) === -1) { opties = [optie]; }
      if (naar === doel) { verplaats(van, naar, opties, "toegevoegd aan Geselecteerde deelnemers"); }
      else { verplaats(van, naar, opties, "teruggezet naar Mogelijke deelnemers"); }
    }
    [bron, doel].forEach(function (select) {
      select.addEventListener("mousedown", start);
      select.addEventListener("mouseup", los);
      select.addEventListener("mousemove", function (e) {
        if (sleep && e.currentTarget !== sleep.van) { root.classList.add("kk-duallijst--slepen"); }
      });
    });
    document.addEventListener("mouseup", function () {
      sleep = null; root.classList.remove("kk-duallijst--slepen");
    });

    root.closest("form").addEventListener("submit", synchroniseer);
    filter();
  }

  document.querySelectorAll("[data-duallijst]").forEach(init);
})();
