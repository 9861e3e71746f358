"""What the small benches share: a page's median time and query count, and the comparison of a
small and a large size printed as a ratio."""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


def mediaan_en_queries(client, pad, keer=15):
    """The median seconds of `keer` requests of a warmed-up page, and the queries of one more."""
    assert client.get(pad).status_code == 200
    tijden = []
    for _ in range(keer):
        begin = time.perf_counter()
        response = client.get(pad)
        tijden.append(time.perf_counter() - begin)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(pad)
    return statistics.median(tijden), len(queries)


def druk_verhouding(uitkomsten, klein, groot, wat):
    """Print both sizes and the ratio large/small of time and queries."""
    (t_klein, q_klein), (t_groot, q_groot) = uitkomsten[klein], uitkomsten[groot]
    print(f"database: {connection.vendor}")
    print(f"{klein:>6} {wat}: {t_klein * 1000:7.1f} ms, {q_klein} queries")
    print(f"{groot:>6} {wat}: {t_groot * 1000:7.1f} ms, {q_groot} queries")
    print(
        f"verhouding tijd {t_groot / t_klein:.2f}x, queries {q_groot / q_klein:.2f}x "
        f"bij {groot / klein:.0f}x zoveel {wat}"
    )
