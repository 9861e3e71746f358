"""The checks of tests/e2e/controles.py themselves, on small pages that are wrong on purpose.

Each page carries the portal's own style sheets (inline, as base.html links them) and one
deliberate fault; the check must fail on it, and pass on the same page without the fault.
"""

from pathlib import Path

import pytest

from tests.e2e.controles import (
    controleer_contrast,
    controleer_verplichte_velden,
    meet_contrast,
)

STATIC = Path(__file__).resolve().parents[2] / "static"
STIJLBLADEN = (
    "vendor/nlds/voorbeeld-theme.css",
    "vendor/nlds/utrecht-components.css",
    "vendor/nlds/utrecht-html.css",
    "css/kindkans.css",
)

# A page as the portal builds it: a link-button, a menu item with a counter, a status label, a
# disclosure with a button, a required text field, a required group of radio buttons and an
# optional one of check boxes, none of them answered.
GOEDE_INHOUD = """
<nav aria-label="Hoofdmenu"><ul>
  <li><a href="#start">Start <span class="kk-teller">3</span></a></li>
</ul></nav>
<main>
  <h1>Proef</h1>
  <p><a href="#nieuw" class="utrecht-button-link utrecht-button-link--html-a
    utrecht-button--primary-action">Nieuwe hulpvraag</a></p>
  <p>Termijn <strong class="kk-label">Te laat</strong></p>
  <details class="kk-details">
    <summary>Einddatum wijzigen of de overlegronde sluiten</summary>
    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
      Einddatum opslaan</button>
  </details>
  <form class="kk-form">
    <div class="kk-veld kk-veld--verplicht">
      <label for="id_aanleiding">Aanleiding</label>
      <textarea id="id_aanleiding" name="aanleiding" required></textarea>
    </div>
    <div class="kk-veld kk-veld--groep kk-veld--verplicht-groep">
      <fieldset><legend><strong>Toestemming ouders:</strong> (verplicht)</legend>
        <div id="id_toestemming">
          <div><label><input type="radio" name="toestemming" value="ja" required> Ja</label></div>
          <div><label><input type="radio" name="toestemming" value="nee" required> Nee</label></div>
        </div>
      </fieldset>
    </div>
    <div class="kk-veld kk-veld--groep">
      <fieldset><legend><strong>Betrokken partijen:</strong></legend>
        <div id="id_partijen">
          <div><label><input type="checkbox" name="partijen" value="cjg"> CJG</label></div>
          <div><label><input type="checkbox" name="partijen" value="smw"> SMW</label></div>
        </div>
      </fieldset>
    </div>
    <button type="submit" class="utrecht-button utrecht-button--primary-action">Opslaan</button>
  </form>
</main>
"""


# The same page with a required group of check boxes.
VERPLICHTE_VINKJES = GOEDE_INHOUD.replace(
    '<div class="kk-veld kk-veld--groep">',
    '<div class="kk-veld kk-veld--groep kk-veld--verplicht-groep">',
).replace("Betrokken partijen:</strong>", "Betrokken partijen:</strong> (verplicht)")
assert VERPLICHTE_VINKJES != GOEDE_INHOUD


def toon(page, inhoud=GOEDE_INHOUD, fout=""):
    """`inhoud` on a page with the portal's style sheets, then the faulty rules `fout`."""
    stijl = "\n".join((STATIC / blad).read_text() for blad in STIJLBLADEN)
    page.set_content(
        '<!DOCTYPE html><html lang="nl" class="utrecht-html"><head><title>Proef</title>'
        f"<style>{stijl}</style><style>{fout}</style></head>"
        f'<body class="voorbeeld-theme utrecht-document utrecht-body">{inhoud}</body></html>'
    )


def test_een_goede_pagina_komt_door_beide_controles(page):
    toon(page)

    metingen = controleer_contrast(page)
    controleer_verplichte_velden(page)

    gemeten = {m["element"] for m in metingen}
    assert 'span.kk-teller "3"' in gemeten
    assert 'strong.kk-label "Te laat"' in gemeten
    assert 'button.utrecht-button.utrecht-button--secondary-action "Einddatum opslaan"' in gemeten
    # The disclosure is closed again.
    assert page.locator("details").evaluate("d => d.open") is False


def test_donkerblauwe_tekst_op_een_paarse_knop(page):
    # The vendored link colour on a link-button: dark blue on the purple of primary-action.
    toon(page, fout=".utrecht-html main a.utrecht-button-link { color: #1d3a5f; }")

    with pytest.raises(AssertionError) as fout:
        controleer_contrast(page)

    assert (
        "a.utrecht-button-link.utrecht-button-link--html-a.utrecht-button--primary-action "
        '"Nieuwe hulpvraag" (normaal): #1d3a5f op #5115ef = 1.48:1'
    ) in str(fout.value)


