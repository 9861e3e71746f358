import pytest
from django.test import RequestFactory

from accounts.clientadres import client_adres

PROXY = "172.18.0.5"


def verzoek(doorgestuurd=None, remote_addr=PROXY):
    headers = {"X-Forwarded-For": doorgestuurd} if doorgestuurd is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, headers=headers)


def test_zonder_proxy_telt_het_verbindende_adres_en_geen_header(settings):
    settings.KINDKANS_PROXY_AANTAL = 0

    assert client_adres(verzoek("203.0.113.9", remote_addr="198.51.100.7")) == "198.51.100.7"


@pytest.mark.parametrize(
    ("doorgestuurd", "verwacht"),
    [
        # What our proxy appended is the client.
        ("198.51.100.7", "198.51.100.7"),
        # Whatever the client put in front itself is not believed.
        ("203.0.113.9, 198.51.100.7", "198.51.100.7"),
        ("1.1.1.1,2.2.2.2 , 198.51.100.7", "198.51.100.7"),
        ("onzin, 198.51.100.7", "198.51.100.7"),
        # An unclosed quote from the client does not swallow our proxy's entry.
        ('"203.0.113.9, 198.51.100.7', "198.51.100.7"),
        ("2001:db8::1", "2001:db8::1"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
    ],
)
def test_achter_een_proxy_telt_het_adres_dat_de_proxy_toevoegde(settings, doorgestuurd, verwacht):
    settings.KINDKANS_PROXY_AANTAL = 1

    assert client_adres(verzoek(doorgestuurd)) == verwacht


def test_achter_een_proxy_zonder_header_telt_het_verbindende_adres(settings):
    # E.g. the health check from inside the container, not through the proxy.
    settings.KINDKANS_PROXY_AANTAL = 1

    assert client_adres(verzoek()) == PROXY
    assert client_adres(verzoek("")) == PROXY


def test_achter_twee_proxies_telt_het_adres_dat_de_buitenste_toevoegde(settings):
    settings.KINDKANS_PROXY_AANTAL = 2

    assert client_adres(verzoek("203.0.113.9, 198.51.100.7, 10.0.0.2")) == "198.51.100.7"
    # Only one entry: not through both proxies, so the connecting address.
    assert client_adres(verzoek("198.51.100.7")) == PROXY
