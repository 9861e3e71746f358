"""Visual checks the browser tests run on every page they visit, computed in the browser itself.

- `controleer_contrast`: the text of every button, link-button and label has a contrast of at
  least 4.5:1 (WCAG 1.4.3) against its effective background, in each state a person can reach:
  normal, hover, focus, pressed (active) and, for links, visited.
- `controleer_verplichte_velden`: a required field looks required (yellow), never like an error,
  as long as the server has not marked it (`.kk-veld--fout` / aria-invalid="true"); every form
  control and summary uses the page's one typeface.

The states are simulated, not produced with the mouse: for the duration of the check every
style rule's `:hover`, `:focus`, `:focus-visible` and `:active` becomes an attribute selector
(`[data-kk-hover]` …) with the same specificity, set on one element at a time. `:visited` cannot
be measured otherwise (getComputedStyle always answers as if a link was not visited, for privacy),
so `:visited` and `:link` trade places: a link then gets exactly the rules it gets once visited.
"""

CONTRAST_MINIMUM = 4.5

# Buttons, link-buttons and status badges/labels.
KNOPPEN_EN_LABELS = (
    "button, input[type=submit], input[type=button], input[type=reset], a.utrecht-button-link, "
    "[class*=button], .kk-label, [class*=badge], .kk-tabs a[aria-current]"
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
"""

_CONTRAST_JS = (
    "([selector, minimum]) => {"
    + _KLEUREN_JS
    + r"""
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
    for (const el of document.querySelectorAll(selector)) {
      if (!zichtbaar(el)) continue;
      // Whatever carries the text: the element and its descendants with a text of their own.
      const dragers = [el, ...el.querySelectorAll('*')].filter((d) =>
        zichtbaar(d) && [...d.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()));
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
    focus?.focus?.({preventScroll: true});
  }
  return {metingen, onbekend, fouten: metingen.filter((m) => m.contrast < minimum)};
}"""
)

_VERPLICHT_JS = (
    "() => {"
    + _KLEUREN_JS
    + r"""
  const EIGENSCHAPPEN = [
    'border-top-color', 'border-right-color', 'border-bottom-color', 'border-left-color',
    'border-top-width', 'border-bottom-width', 'background-color', 'color', 'box-shadow',
    'outline-color', 'outline-style',
  ];
  const stijl = (el) => {
    const s = getComputedStyle(el);
    return Object.fromEntries(EIGENSCHAPPEN.map((e) => [e, s.getPropertyValue(e)]));
  };
  // The same control, once as the server marks an error, once calm (not required, so never
  // :invalid), each in a copy of its field block placed right after it: the same rules and the
  // same inherited values reach them as the field itself.
  const voorbeeld = (el, fout) => {
    const veld = el.closest('.kk-veld');
    const blok = document.createElement('div');
    // Outside a field block (the dual list) only aria-invalid marks the error.
    if (veld) {
      blok.className = veld.className.replace(/\bkk-veld--fout\b/g, '');
      if (fout) blok.classList.add('kk-veld--fout');
    }
    blok.hidden = true;
    const kopie = el.cloneNode(false);
    for (const a of ['id', 'name', 'form', 'aria-describedby']) kopie.removeAttribute(a);
    // The same answer as the field itself (checked, typed): only required and error differ.
    if ('checked' in el) kopie.checked = el.checked;
    if (el.type !== 'file' && 'value' in el && el.tagName !== 'SELECT') kopie.value = el.value;
    if (fout) {
      kopie.setAttribute('aria-invalid', 'true');
    } else {
      kopie.removeAttribute('required');
      kopie.removeAttribute('aria-invalid');
    }
    blok.append(kopie);
    el.after(blok);
    const uitkomst = stijl(kopie);
    blok.remove();
    return uitkomst;
  };

  const focus = document.activeElement;
  focus?.blur?.();
  const geel = getComputedStyle(document.documentElement)
    .getPropertyValue('--kk-verplicht-achtergrond').trim();
  const fouten = [];
  const velden = [...document.querySelectorAll(
    'input[required], select[required], textarea[required], [aria-required=true], '
    + '.kk-veld--verplicht :is(input, select, textarea), '
    + '.kk-veld--verplicht-groep :is(input, select, textarea)'
  )].filter((el) => !['hidden', 'submit', 'button'].includes(el.type) && zichtbaar(el));
  for (const el of velden) {
    if (el.getAttribute('aria-invalid') === 'true' || el.closest('.kk-veld--fout')) continue;
    const nu = stijl(el);
    const fout = voorbeeld(el, true);
    const kalm = voorbeeld(el, false);
    const verschil = EIGENSCHAPPEN.filter((e) => fout[e] !== kalm[e]);
    if (!verschil.length) {
      fouten.push(`${beschrijf(el)}: een fout van de server zou er niet anders uitzien `
        + 'dan een leeg verplicht veld');
      continue;
    }
    const afwijkend = verschil.filter((e) => nu[e] !== kalm[e]);
    if (afwijkend.length) {
      fouten.push(`${beschrijf(el)} ziet eruit als een fout zonder dat de server een fout meldde: `
        + afwijkend.map((e) => `${e} ${nu[e]} (verplicht: ${kalm[e]}, fout: ${fout[e]})`)
          .join(', '));
    }
    // Yellow: "De gele velden zijn verplichte velden".
    const tekstveld = !['radio', 'checkbox', 'file'].includes(el.type);
    const achtergrond = hex(rgba(nu['background-color']));
    if (geel && tekstveld && el.closest('.kk-veld--verplicht') && achtergrond !== hex(rgba(geel))) {
      fouten.push(`${beschrijf(el)} is verplicht maar niet geel: ${nu['background-color']}`);
    }
  }

  // One typeface: every form control and summary in the body's font.
  const letter = getComputedStyle(document.body).fontFamily;
  for (const el of document.querySelectorAll('input, select, textarea, button, summary')) {
    if (el.type === 'hidden' || !zichtbaar(el)) continue;
    const eigen = getComputedStyle(el).fontFamily;
    if (eigen !== letter) fouten.push(`${beschrijf(el)} heeft lettertype ${eigen}, niet ${letter}`);
  }
  focus?.focus?.({preventScroll: true});
  return fouten;
}"""
)


def meet_contrast(page, selector=KNOPPEN_EN_LABELS):
    """Every measurement on the page: {element, drager, staat, voorgrond, achtergrond, contrast}."""
    return page.evaluate(_CONTRAST_JS, [selector, CONTRAST_MINIMUM])


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


def controleer_verplichte_velden(page):
    # A field under the mouse (after a drag) shows its hover style, which is neither; the check
    # moves the mouse off the page's content and takes the focus away for its duration.
    page.mouse.move(0, 0)
    fouten = page.evaluate(_VERPLICHT_JS)
    assert not fouten, f"verplichte velden op {page.url}: " + "; ".join(fouten)
