"""Visual checks the browser tests run on every page they visit, computed in the browser itself.

- `controleer_contrast`: the text of every button, link-button, label and badge (a counter such
  as `.kk-teller`, or any inline element with a background of its own) has a contrast of at least
  4.5:1 (WCAG 1.4.3) against its effective background, in each state a person can reach: normal,
  hover, focus, pressed (active) and, for links, visited.
- `controleer_verplichte_velden`: a required field looks required, never like an error, as long
  as the server has not marked it (portal: `.kk-veld--fout`, beheer: Django's `.errors` on a
  form row, both: aria-invalid="true"). The field, its block and what lies between (a group's
  fieldset) are compared with copies of the block as the server marks an error and as it is
  calm. In the portal a required text field and the box of a required group of radio buttons or
  check boxes are yellow, a radio button or check box of a required group looks exactly like one
  of an optional group, and every form control and summary uses the page's one typeface.

Both open every closed `<details>` on the page for their duration (and close it again), so the
buttons and fields of a disclosure ("Einddatum opslaan") are checked as a person sees them once
opened.

The states are simulated, not produced with the mouse: for the duration of the check every
style rule's `:hover`, `:focus`, `:focus-visible` and `:active` becomes an attribute selector
(`[data-kk-hover]` …) with the same specificity, set on one element at a time. `:visited` cannot
be measured otherwise (getComputedStyle always answers as if a link was not visited, for privacy),
so `:visited` and `:link` trade places: a link then gets exactly the rules it gets once visited.
"""

CONTRAST_MINIMUM = 4.5

# Buttons, link-buttons, status labels and counters. Any other badge (an inline element with a
# background colour of its own around its text) is found by its look (`badges` below).
KNOPPEN_EN_LABELS = (
    "button, input[type=submit], input[type=button], input[type=reset], a.utrecht-button-link, "
    "[class*=button], .kk-label, .kk-teller, [class*=badge], [class*=teller], "
    ".kk-tabs a[aria-current]"
)

_KLEUREN_JS = r"""
const canvas = document.createElement('canvas');
canvas.width = canvas.height = 1;
const tekenveld = canvas.getContext('2d', {willReadFrequently: true});
// Any CSS colour (rgb(), color(srgb …), oklch() …) as sRGB bytes plus alpha, via the canvas.
const rgba = (kleur) => {
  tekenveld.clearRect(0, 0, 1, 1);
  tekenveld.fillStyle = '#000';
  tekenveld.fillStyle = kleur;
  tekenveld.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = tekenveld.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
};
const over = (boven, onder) => {
  const a = boven[3];
  return [0, 1, 2].map((i) => boven[i] * a + onder[i] * (1 - a)).concat([1]);
};
const luminantie = ([r, g, b]) => {
  const lineair = (c) => {
    c /= 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lineair(r) + 0.7152 * lineair(g) + 0.0722 * lineair(b);
};
const contrast = (x, y) => {
  const [licht, donker] = [luminantie(x), luminantie(y)].sort((p, q) => q - p);
  return (licht + 0.05) / (donker + 0.05);
};
const hex = (k) =>
  '#' + k.slice(0, 3).map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
const beschrijf = (el) => {
  let naam = el.tagName.toLowerCase();
  if (el.id) naam += '#' + el.id;
  if (el.classList.length) naam += '.' + [...el.classList].join('.');
  const tekst = (el.innerText || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return tekst ? `${naam} "${tekst}"` : naam;
};
const zichtbaar = (el) => {
  if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) return false;
  const vak = el.getBoundingClientRect();
  return vak.width > 1 && vak.height > 1;  // not the visually hidden texts for screen readers
};
const eigenTekst = (el) =>
  [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
// The effective background: the element's and its ancestors' background colours, composed
// from the first opaque one up, on the white canvas. A background image cannot be measured.
const achtergrond = (el) => {
  const lagen = [];
  for (let e = el; e; e = e.parentElement) {
    const stijl = getComputedStyle(e);
    if (stijl.backgroundImage !== 'none') {
      return {onbekend: `achtergrondafbeelding op ${beschrijf(e)}`};
    }
    const kleur = rgba(stijl.backgroundColor);
    if (kleur[3] > 0) { lagen.push(kleur); if (kleur[3] >= 1) break; }
  }
  return {kleur: lagen.reverse().reduce((onder, laag) => over(laag, onder), [255, 255, 255, 1])};
};
// Open every closed disclosure for the duration of a check; the function returned closes them.
const openDetails = () => {
  const gesloten = [...document.querySelectorAll('details:not([open])')];
  for (const d of gesloten) d.open = true;
  return () => { for (const d of gesloten) d.open = false; };
};
"""

