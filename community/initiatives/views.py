from __future__ import annotations

from datetime import datetime
from functools import wraps

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from community.recurrence import TIMEZONE
from community.initiatives import bp
from community.errors import NotFound
from community.initiatives import lists as initiative_lists, mailing, services as initiatives
from community.initiatives.forms import (FinishForm, JoinForm, NeedForm, PhotoForm, PostForm, ProposalForm, ReasonForm,
                                         ReportForm, SummaryPreferenceForm)
from community.initiatives.models import NEED_LABELS, Initiative
from community.neighbourhoods.forms import ConfirmForm
from community.neighbourhoods.pages import neighbourhood_view
from community.neighbourhoods.services import in_neighbourhood
from community.pagecache import cached_page
from community.permissions import can, require
from community.volunteering.services import tasks_by_need
from community.versions import INITIATIVES, VOLUNTEERING
from community.web import INVALID, announce, form_page, notify


def initiative_view(action: str = "view_initiative"):
    """The view is called with the neighbourhood and the initiative of the URL, once the person
    may do `action` with it (an initiative of another neighbourhood is a 404)."""

    def decorate(view):
        @neighbourhood_view()
        @wraps(view)
        def wrapper(neighbourhood, initiative_id: int, **values):
            initiative = in_neighbourhood(Initiative, initiative_id, neighbourhood)
            require(current_user, action, initiative)
            return view(neighbourhood, initiative, **values)

        return wrapper

    return decorate


def _to_detail(neighbourhood, initiative, anchor: str = ""):
    return redirect(url_for("initiatives.detail", slug=neighbourhood.slug, initiative_id=initiative.id) + anchor,
                    code=303)


# --- reading ---------------------------------------------------------------------------------

@bp.route("/")
@cached_page(INITIATIVES)
@neighbourhood_view()
def index(neighbourhood):
    sort = request.args.get("sort") if request.args.get("sort") in initiative_lists.SORTS else "newest"
    need_kind = request.args.get("need") if request.args.get("need") in {k.value for k in NEED_LABELS} else ""
    user_id = getattr(current_user, "id", None)
    return render_template(
        "initiatives/index.html", neighbourhood=neighbourhood, sort=sort, need_kind=need_kind, need_labels=NEED_LABELS,
        items=initiative_lists.published(neighbourhood.id, sort=sort, need_kind=need_kind),
        mine=initiative_lists.mine(neighbourhood.id, user_id) if user_id else [],
        can_propose=can(current_user, "propose_initiative", neighbourhood))


@bp.route("/<int:initiative_id>")
@cached_page(INITIATIVES, VOLUNTEERING)  # its needs list the volunteering tasks that answer them
@initiative_view()
def detail(neighbourhood, initiative):
    return _detail_page(neighbourhood, initiative)


def _detail_page(neighbourhood, initiative, status: int = 200, **sent_forms):
    """The initiative's page. A form of it that was sent and needs fixing is passed in
    (`post_form=form`): it is shown as typed, with its messages, and the answer is a 422."""
    may_moderate = can(current_user, "moderate", neighbourhood)
    forms = {"join_form": JoinForm(formdata=None), "post_form": PostForm(formdata=None),
             "finish_form": FinishForm(formdata=None), "reason_form": ReasonForm(formdata=None), **sent_forms}
    forms["join_form"].need_id.choices = _need_choices(initiative)
    if "join_form" not in sent_forms:  # not yet chosen: the first open need
        forms["join_form"].need_id.data = next((need.id for need in initiative.needs if not need.is_met), None)
    posts = initiatives.posts(initiative, include_hidden=may_moderate)
    return render_template(
        "initiatives/detail.html", neighbourhood=neighbourhood, initiative=initiative,
        supported=initiatives.supports(initiative.id, getattr(current_user, "id", None)),
        contributions=initiatives.contributions(initiative), history=initiatives.history(initiative),
        posts=posts, may_moderate=may_moderate, may_report=can(current_user, "report_initiative", initiative),
        may_run=can(current_user, "run_initiative", initiative), may_edit=can(current_user, "edit_initiative", initiative),
        may_make_tasks=can(current_user, "make_task_from_need", initiative), tasks_by_need=tasks_by_need(initiative.id),
        reportable_posts={item.id for item in posts if can(current_user, "report_post", item)},
        confirm_form=ConfirmForm(), templates=initiatives.REASON_TEMPLATES, **forms), status