def test_een_teller_met_te_weinig_contrast(page):
    toon(page, fout=".kk-teller { background: #8da0b6; }")

    with pytest.raises(AssertionError) as fout:
        controleer_contrast(page)

    assert 'span.kk-teller "3" (normaal): #ffffff op #8da0b6 = 2.68:1' in str(fout.value)


def test_een_badge_zonder_bekende_klasse_met_te_weinig_contrast(page):
    # Any inline element with text on a background of its own is measured, whatever its class.
    toon(
        page,
        GOEDE_INHOUD.replace("Proef</h1>", 'Proef <span class="kk-nieuw">2</span></h1>'),
        fout=".kk-nieuw { background: #ffdd00; color: #ffffff; }",
    )

    with pytest.raises(AssertionError) as fout:
        controleer_contrast(page)

    assert 'span.kk-nieuw "2" (normaal): #ffffff op #ffdd00 = 1.35:1' in str(fout.value)


def test_een_knop_in_een_dichte_details_met_te_weinig_contrast(page):
    toon(page, fout=".kk-details button.utrecht-button { color: #9a9a9a; }")

    with pytest.raises(AssertionError) as fout:
        controleer_contrast(page)

    assert (
        'button.utrecht-button.utrecht-button--secondary-action "Einddatum opslaan" (normaal): '
        "#9a9a9a op #ffffff = 2.81:1"
    ) in str(fout.value)
    assert page.locator("details").evaluate("d => d.open") is False


def test_het_gemeten_contrast_klopt(page):
    toon(page, fout=".kk-teller { background: #767676; }")

    (meting,) = [
        m
        for m in meet_contrast(page)["metingen"]
        if m["element"] == 'span.kk-teller "3"' and m["staat"] == "normaal"
    ]

    # #767676 is the lightest grey with 4.5:1 on white.
    assert meting == {
        "element": 'span.kk-teller "3"',
        "drager": 'span.kk-teller "3"',
        "staat": "normaal",
        "voorgrond": "#ffffff",
        "achtergrond": "#767676",
        "contrast": 4.54,
    }


@pytest.mark.parametrize(
    ("inhoud", "fout", "meldingen"),
    [
        # The vendored look of an empty required field (:invalid), pink with a red border.
        pytest.param(
            GOEDE_INHOUD,
            ".utrecht-html .kk-veld--verplicht textarea:invalid "
            "{ background-color: #fde8ec; border-color: #b00020; }",
            (
                "textarea#id_aanleiding ziet eruit als een fout zonder dat de server een fout "
                "meldde: ",
                "background-color rgb(253, 232, 236) (verplicht: ",
            ),
            id="roze-tekstvak",
        ),
        pytest.param(
            GOEDE_INHOUD,
            ".utrecht-html .kk-veld.kk-veld--verplicht textarea { background-color: #fde8ec; }",
            ("textarea#id_aanleiding is verplicht maar niet geel: rgb(253, 232, 236)",),
            id="tekstvak-niet-geel",
        ),
        pytest.param(
            GOEDE_INHOUD,
            ".utrecht-html .kk-veld--verplicht-groep input[type=radio] "
            "{ background-color: #fde8ec; }",
            (
                'input "ja" in een verplichte groep ziet er anders uit dan in een '
                "niet-verplichte: ",
                "background-color rgb(253, 232, 236) (gewoon: ",
            ),
            id="roze-keuzerondje",
        ),
        pytest.param(
            VERPLICHTE_VINKJES,
            ".kk-veld--verplicht-groep input[type=checkbox] { accent-color: #b00020; }",
            (
                'input "cjg" in een verplichte groep ziet er anders uit dan in een '
                "niet-verplichte: ",
                "accent-color rgb(176, 0, 32) (gewoon: ",
            ),
            id="rood-vinkje",
        ),
        pytest.param(
            GOEDE_INHOUD,
            ".kk-veld--verplicht-groep fieldset:invalid { background-color: #fde8ec; }",
            (
                'fieldset "Toestemming ouders: (verplicht) Ja Nee" van een verplichte groep ziet '
                "eruit als een fout zonder dat de server een fout meldde: ",
                "background-color rgb(253, 232, 236) (verplicht: ",
            ),
            id="roze-groep",
        ),
        pytest.param(
            GOEDE_INHOUD,
            ".kk-veld--verplicht-groep fieldset { background-color: #fde8ec; }",
            (
                'fieldset "Toestemming ouders: (verplicht) Ja Nee" is een verplichte groep maar '
                "niet geel: #fde8ec",
            ),
            id="groep-niet-geel",
        ),
    ],
)
def test_een_verplicht_veld_dat_op_een_fout_lijkt(page, inhoud, fout, meldingen):
    # What the check reports of the fault; the calm value it compares with is the portal's CSS.
    toon(page, inhoud, fout)

    with pytest.raises(AssertionError) as uitkomst:
        controleer_verplichte_velden(page)

    for melding in meldingen:
        assert melding in str(uitkomst.value)


