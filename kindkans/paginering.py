"""Pages of long lists that cost the same on page 1, page 400 and the last page."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.db.models.sql.where import WhereNode
from django.utils.functional import cached_property


class Paginering(Paginator):
    """Django's Paginator, but a page first reads only its ids, through the filters and the
    ordering and from whichever end of the list is nearer, and then loads just those rows with
    their joins. Deep pages then no longer join and sort every row before them.

    With `maximaal` the list is read as the ids of its first `maximaal` + 1 rows, in order, in
    one query: their number is the count and a page is a slice of them. A list of more rows
    offers its first `maximaal` (`afgekapt` is then true, and the page says so), so no query
    reads more than that many rows however many the person may see. Searching, filtering or
    sorting the other way round finds the rest."""

    def __init__(self, *args, maximaal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.maximaal = maximaal
        self.afgekapt = False
        self._ids = None

    @cached_property
    def count(self):
        lijst = self.object_list
        if self.maximaal is None or not isinstance(lijst, QuerySet):
            return super().count
        lijst = _met_pk_als_laatste(lijst)
        self._ids = list(lijst.values_list("pk", flat=True)[: self.maximaal + 1])
        self.afgekapt = len(self._ids) > self.maximaal
        return min(len(self._ids), self.maximaal)

    def page(self, number):
        lijst = self.object_list
        if not isinstance(lijst, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        begin = (number - 1) * self.per_page
        eind = min(begin + self.per_page, self.count)
        lijst = _met_pk_als_laatste(lijst)
        if self._ids is not None:
            ids = self._ids[begin:eind]
        elif begin > self.count - eind:
            # Nearer to the end: walk the list backwards and turn the page around.
            ids = list(
                lijst.reverse().values_list("pk", flat=True)[self.count - eind : self.count - begin]
            )[::-1]
        else:
            ids = list(lijst.values_list("pk", flat=True)[begin:eind])
        rijen = {rij.pk: rij for rij in _alleen(lijst, ids)}
        return self._get_page([rijen[pk] for pk in ids if pk in rijen], number, self)


def _alleen(lijst, ids):
    """The list's queryset (its joins, select_related, annotations and deferred columns) for
    these ids only, which the list's own query chose a moment ago through all its filters.

    The filters are not applied a second time: PostgreSQL then combined the search's trigram
    index with the ids and read every match of the word in the installation (20,000 for
    "kok" at 1M) to return 25 rows. Where leaving them out could change what a row shows
    (an aggregate over a filtered join, DISTINCT, a UNION), they stay."""
    query = lijst.query
    if (
        query.combinator
        or query.distinct
        or any(getattr(a, "contains_aggregate", False) for a in query.annotations.values())
    ):
        return lijst.filter(pk__in=ids).order_by()
    rijen = lijst.order_by()
    rijen.query.where = WhereNode()
    return rijen.filter(pk__in=ids)


def _met_pk_als_laatste(lijst):
    """An ordering that ends in the primary key, so walking back gives the same pages."""
    orde = list(lijst.query.order_by) or list(lijst.model._meta.ordering)
    namen = {veld.lstrip("-") for veld in orde if isinstance(veld, str)}
    if namen & {"pk", lijst.model._meta.pk.name}:
        return lijst
    return lijst.order_by(*orde, "-pk")


class ZonderTelling(Paginator):
    """Pages of a list read newest first (a feed, such as the Formulieren overview): Vorige and
    Volgende without a total. A page reads one row more than it shows to know whether a next
    one exists, so no COUNT over everything a person may see is needed."""

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("Dat is geen paginanummer.") from None
        if number < 1:
            raise EmptyPage("Die pagina bestaat niet.")
        begin = (number - 1) * self.per_page
        rijen = list(self.object_list[begin : begin + self.per_page + 1])
        if number > 1 and not rijen:
            raise EmptyPage("Die pagina bestaat niet.")
        return PaginaZonderTelling(rijen[: self.per_page], number, self, len(rijen) > self.per_page)


class PaginaZonderTelling(Page):
    zonder_telling = True

    def __init__(self, object_list, number, paginator, heeft_volgende):
        super().__init__(object_list, number, paginator)
        self.heeft_volgende = heeft_volgende

    def has_next(self):
        return self.heeft_volgende

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1