def _need_choices(initiative) -> list[SelectChoice]:
    open_needs = [need for need in initiative.needs if not need.is_met]
    # The first open need is what is chosen unless one picks otherwise; "something else" comes last.
    return [SelectChoice(need.id, need.description) for need in open_needs] + [SelectChoice("", _("Iets anders"))]


@bp.route("/counts")
@neighbourhood_view()
def counts(neighbourhood):
    year = datetime.now(TIMEZONE).year
    return render_template("initiatives/counts.html", neighbourhood=neighbourhood, year=year,
                           counts=initiative_lists.counts(neighbourhood.id, year))


# --- proposing -------------------------------------------------------------------------------

@bp.route("/new", methods=["GET", "POST"])
@login_required
@neighbourhood_view("propose_initiative")
def new(neighbourhood):
    form = ProposalForm()
    if form.validate_on_submit():
        initiative = initiatives.start_draft(neighbourhood, current_user, _proposal(form))
        return redirect(url_for("initiatives.needs", slug=neighbourhood.slug, initiative_id=initiative.id), code=303)
    return form_page("initiatives/proposal.html", form, neighbourhood=neighbourhood, initiative=None)


def _proposal(form: ProposalForm) -> initiatives.Proposal:
    return initiatives.Proposal(form.title.data, form.want.data, form.can_do.data)


@bp.route("/<int:initiative_id>/edit", methods=["GET", "POST"])
@login_required
@initiative_view("edit_initiative")
def edit(neighbourhood, initiative):
    form = ProposalForm(obj=initiative)
    if form.validate_on_submit():
        initiatives.edit_proposal(initiative, _proposal(form))
        return redirect(url_for("initiatives.needs", slug=neighbourhood.slug, initiative_id=initiative.id), code=303)
    return form_page("initiatives/proposal.html", form, neighbourhood=neighbourhood, initiative=initiative,
                     last_reason=initiatives.last_reason(initiative))


@bp.route("/<int:initiative_id>/needs", methods=["GET", "POST"])
@login_required
@initiative_view("edit_initiative")
def needs(neighbourhood, initiative):
    """Step 2: what we need, a photo, and send it to the buurtregisseur."""
    form = NeedForm()
    if form.validate_on_submit():
        try:
            initiatives.add_need(initiative, form.kind.data, form.description.data, form.people.data, form.amount.data)
        except initiatives.InitiativeError as error:
            _field_error(form, error)
        else:
            notify(_("Toegevoegd."))
            return redirect(url_for("initiatives.needs", slug=neighbourhood.slug, initiative_id=initiative.id) + "#needs", code=303)
    return form_page("initiatives/needs.html", form, neighbourhood=neighbourhood, initiative=initiative,
                     photo_form=PhotoForm(formdata=None), confirm_form=ConfirmForm(),
                     last_reason=initiatives.last_reason(initiative))


def _field_error(form, error: initiatives.InitiativeError, default: str = "description"):
    """Show a service's message at the field it names, or at `default`; returns the form."""
    field = getattr(form, error.field_name or default, None) or getattr(form, default)
    field.errors = [*field.errors, error.message]  # a tuple until the form is validated
    return form


@bp.route("/<int:initiative_id>/needs/<int:need_id>/delete", methods=["POST"])
@login_required
@initiative_view("edit_initiative")
def delete_need(neighbourhood, initiative, need_id: int):
    initiatives.remove_need(initiative, need_id)
    return redirect(url_for("initiatives.needs", slug=neighbourhood.slug, initiative_id=initiative.id) + "#needs", code=303)


@bp.route("/<int:initiative_id>/photo", methods=["POST"])
@login_required
@initiative_view("edit_initiative")
def photo(neighbourhood, initiative):
    form = PhotoForm()
    image, problem = _save_photo(form.photo, neighbourhood) if form.validate_on_submit() else (None, None)
    if form.photo.errors or problem:
        form.photo.errors = list(form.photo.errors) + ([problem] if problem else [])
        return render_template("initiatives/needs.html", neighbourhood=neighbourhood, initiative=initiative,
                               form=NeedForm(formdata=None), photo_form=form, confirm_form=ConfirmForm(),
                               last_reason=initiatives.last_reason(initiative)), 422
    if image is not None:
        initiatives.set_photo(initiative, image.id)
        notify(_("De foto is toegevoegd."))
    return redirect(url_for("initiatives.needs", slug=neighbourhood.slug, initiative_id=initiative.id), code=303)