_CONTRAST_JS = (
    "([selector, minimum, metBadges]) => {"
    + _KLEUREN_JS
    + r"""
  // A badge by its look: an inline element (not a form control) with text of its own on a
  // background colour of its own, e.g. a count in a menu item.
  const badges = () => [...document.querySelectorAll('body *')].filter((el) => {
    if (el.matches('input, select, textarea, option, optgroup, script, style, svg *')) return false;
    const stijl = getComputedStyle(el);
    return stijl.display.startsWith('inline') && stijl.backgroundColor !== 'rgba(0, 0, 0, 0)'
      && rgba(stijl.backgroundColor)[3] > 0 && eigenTekst(el);
  });

  // Rewrite the state pseudo-classes of every rule into attributes of the same specificity.
  const regels = [];
  const verzamel = (lijst) => {
    for (const regel of lijst) {
      const tekst = regel.selectorText;
      if (tekst !== undefined && /:(hover|focus|active|visited|link)/.test(tekst)) {
        regels.push([regel, regel.selectorText]);
      }
      if (regel.cssRules) verzamel(regel.cssRules);
    }
  };
  for (const blad of document.styleSheets) {
    try { verzamel(blad.cssRules); } catch (e) { /* another origin: none on this site */ }
  }
  const sluitDetails = openDetails();
  for (const [regel, selector] of regels) {
    regel.selectorText = selector
      .replace(/:focus-visible\b/g, '[data-kk-focus]')
      .replace(/:focus(?![-\w])/g, '[data-kk-focus]')
      .replace(/:hover\b/g, '[data-kk-hover]')
      .replace(/:active\b/g, '[data-kk-active]')
      .replace(/(?<![-\w]):link\b/g, ':not([data-kk-visited])')
      .replace(/:visited\b/g, '[data-kk-visited]');
  }
  const focus = document.activeElement;
  focus?.blur?.();

  const zet = (el, staten, aan) => {
    const link = el.closest('a[href]');
    const doelen = {
      hover: [], active: [], focus: [el.closest('a[href], button, input, [tabindex]') || el],
      visited: link ? [link] : [],
    };
    for (let e = el; e; e = e.parentElement) { doelen.hover.push(e); doelen.active.push(e); }
    for (const staat of staten) {
      for (const doel of doelen[staat]) doel.toggleAttribute(`data-kk-${staat}`, aan);
    }
  };

  const metingen = [];
  const onbekend = [];
  try {
    const elementen = new Set(document.querySelectorAll(selector));
    if (metBadges) for (const el of badges()) elementen.add(el);
    for (const el of elementen) {
      if (!zichtbaar(el)) continue;
      // Whatever carries the text: the element and its descendants with a text of their own.
      const dragers = [el, ...el.querySelectorAll('*')]
        .filter((d) => zichtbaar(d) && eigenTekst(d));
      if (el.matches('input') && el.value.trim()) dragers.push(el);
      const isLink = !!el.closest('a[href]');
      const statenlijst = [[], ['hover'], ['focus'], ['active'], ['hover', 'focus']];
      if (isLink) statenlijst.push(['visited'], ['visited', 'hover'], ['visited', 'focus']);
      for (const staten of statenlijst) {
        zet(el, staten, true);
        for (const drager of dragers) {
          const bg = achtergrond(drager);
          const staat = staten.join('+') || 'normaal';
          if (bg.onbekend) {
            onbekend.push({element: beschrijf(drager), staat, reden: bg.onbekend});
            continue;
          }
          const voor = over(rgba(getComputedStyle(drager).color), bg.kleur);
          metingen.push({
            element: beschrijf(el), drager: beschrijf(drager), staat,
            voorgrond: hex(voor), achtergrond: hex(bg.kleur),
            contrast: Math.round(contrast(voor, bg.kleur) * 100) / 100,
          });
        }
        zet(el, staten, false);
      }
    }
  } finally {
    for (const [regel, selector] of regels) regel.selectorText = selector;
    sluitDetails();
    focus?.focus?.({preventScroll: true});
  }
  return {metingen, onbekend, fouten: metingen.filter((m) => m.contrast < minimum)};
}"""
)

