/* The beheer's person picker (Django's autocomplete, select2) named after its label.
 *
 * select2 replaces the <select> by a combobox that it names after the text it shows (a
 * role="textbox" inside it); that text has no name of its own, and an empty picker none at all
 * (axe: aria-input-field-name). Here both point at the field's own <label> as well: a screen
 * reader says "Gebruiker" and what is chosen. Runs after Django has started select2 (at
 * DOMContentLoaded, and for an inline row added later).
 */
(function () {
  "use strict";

  function noem(wortel) {
    wortel.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var wrapper = select.parentElement;
      var keuze = wrapper && wrapper.querySelector(".select2-selection");
      var tekst = keuze && keuze.querySelector(".select2-selection__rendered");
      if (!label || !keuze || !tekst) {
        return;
      }
      if (!label.id) {
        label.id = select.id + "-label";
      }
      keuze.setAttribute("aria-labelledby", label.id + " " + tekst.id);
      tekst.setAttribute("aria-labelledby", label.id);
    });
  }

  window.addEventListener("load", function () { noem(document); });
  document.addEventListener("formset:added", function (event) {
    // Django's own listener starts select2 on the new row first.
    window.setTimeout(function () { noem(event.target); }, 0);
  });
})();