def _save_photo(field, neighbourhood):
    """(image, None), (None, a message), or (None, None) when no file was chosen."""
    if not field.data or not getattr(field.data, "filename", ""):
        return None, None
    from community.images import services as images

    # The service decodes outside any transaction and leaves the new row for the caller's commit
    # (set_photo, post): a failure there takes the row and its files away again.
    try:
        image = images.save_uploaded_image(field.data, owner_id=current_user.id, neighbourhood_id=neighbourhood.id)
    except images.ImageError as error:
        return None, error.message
    return image, None


@bp.route("/<int:initiative_id>/submit", methods=["POST"])
@login_required
@initiative_view("edit_initiative")
def submit(neighbourhood, initiative):
    try:
        initiatives.transition(initiative, "submit", current_user)
    except initiatives.InitiativeError as error:
        notify(error.message, "error")
        return redirect(url_for("initiatives.needs", slug=neighbourhood.slug, initiative_id=initiative.id), code=303)
    notify(_("Verstuurd! De buurtregisseur kijkt ernaar en laat het je weten."))
    return _to_detail(neighbourhood, initiative)


# --- neighbours ------------------------------------------------------------------------------------

@bp.route("/<int:initiative_id>/support", methods=["POST"])
@login_required
@initiative_view()
def support(neighbourhood, initiative):
    try:
        now_supports = initiatives.toggle_support(initiative, current_user.id)
    except initiatives.InitiativeError as error:
        notify(error.message, "error")
        return _to_detail(neighbourhood, initiative)
    message = _("Je steunt dit initiatief.") if now_supports else _("Je steunt dit initiatief niet meer.")
    if request.htmx:
        body = render_template("initiatives/_support.html", neighbourhood=neighbourhood, initiative=initiative,
                               supported=now_supports)
        return announce(body, message)
    notify(message)
    return _to_detail(neighbourhood, initiative)


@bp.route("/<int:initiative_id>/join", methods=["POST"])
@login_required
@initiative_view()
def join(neighbourhood, initiative):
    form = JoinForm()
    form.need_id.choices = _need_choices(initiative)
    thanks = _("Dank je wel! De initiatiefnemer ziet wat je meebrengt.")
    if form.validate_on_submit():
        try:
            contribution = initiatives.join(initiative, current_user.id, form.need_id.data, form.message.data)
        except initiatives.InitiativeError as error:
            notify(error.message, "error")
        else:
            if request.htmx:
                return announce(render_template("initiatives/_joined.html", contribution=contribution), thanks)
            notify(thanks)
    elif request.htmx:
        return render_template("initiatives/_join_form.html", neighbourhood=neighbourhood, initiative=initiative,
                                join_form=form), INVALID
    else:
        return _detail_page(neighbourhood, initiative, INVALID, join_form=form)
    return _to_detail(neighbourhood, initiative, "#join")


@bp.route("/<int:initiative_id>/posts", methods=["POST"])
@login_required
@initiative_view()
def add_post(neighbourhood, initiative):
    is_update = request.form.get("kind") == "update"
    form = PostForm()
    if not form.validate_on_submit():
        return _detail_page(neighbourhood, initiative, INVALID, post_form=form)
    image, problem = _save_photo(form.photo, neighbourhood) if is_update else (None, None)
    if problem:
        notify(problem, "error")
        return _to_detail(neighbourhood, initiative, "#posts")
    try:
        initiatives.post(initiative, current_user, form.body.data, is_update=is_update,
                         photo_id=image.id if image else None)
    except initiatives.InitiativeError as error:
        notify(error.message, "error")
    else:
        notify(_("Je update staat erop.") if is_update else _("Je reactie staat erop."))
    return _to_detail(neighbourhood, initiative, "#posts")


@bp.route("/<int:initiative_id>/needs/<int:need_id>/met", methods=["POST"])
@login_required
@initiative_view("run_initiative")
def need_met(neighbourhood, initiative, need_id: int):
    need = initiatives.set_need_met(initiative, need_id, request.form.get("met") == "1")
    notify(_("Gemarkeerd als geregeld.") if need.is_met else _("Weer open gezet."))
    return _to_detail(neighbourhood, initiative, "#needs")


