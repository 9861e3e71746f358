"""Work for after the commit that may go to Celery, but must not be lost when it cannot."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def na_commit_of_meteen(taak, *args):
    """After this transaction, queue `taak(*args)`; when the broker cannot be reached, run it
    here and now rather than never (a recompute that waits for a queue that is down would
    leave stale rows behind)."""

    def plan():
        try:
            taak.delay(*args)
        except Exception:  # the broker is down: do it now rather than never
            logger.warning("Wachtrij onbereikbaar; %s%r nu uitgevoerd", taak.name, args)
            taak(*args)

    transaction.on_commit(plan, robust=True)
