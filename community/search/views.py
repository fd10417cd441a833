from __future__ import annotations

from types import SimpleNamespace

from flask import make_response, render_template, request
from flask_babel import gettext as _, ngettext
from flask_login import current_user

from community.neighbourhoods.pages import neighbourhood_view
from community.permissions import can
from community.pictograms import TILES
from community.search import bp
from community.search import cards, services
from community.search.forms import SearchForm
from community.web import INVALID, announce, isolate


@bp.route("")
@neighbourhood_view()
def results(neighbourhood):
    """The search page; with htmx (typing in the field) only its results, and the count read out."""
    form = SearchForm(request.args)
    found = _search(neighbourhood, form) if form.q.data and form.validate() else None
    status = INVALID if form.errors else 200
    may_see_people = can(current_user, "view_talent_people", neighbourhood)
    context = dict(neighbourhood=neighbourhood, form=form, found=found, tiles=SimpleNamespace(**TILES),
                   page_size=services.PAGE_SIZE, max_pages=services.MAX_PAGES,
                   sections=cards.sections(found, neighbourhood, may_see_people) if found else [])
    if request.htmx and not request.htmx.history_restore_request:
        response = announce(render_template("search/_results.html", partial=True, **context),
                            _count_message(form, found), status)
    else:
        response = make_response(render_template("search/page.html", **context), status)
    response.vary.add("HX-Request")
    return response


def _search(neighbourhood, form: SearchForm) -> services.Results:
    """One kind has pages; every kind at once shows the first few of each."""
    one_kind = form.chosen_kinds()
    return services.search(neighbourhood, form.q.data, current_user, kinds=one_kind,
                           limit=services.PAGE_SIZE if one_kind else services.PER_KIND,
                           page=_page_number() if one_kind else 1)


def _page_number() -> int:
    page = request.args.get("page", type=int) or 1
    return min(max(page, 1), services.MAX_PAGES)


def _count_message(form: SearchForm, found) -> str:
    if form.errors:
        return " ".join(form.q.errors)
    if found is None:
        return ""
    query = isolate(form.q.data)
    if not found.total:
        return _("Niets gevonden voor %(query)s", query=query)
    return ngettext("%(num)d resultaat voor %(query)s", "%(num)d resultaten voor %(query)s", found.total, query=query)