@bp.route("/<int:initiative_id>/finish", methods=["POST"])
@login_required
@initiative_view("run_initiative")
def finish(neighbourhood, initiative):
    action = "stop" if request.form.get("action") == "stop" else "finish"
    try:
        initiatives.transition(initiative, action, current_user, request.form.get("reason", ""))
    except initiatives.InitiativeError as error:
        if error.field_name == "reason":
            return _detail_page(neighbourhood, initiative, INVALID,
                                finish_form=_field_error(FinishForm(), error))
        notify(error.message, "error")
    else:
        notify(_("Gefeliciteerd! Het initiatief is gelukt.") if action == "finish" else _("Het initiatief is gestopt."))
    return _to_detail(neighbourhood, initiative)


# --- the buurtregisseur -----------------------------------------------------------------------

@bp.route("/review")
@login_required
@neighbourhood_view("moderate")
def review(neighbourhood):
    form = SummaryPreferenceForm(formdata=None, daily=mailing.wants_daily_summary(current_user.id, neighbourhood.id))
    return render_template("initiatives/review.html", neighbourhood=neighbourhood, waiting=initiative_lists.queue(neighbourhood.id),
                           preference_form=form)


@bp.route("/review/preference", methods=["POST"])
@login_required
@neighbourhood_view("moderate")
def review_preference(neighbourhood):
    form = SummaryPreferenceForm()
    if form.validate_on_submit():
        mailing.set_daily_summary(current_user.id, neighbourhood.id, bool(form.daily.data))
        notify(_("Opgeslagen."))
    return redirect(url_for("initiatives.review", slug=neighbourhood.slug), code=303)


@bp.route("/<int:initiative_id>/moderate", methods=["POST"])
@login_required
@initiative_view()
def moderate(neighbourhood, initiative):
    require(current_user, "moderate", neighbourhood)
    action = request.form.get("action", "")
    if action not in ("publish", "request_changes", "decline"):
        notify(_("Kies wat je wilt doen."), "error")
        return _to_detail(neighbourhood, initiative)
    form = ReasonForm()
    try:
        initiatives.transition(initiative, action, current_user,
                               form.reason.data or initiatives.reason_template(form.template.data, action))
    except initiatives.InitiativeError as error:
        if error.field_name == "reason":  # the form's action ends in #moderate: the page opens at the message
            return _detail_page(neighbourhood, initiative, INVALID, reason_form=_field_error(form, error))
        notify(error.message, "error")
        return _to_detail(neighbourhood, initiative, "#moderate")
    notify({"publish": _("Gepubliceerd. De buurt kan nu meedoen."),
            "request_changes": _("De initiatiefnemer krijgt je vraag om aanpassing."),
            "decline": _("Afgewezen. De initiatiefnemer ziet waarom.")}[action])
    return redirect(url_for("initiatives.review", slug=neighbourhood.slug), code=303)


# --- reporting -------------------------------------------------------------------------------------

@bp.route("/report/<any(initiative, post):target_type>/<int:target_id>", methods=["GET", "POST"])
@login_required
@neighbourhood_view()
def report(neighbourhood, target_type: str, target_id: int):
    from community.moderation import services as moderation

    target, item = _reportable(neighbourhood, target_type, target_id)
    form = ReportForm()
    if form.validate_on_submit():
        try:
            moderation.report(target_type, target_id, current_user.id, form.reason.data)
        except moderation.ModerationError as error:
            form.reason.errors.append(error.message)
        else:
            notify(_("Dank je wel. De buurtregisseur kijkt ernaar."))
            return redirect(target.url(item, neighbourhood.slug), code=303)
    return form_page("initiatives/report.html", form, neighbourhood=neighbourhood, target_type=target_type,
                           target_id=target_id, description=target.describe(item))


def _reportable(neighbourhood, target_type: str, target_id: int):
    """The target and the item, if the person may report it: 404 for what they may not see
    (its existence stays unknown), 403 for what they see but may not report."""
    from community.moderation import services as moderation

    target = moderation.TARGETS[target_type]
    item = moderation.target_or_none(target_type, target_id)
    if item is None or target.neighbourhood_of(item) != neighbourhood.id or not can(current_user, target.view_action, item):
        raise NotFound()
    require(current_user, target.report_action, item)
    return target, item
