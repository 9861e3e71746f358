"""The foundation in one walk: an invitation's mail carries a link made at send time and a
code mail a code, neither stored; consent answered digitally counts."""

import re

import pytest
from django.core import mail

from notificaties.geheime_links import CODE_PLAATSHOUDER, PLAATSHOUDER
from notificaties.models import Notificatie
from ouders import links, services
from ouders.models import Toestemming, Toestemmingssoort

pytestmark = pytest.mark.django_db


def test_uitnodiging_link_en_code_alleen_in_de_mail(gezin, django_capture_on_commit_callbacks):
    aanmelding = Toestemmingssoort.objects.get(code=Toestemmingssoort.AANMELDING)
    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging = services.nodig_uit_voor_toestemming(
            door=gezin["ib"],
            hulpvraag=gezin["hulpvraag"],
            ouder=gezin["moeder"],
            soorten=[aanmelding],
        )
    rij = Notificatie.objects.get(adres="fatima@thuis.test")
    assert rij.ontvanger is None and rij.naam == "Fatima Bos"
    assert PLAATSHOUDER in rij.tekst
    assert links.token(uitnodiging) not in rij.tekst
    (bericht,) = mail.outbox
    assert bericht.to == ["fatima@thuis.test"]
    assert links.link(uitnodiging) in bericht.body

    with django_capture_on_commit_callbacks(execute=True):
        services.stuur_code(uitnodiging)
    code_rij = Notificatie.objects.get(soort="ouder_code")
    assert CODE_PLAATSHOUDER in code_rij.tekst
    code = re.search(r"Uw code is: (\d{6})", mail.outbox[1].body).group(1)
    uitnodiging.refresh_from_db()
    assert code not in code_rij.tekst and code not in uitnodiging.code_hash
    assert not links.code_klopt(uitnodiging, "000000" if code != "000000" else "111111")
    assert links.code_klopt(uitnodiging, code)
    assert not links.code_klopt(uitnodiging, code)  # used up

    with django_capture_on_commit_callbacks(execute=True):
        services.antwoord_van_ouder(
            uitnodiging=uitnodiging, soort=aanmelding, besluit=Toestemming.Besluit.GEGEVEN
        )
    assert services.heeft_toestemming(gezin["hulpvraag"], Toestemmingssoort.AANMELDING)
    assert not services.heeft_toestemming(gezin["hulpvraag"], Toestemmingssoort.DELEN)
    assert mail.outbox[-1].to == [gezin["ib"].email]
    assert "Fatima Bos heeft toestemming gegeven voor: Aanmelding" in mail.outbox[-1].body