def test_een_verplicht_veld_in_een_dichte_details(page):
    inhoud = GOEDE_INHOUD.replace(
        "Einddatum opslaan</button>",
        'Einddatum opslaan</button><div class="kk-veld kk-veld--verplicht">'
        '<label for="id_einddatum">Einddatum</label>'
        '<input type="date" id="id_einddatum" required></div>',
    )
    toon(
        page,
        inhoud,
        fout=".utrecht-html .kk-details .kk-veld input:invalid { background-color: #fde8ec; }",
    )

    with pytest.raises(AssertionError) as uitkomst:
        controleer_verplichte_velden(page)

    assert "input#id_einddatum is verplicht maar niet geel: rgb(253, 232, 236)" in str(
        uitkomst.value
    )


# The beheer: Django's admin marks an error with .errors on the form row.
BEHEER_INHOUD = """
<main><h1>Termijnen toevoegen</h1><form>
  <div class="form-row field-dagen">
    <label class="required" for="id_dagen">Aanpak bevestigen binnen:</label>
    <input type="number" id="id_dagen" name="dagen" required>
  </div>
  <input type="submit" value="Opslaan">
</form></main>
"""
BEHEER_STIJL = ".errors input { border: 1px solid #ba2121; } input { border: 1px solid #cccccc; }"


def toon_beheer(page, fout=""):
    page.set_content(
        f'<!DOCTYPE html><html lang="nl"><head><title>Beheer</title><style>{BEHEER_STIJL}</style>'
        f"<style>{fout}</style></head><body>{BEHEER_INHOUD}</body></html>"
    )


def test_het_beheer_zonder_geel_en_zonder_fout_komt_door_de_controle(page):
    toon_beheer(page)

    controleer_verplichte_velden(page, portaal=False)


def test_een_verplicht_veld_in_het_beheer_dat_op_een_fout_lijkt(page):
    toon_beheer(page, fout="input:invalid { border-color: #ba2121; }")

    with pytest.raises(AssertionError) as uitkomst:
        controleer_verplichte_velden(page, portaal=False)

    assert (
        "input#id_dagen ziet eruit als een fout zonder dat de server een fout meldde: "
        "border-top-color rgb(186, 33, 33) (verplicht: rgb(204, 204, 204), "
        "fout: rgb(186, 33, 33))"
    ) in str(uitkomst.value)


@pytest.mark.parametrize("portaal", [True, False])
def test_de_axe_controle_meet_het_contrast_ook_in_het_beheer(page, axe, portaal):
    # The fixture every browser test uses: our checks first.
    toon(page, fout=".kk-teller { background: #8da0b6; }")

    with pytest.raises(AssertionError, match="contrast onder 4.5:1"):
        axe(page, portaal=portaal)


def test_de_axe_controle_kijkt_naar_de_verplichte_velden_van_het_beheer(page, axe):
    toon_beheer(page, fout="input:invalid { border-color: #ba2121; }")

    with pytest.raises(AssertionError, match="verplichte velden op"):
        axe(page, portaal=False)


def datum_en_tijdzone(pagina):
    """The value of a date field typed as 12032026, and the page's time zone."""
    pagina.set_content(
        '<!DOCTYPE html><html lang="nl"><title>Datum</title>'
        '<label>Datum <input type="date" id="datum"></label></html>'
    )
    pagina.locator("#datum").click(position={"x": 8, "y": 8})
    pagina.keyboard.type("12032026")
    return (
        pagina.locator("#datum").input_value(),
        pagina.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone"),
        pagina.evaluate("navigator.language"),
    )


def test_de_browser_is_nederlands(page):
    # As the screenshots show it: a date field as dd-mm-jjjj, typed day first; the time zone of
    # the portal.
    assert datum_en_tijdzone(page) == ("2026-03-12", "Europe/Amsterdam", "nl-NL")


def test_ook_een_eigen_context_is_nederlands(browser):
    # A context made with only a locale, as the work instruction's walk makes one per person.
    context = browser.new_context(locale="nl-NL")
    try:
        assert datum_en_tijdzone(context.new_page()) == ("2026-03-12", "Europe/Amsterdam", "nl-NL")
    finally:
        context.close()