_VERPLICHT_JS = (
    "([portaal]) => {"
    + _KLEUREN_JS
    + r"""
  const EIGENSCHAPPEN = [
    'border-top-color', 'border-right-color', 'border-bottom-color', 'border-left-color',
    'border-top-width', 'border-bottom-width', 'background-color', 'background-image', 'color',
    'box-shadow', 'outline-color', 'outline-style', 'accent-color',
  ];
  // The field block around a control and how the server marks its error: the portal's
  // .kk-veld/.kk-veld--fout, the beheer's (Django admin) .form-row/.errors.
  const BLOK = portaal ? '.kk-veld' : '.form-row';
  const FOUT = portaal ? 'kk-veld--fout' : 'errors';
  const VERPLICHT = /^kk-veld--verplicht/;
  const CONTROLS = 'input, select, textarea';
  const stijl = (el) => {
    const s = getComputedStyle(el);
    return Object.fromEntries(EIGENSCHAPPEN.map((e) => [e, s.getPropertyValue(e)]));
  };
  const keuze = (el) => ['radio', 'checkbox'].includes(el.type);

  // A copy of a control's whole field block, placed right after that block: the same rules and
  // the same inherited values reach it as the block itself. `soort` is
  // - 'fout': as the server marks an error (error class on the block, aria-invalid on the control);
  // - 'kalm': the same required block, but no control in it is required (so never :invalid);
  // - 'gewoon': an optional field: 'kalm' without the block's required classes.
  // Returns the styles of the copies of `elementen` (the control and elements of its block).
  const voorbeeld = (el, soort, elementen) => {
    const veld = el.closest(BLOK);
    let wortel;
    let kopie;
    if (veld) {
      wortel = veld;
      kopie = veld.cloneNode(true);
      kopie.classList.remove(FOUT);
      if (soort === 'fout') kopie.classList.add(FOUT);
      if (soort === 'gewoon') {
        for (const klasse of [...kopie.classList]) {
          if (VERPLICHT.test(klasse)) kopie.classList.remove(klasse);
        }
      }
    } else {
      // Outside a field block (the dual list) only aria-invalid marks the error.
      wortel = el;
      kopie = el.cloneNode(true);
    }
    const origineel = [wortel, ...wortel.querySelectorAll('*')];
    const kopieen = [kopie, ...kopie.querySelectorAll('*')];
    // No ids, names or form: a copied radio button must not join (and uncheck) the real group.
    for (const k of kopieen) {
      for (const a of ['id', 'name', 'form', 'aria-describedby', 'for']) k.removeAttribute(a);
    }
    // The same answers as the fields themselves (checked, typed): only required and error differ.
    origineel.forEach((o, i) => {
      const k = kopieen[i];
      if (!o.matches(CONTROLS)) return;
      if ('checked' in o) k.checked = o.checked;
      if (o.type !== 'file' && o.tagName !== 'SELECT') k.value = o.value;
      if (o.tagName === 'SELECT') k.selectedIndex = o.selectedIndex;
      k.removeAttribute('aria-invalid');
      if (soort !== 'fout') {
        k.removeAttribute('required');
        k.removeAttribute('aria-required');
      }
    });
    if (soort === 'fout') kopieen[origineel.indexOf(el)].setAttribute('aria-invalid', 'true');
    // In the page for a moment only: nothing is painted before it is removed again.
    wortel.after(kopie);
    const uitkomst = elementen.map((e) => stijl(kopieen[origineel.indexOf(e)]));
    kopie.remove();
    return uitkomst;
  };
  // The control and its ancestors up to its field block: an error may be shown on any of them.
  const keten = (el) => {
    const lijst = [];
    const veld = el.closest(BLOK);
    for (let e = el; e; e = e.parentElement) {
      lijst.push(e);
      if (e === veld || !veld) break;
    }
    return lijst;
  };

  const focus = document.activeElement;
  focus?.blur?.();
  const sluitDetails = openDetails();
  const geel = getComputedStyle(document.documentElement)
    .getPropertyValue('--kk-verplicht-achtergrond').trim();
  const fouten = [];
  try {
    const verplicht = 'input[required], select[required], textarea[required], [aria-required=true]'
      + (portaal ? ', .kk-veld--verplicht :is(input, select, textarea), '
        + '.kk-veld--verplicht-groep :is(input, select, textarea)' : '');
    // In the beheer only a form row's field: Django marks no error elsewhere (the required
    // choice of a list's actions answers with a message).
    const velden = [...document.querySelectorAll(verplicht)]
      .filter((el) => !['hidden', 'submit', 'button'].includes(el.type) && zichtbaar(el))
      .filter((el) => portaal || el.closest(BLOK));
    for (const el of velden) {
      if (el.getAttribute('aria-invalid') === 'true' || el.closest('.' + FOUT)) continue;
      const elementen = keten(el);
      const nu = elementen.map(stijl);
      const fout = voorbeeld(el, 'fout', elementen);
      const kalm = voorbeeld(el, 'kalm', elementen);
      if (keuze(el)) {
        // A radio button or check box of a required group is an ordinary one: the group's box
        // shows that an answer is required.
        const [gewoon] = voorbeeld(el, 'gewoon', [el]);
        const anders = EIGENSCHAPPEN.filter((p) => nu[0][p] !== gewoon[p]);
        if (anders.length) {
          fouten.push(`${beschrijf(el)} in een verplichte groep ziet er anders uit dan in een `
            + 'niet-verplichte: ' + anders.map((p) => `${p} ${nu[0][p]} (gewoon: ${gewoon[p]})`)
              .join(', '));
        }
      }
      const verschil = elementen.flatMap((e, i) =>
        EIGENSCHAPPEN.filter((p) => fout[i][p] !== kalm[i][p]).map((p) => [i, p]));
      if (!verschil.length) {
        fouten.push(`${beschrijf(el)}: een fout van de server zou er niet anders uitzien `
          + 'dan een leeg verplicht veld');
        continue;
      }
      const afwijkend = verschil.filter(([i, p]) => nu[i][p] !== kalm[i][p]);
      if (afwijkend.length) {
        fouten.push(`${beschrijf(el)} ziet eruit als een fout zonder dat de server een fout `
          + 'meldde: ' + afwijkend.map(([i, p]) => `${i ? beschrijf(elementen[i]) + ' ' : ''}`
            + `${p} ${nu[i][p]} (verplicht: ${kalm[i][p]}, fout: ${fout[i][p]})`).join(', '));
      }
      // Yellow: "De gele velden zijn verplichte velden".
      const achtergrondkleur = hex(rgba(nu[0]['background-color']));
      if (portaal && geel && !keuze(el) && el.type !== 'file' && el.closest('.kk-veld--verplicht')
          && achtergrondkleur !== hex(rgba(geel))) {
        fouten.push(`${beschrijf(el)} is verplicht maar niet geel: ${nu[0]['background-color']}`);
      }
    }

    // The box of a required group (the block and its fieldset): yellow, and as it is when no
    // option in it is required (a fieldset with an unanswered required radio button is :invalid).
    if (portaal) {
      for (const groep of document.querySelectorAll('.kk-veld--verplicht-groep')) {
        if (groep.classList.contains(FOUT) || !zichtbaar(groep)) continue;
        const control = groep.querySelector(CONTROLS);
        if (!control) continue;
        const dozen = [groep, ...groep.querySelectorAll('fieldset')];
        const kalm = voorbeeld(control, 'kalm', dozen);
        dozen.forEach((doos, i) => {
          const nu = stijl(doos);
          const anders = EIGENSCHAPPEN.filter((p) => nu[p] !== kalm[i][p]);
          if (anders.length) {
            fouten.push(`${beschrijf(doos)} van een verplichte groep ziet eruit als een fout `
              + 'zonder dat de server een fout meldde: '
              + anders.map((p) => `${p} ${nu[p]} (verplicht: ${kalm[i][p]})`).join(', '));
          }
        });
        const doos = dozen[dozen.length - 1];
        const bg = achtergrond(doos);
        if (geel && (bg.onbekend || hex(bg.kleur) !== hex(rgba(geel)))) {
          fouten.push(`${beschrijf(doos)} is een verplichte groep maar niet geel: `
            + (bg.onbekend || hex(bg.kleur)));
        }
      }

      // One typeface: every form control and summary in the body's font.
      const letter = getComputedStyle(document.body).fontFamily;
      for (const el of document.querySelectorAll('input, select, textarea, button, summary')) {
        if (el.type === 'hidden' || !zichtbaar(el)) continue;
        const eigen = getComputedStyle(el).fontFamily;
        if (eigen !== letter) {
          fouten.push(`${beschrijf(el)} heeft lettertype ${eigen}, niet ${letter}`);
        }
      }
    }
  } finally {
    sluitDetails();
    focus?.focus?.({preventScroll: true});
  }
  return fouten;
}"""
)


