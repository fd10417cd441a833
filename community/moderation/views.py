from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.moderation import bp
from community.moderation import services as moderation
from community.moderation.models import REASON_MAX
from community.neighbourhoods.pages import neighbourhood_view
from community.web import announce, notify


@bp.route("/coordinator/reports")
@login_required
@neighbourhood_view("moderate")
def reports(neighbourhood):
    return render_template("moderation/reports.html", neighbourhood=neighbourhood, reason_max=REASON_MAX,
                           items=moderation.reported_items(neighbourhood.id, neighbourhood.slug))


@bp.route("/coordinator/reports/<any(initiative, post):target_type>/<int:target_id>", methods=["POST"])
@login_required
@neighbourhood_view("moderate")
def decide(neighbourhood, target_type: str, target_id: int):
    item = moderation.target_or_none(target_type, target_id)
    if item is None or moderation.TARGETS[target_type].neighbourhood_of(item) != neighbourhood.id:
        return redirect(url_for("moderation.reports", slug=neighbourhood.slug), code=303)
    hide = request.form.get("decision") == "hide"
    try:
        moderation.decide(target_type, target_id, hide=hide, actor_id=current_user.id, reason=request.form.get("reason", ""))
    except moderation.ModerationError as error:
        return _decision_refused(neighbourhood, target_type, target_id, item, error.message)
    message = _("Verborgen. Niets is weggegooid.") if hide else _("Teruggezet.")
    if request.htmx:
        target = moderation.TARGETS[target_type]
        return announce(render_template("moderation/_decided.html", target_type=target_type, target_id=target_id,
                                        hidden=hide, url=target.url(item, neighbourhood.slug), description=target.describe(item)), message)
    notify(message)
    return redirect(url_for("moderation.reports", slug=neighbourhood.slug), code=303)


def _decision_refused(neighbourhood, target_type: str, target_id: int, item, message):
    """The reason's error stands at the reason field, with what was typed kept; htmx gets that card only.
    An item without open reports (decided from its own page) gets a card of its own at the top."""
    items = moderation.reported_items(neighbourhood.id, neighbourhood.slug)
    context = dict(neighbourhood=neighbourhood, reason_max=REASON_MAX, error=message,
                   error_for=(target_type, target_id), typed_reason=request.form.get("reason", ""))
    entry = next((e for e in items if (e.target_type, e.target_id) == (target_type, target_id)), None)
    if entry is None:
        entry = moderation.item_to_decide(target_type, target_id, item, neighbourhood.slug)
        items = [entry, *items]
    if request.htmx:
        return announce(render_template("moderation/_report.html", entry=entry, **context), message, 422)
    return render_template("moderation/reports.html", items=items, **context), 422


@bp.route("/coordinator/audit")
@login_required
@neighbourhood_view("moderate")
def audit(neighbourhood):
    actions = moderation.audit_actions(neighbourhood.id)
    chosen = request.args.get("action", "")
    chosen = chosen if chosen in actions else ""
    return render_template("moderation/audit.html", neighbourhood=neighbourhood, actions=actions, chosen=chosen,
                           rows=moderation.audit_rows(neighbourhood.id, neighbourhood.slug, action=chosen))