def meet_contrast(page, selector=KNOPPEN_EN_LABELS):
    """Every measurement on the page: {element, drager, staat, voorgrond, achtergrond, contrast}.
    With the default selector, badges found by their look are measured too."""
    # After a click that navigates, the new page may still be loading: measure it complete.
    page.wait_for_load_state()
    return page.evaluate(_CONTRAST_JS, [selector, CONTRAST_MINIMUM, selector == KNOPPEN_EN_LABELS])


def controleer_contrast(page, selector=KNOPPEN_EN_LABELS):
    uitkomst = meet_contrast(page, selector)
    assert not uitkomst["onbekend"], f"contrast niet te meten op {page.url}: {uitkomst['onbekend']}"
    assert not uitkomst["fouten"], f"contrast onder {CONTRAST_MINIMUM}:1 op {page.url}: " + (
        "; ".join(
            f"{m['drager']} ({m['staat']}): {m['voorgrond']} op {m['achtergrond']}"
            f" = {m['contrast']}:1"
            for m in uitkomst["fouten"]
        )
    )
    return uitkomst["metingen"]


def controleer_verplichte_velden(page, portaal=True):
    """Required fields before the server marked an error. In the beheer (portaal=False, Django's
    admin with its own field look and typeface) only the comparison with the error look applies:
    no yellow, no typeface of the portal."""
    # A field under the mouse (after a drag) shows its hover style, which is neither; the check
    # moves the mouse off the page's content and takes the focus away for its duration.
    page.wait_for_load_state()
    page.mouse.move(0, 0)
    fouten = page.evaluate(_VERPLICHT_JS, [portaal])
    assert not fouten, f"verplichte velden op {page.url}: " + "; ".join(fouten)
