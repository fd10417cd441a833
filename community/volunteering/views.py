from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.accounts.models import User
from community.extensions import db
from community.images.forms import save_with_photo
from community.images.changes import PhotoChange
from community.initiatives.models import Initiative, Need, NeedKind
from community.neighbourhoods.pages import neighbourhood_view
from community.neighbourhoods import services as neighbourhoods
from community.neighbourhoods.forms import ConfirmForm
from community.pagecache import cached_page
from community.permissions import can, require
from community.talents.services import profile_of
from community.volunteering import bp
from community.volunteering import services as volunteering
from community.volunteering.forms import (CloseForm, NewTaskForm, ReasonForm, RequestAboutForm, RequestForm,
                                          TaskAboutForm)
from community.bookings.places import waitlist_positions
from community.volunteering import counts as volunteering_counts
from community.volunteering import matchmaking
from community.volunteering.models import Origin, Shift, Status, Task
from community.versions import TALENTS, VOLUNTEERING
from community.web import INVALID, announce, answer_in_place, bounded_id, form_page, isolate, notify, see_other


def _task(neighbourhood, task_id: int, action: str | None = None):
    """The neighbourhood and one of its tasks (404 if it is another's), checked for `action`."""
    task = neighbourhoods.in_neighbourhood(Task, task_id, neighbourhood)
    if action:
        require(current_user, action, task)
    return task


def _shift(neighbourhood, shift_id: int, action: str | None = None):
    shift = neighbourhoods.in_neighbourhood(Shift, shift_id, neighbourhood)
    if action:
        require(current_user, action, shift.task)
    return shift


def _page_number() -> int:
    page = request.args.get("page", type=int) or 1
    return min(max(page, 1), 1000)


# --- reading --------------------------------------------------------------------------------

@bp.route("/")
@cached_page(VOLUNTEERING, TALENTS)  # ranked by the visitor's own talent profile
@neighbourhood_view()
def index(neighbourhood):
    page = _page_number()
    user_id = getattr(current_user, "id", None)
    found, total, ranked_by_profile = matchmaking.tasks_for(neighbourhood.id, user_id, page)
    mine = volunteering.my_sign_ups_for(user_id, [match.shift.id for match in found])
    context = dict(neighbourhood=neighbourhood, matches=found, mine=mine, page=page, total=total,
                   has_more=page * matchmaking.PAGE_SIZE < total, ranked_by_profile=ranked_by_profile)
    if request.htmx:
        return render_template("volunteering/_task_list.html", **context)
    return render_template("volunteering/index.html", **context,
                           may_post=can(current_user, "post_task", neighbourhood),
                           may_ask=can(current_user, "ask_for_help", neighbourhood),
                           may_keep_profile=can(current_user, "keep_talent_profile", neighbourhood))


@bp.route("/<int:task_id>")
@neighbourhood_view()
def task(neighbourhood, task_id: int):
    item = _task(neighbourhood, task_id)
    return _task_page(neighbourhood, item, CloseForm(formdata=None))


def _task_page(neighbourhood, item, close_form) -> str:
    may_run = can(current_user, "run_task", item)
    return render_template("volunteering/task.html", neighbourhood=neighbourhood, task=item, **_task_state(item),
                           may_run=may_run,
                           helpers=volunteering.accepted_helpers([item.id]).get(item.id, [])
                           if item.is_request and may_run else [],
                           may_invite=can(current_user, "invite_volunteers", item),
                           may_see_place=can(current_user, "view_task_place", item),
                           initiative=_initiative_of(item), close_form=close_form,
                           offers=volunteering.offers_waiting([item.id]).get(item.id, 0) if item.is_request else 0)


def _task_state(item) -> dict:
    user_id = getattr(current_user, "id", None)
    shifts = volunteering.coming_shifts(item)
    mine = volunteering.my_sign_ups_for(user_id, [shift.id for shift in shifts])
    return {"shifts": shifts, "mine": mine, "standing": volunteering.is_standing(item.id, user_id),
            "positions": waitlist_positions(mine.values()),
            "may_volunteer": can(current_user, "volunteer", item)}


def _initiative_of(item):
    if item.initiative_id is None:
        return None
    initiative = db.session.get(Initiative, item.initiative_id)
    return initiative if initiative is not None and can(current_user, "view_initiative", initiative) else None


@bp.route("/mine")
@neighbourhood_view()
@login_required
def mine(neighbourhood):
    return render_template("volunteering/mine.html", neighbourhood=neighbourhood,
                           mine=volunteering.my_volunteering(current_user.id, neighbourhood.id),
                           has_profile=profile_of(current_user.id, neighbourhood.id) is not None)


@bp.route("/counts")
@neighbourhood_view()
def counts(neighbourhood):
    return render_template("volunteering/counts.html", neighbourhood=neighbourhood,
                           counts=volunteering_counts.counts(neighbourhood.id))


# --- signing up -----------------------------------------------------------------------------

def _shift_widget(neighbourhood, shift: Shift, message: str):
    """After an action: the date's widget (htmx) or the task page (no JavaScript)."""
    db.session.expire_all()
    shift = db.session.get(Shift, shift.id)
    sign_up = volunteering.my_sign_ups_for(current_user.id, [shift.id]).get(shift.id)
    return answer_in_place(
        "volunteering/_shift.html", message,
        url_for("volunteering.task", slug=neighbourhood.slug, task_id=shift.task_id) + f"#shift-{shift.id}",
        neighbourhood=neighbourhood, task=shift.task, shift=shift, sign_up=sign_up,
        position=volunteering.waitlist_position(sign_up) if sign_up else None,
        may_volunteer=can(current_user, "volunteer", shift.task))


@bp.route("/shift/<int:shift_id>/signup", methods=["POST"])
@neighbourhood_view()
@login_required
def sign_up(neighbourhood, shift_id: int):
    shift = _shift(neighbourhood, shift_id, "volunteer")
    try:
        result = volunteering.volunteer_for_shift(shift.id, current_user.id)
    except volunteering.VolunteeringError as error:
        return _shift_widget(neighbourhood, shift, error.message)
    messages = {
        Status.CONFIRMED.value: _("Dank je wel! Je helpt mee met %(title)s.", title=isolate(shift.task.title)),
        Status.WAITLISTED.value: _("Er zijn al genoeg mensen. Je staat op de wachtlijst voor %(title)s.",
                                   title=isolate(shift.task.title)),
        Status.OFFERED.value: _("Je aanbod is verstuurd. Je hoort het als de buur ja zegt."),
    }
    return _shift_widget(neighbourhood, shift, messages[result.status])


@bp.route("/shift/<int:shift_id>/cancel-signup", methods=["POST"])
@neighbourhood_view()
@login_required
def withdraw(neighbourhood, shift_id: int):
    shift = _shift(neighbourhood, shift_id)
    volunteering.withdraw(shift.id, current_user.id)
    return _shift_widget(neighbourhood, shift, _("Je bent afgemeld voor %(title)s.", title=isolate(shift.task.title)))


@bp.route("/<int:task_id>/every-time", methods=["POST"])
@neighbourhood_view()
@login_required
def every_time(neighbourhood, task_id: int):
    item = _task(neighbourhood, task_id, "volunteer")
    if request.form.get("join") != "1":
        volunteering.leave_every_time(item, current_user.id)
        notify(_("Je bent afgemeld voor alle komende keren van %(title)s.", title=isolate(item.title)))
    else:
        try:
            count = volunteering.join_every_time(item, current_user.id)
        except volunteering.VolunteeringError as error:
            notify(error.message, "info")
        else:
            notify(_("Je doet elke keer mee met %(title)s (%(count)d datums).", title=isolate(item.title), count=count))
    return see_other("volunteering.task", slug=neighbourhood.slug, task_id=item.id)


# --- posting and running a task ---------------------------------------------------------------

def _about(form, photo) -> dict:
    """What the task is about, from any of its forms (new, request, edit)."""
    return dict(title=form.title.data, description=form.description.data or "", skills=list(form.skills.data or []),
                people_needed=form.people_needed.data, place=form.place.data or "",
                private_place=(form.private_place.data or "") if "private_place" in form else "",
                photo=form.photo_change(photo) if "photo" in form else PhotoChange())


def _details_from(form, photo=None) -> volunteering.TaskDetails:
    return volunteering.TaskDetails(
        **_about(form, photo), first_date=form.first_date.data, start_time=form.start_time.data,
        duration_minutes=form.duration_minutes.data, pattern=form.pattern.data if "pattern" in form else "once",
        until_date=form.until_date.data if "until_date" in form else None)


def _need_for_task(neighbourhood):
    """The initiative need a new task answers (?need=…), checked: a 'hands' need of a
    published initiative in this neighbourhood that the person runs."""
    need_id = bounded_id(request.values.get("need"))
    if not need_id:
        return None
    need = db.session.get(Need, need_id)
    if need is None or need.kind != NeedKind.HANDS.value or need.initiative.neighbourhood_id != neighbourhood.id:
        abort(404)
    require(current_user, "make_task_from_need", need.initiative)
    return need


@bp.route("/new", methods=["GET", "POST"])
@neighbourhood_view()
@login_required
def new(neighbourhood):
    need = _need_for_task(neighbourhood)
    if need is None:
        require(current_user, "post_task", neighbourhood)
    prefill = {"title": need.description, "people_needed": need.people or 1} if need and request.method == "GET" else None
    form = NewTaskForm(data=prefill)
    if form.validate_on_submit() and (item := _post_task(neighbourhood, form, need=need)):
        return _to_posted(neighbourhood, item)
    return form_page("volunteering/form.html", form, neighbourhood=neighbourhood, need=need, mode="new")


@bp.route("/ask", methods=["GET", "POST"])
@neighbourhood_view("ask_for_help")
@login_required
def ask(neighbourhood):
    form = RequestForm()
    if form.validate_on_submit() and (item := _post_task(neighbourhood, form, origin=Origin.REQUEST)):
        return _to_posted(neighbourhood, item)
    return form_page("volunteering/form.html", form, neighbourhood=neighbourhood, need=None, mode="ask")


def _post_task(neighbourhood, form, *, origin: Origin = Origin.COORDINATOR, need=None):
    """The task posted, or None with the reason on the form field to blame (the form is shown again)."""
    return _saved(neighbourhood, form, lambda photo: volunteering.post_task(
        neighbourhood, _details_from(form, photo), posted_by=current_user, origin=origin, need=need))


def _saved(neighbourhood, form, save):
    """What `save(photo)` returns, or None with the reason on the form (see save_with_photo). A request
    has no photo."""
    return save_with_photo(form, save, volunteering.VolunteeringError, owner_id=current_user.id,
                           neighbourhood_id=neighbourhood.id)


def _to_posted(neighbourhood, item):
    notify(_("Je vraag staat online. Je krijgt een e-mail als een buur wil helpen.") if item.is_request
           else _("%(title)s staat bij de vrijwilligerstaken.", title=isolate(item.title)))
    return see_other("volunteering.task", slug=neighbourhood.slug, task_id=item.id)


@bp.route("/<int:task_id>/edit", methods=["GET", "POST"])
@neighbourhood_view()
@login_required
def edit(neighbourhood, task_id: int):
    item = _task(neighbourhood, task_id, "run_task")
    form_class = RequestAboutForm if item.is_request else TaskAboutForm
    form = form_class(obj=item, data=None if request.method == "POST" else {"skills": item.skill_codes})
    if form.validate_on_submit() and _saved(neighbourhood, form, lambda photo: volunteering.update_task(
            item, _details_keeping_schedule(form, item, photo))):
        notify(_("%(title)s is opgeslagen.", title=isolate(item.title)))
        return see_other("volunteering.task", slug=neighbourhood.slug, task_id=item.id)
    return form_page("volunteering/form.html", form, neighbourhood=neighbourhood, need=None, mode="edit", task=item)


def _details_keeping_schedule(form, item, photo) -> volunteering.TaskDetails:
    return volunteering.TaskDetails(**_about(form, photo), first_date=item.first_date, start_time=item.start_time,
                                    duration_minutes=item.duration_minutes)


@bp.route("/<int:task_id>/close", methods=["POST"])
@neighbourhood_view()
@login_required
def close(neighbourhood, task_id: int):
    item = _task(neighbourhood, task_id, "run_task")
    form = CloseForm()
    if not form.validate_on_submit():
        return _task_page(neighbourhood, item, form), INVALID
    told = volunteering.close_task(item, form.reason.data or "")
    notify(_("%(title)s is gestopt. %(count)d aangemelde mensen krijgen een e-mail.", title=isolate(item.title),
             count=told))
    return see_other("volunteering.task", slug=neighbourhood.slug, task_id=item.id)


@bp.route("/<int:task_id>/volunteers")
@neighbourhood_view()
@login_required
def volunteers(neighbourhood, task_id: int):
    item = _task(neighbourhood, task_id, "run_task")
    coming, past = volunteering.coming_shifts(item), volunteering.recent_shifts(item)
    return render_template("volunteering/volunteers.html", neighbourhood=neighbourhood, task=item, coming=coming,
                           past=past, people=volunteering.volunteers_by_shift([s.id for s in coming + past]),
                           confirm_form=ConfirmForm(), cancel_form=ReasonForm(formdata=None))


@bp.route("/shift/<int:shift_id>/offers/<int:volunteer_id>", methods=["POST"])
@neighbourhood_view()
@login_required
def answer_offer(neighbourhood, shift_id: int, volunteer_id: int):
    shift = _shift(neighbourhood, shift_id, "run_task")
    accept = request.form.get("accept") == "1"
    try:
        sign_up = volunteering.answer_offer(shift, volunteer_id, accept=accept)
    except volunteering.VolunteeringError as error:
        notify(error.message, "error")
    else:
        notify(_("%(name)s komt helpen en ziet nu waar.", name=isolate(sign_up.user.display_name)) if accept
               else _("%(name)s krijgt een bedankje: het is al geregeld.", name=isolate(sign_up.user.display_name)))
    return see_other("volunteering.volunteers", slug=neighbourhood.slug, task_id=shift.task_id)


@bp.route("/shift/<int:shift_id>/absent/<int:volunteer_id>", methods=["POST"])
@neighbourhood_view()
@login_required
def absent(neighbourhood, shift_id: int, volunteer_id: int):
    shift = _shift(neighbourhood, shift_id, "run_task")
    person = volunteering.set_absent(shift, volunteer_id, request.form.get("was_there") == "0")
    name = isolate(person.user.display_name)
    message = (_("%(name)s was er niet; deze uren tellen niet mee.", name=name) if person.is_absent
               else _("%(name)s was er.", name=name))
    return answer_in_place("volunteering/_absent.html", message,
                           url_for("volunteering.volunteers", slug=neighbourhood.slug, task_id=shift.task_id),
                           neighbourhood=neighbourhood, shift=shift, person=person)


@bp.route("/shift/<int:shift_id>/cancel", methods=["POST"])
@neighbourhood_view()
@login_required
def cancel_shift(neighbourhood, shift_id: int):
    shift = _shift(neighbourhood, shift_id, "run_task")
    form = ReasonForm()
    if not form.validate_on_submit():
        notify(form.reason.errors[0] if form.reason.errors else _("Het formulier is verlopen. Probeer het opnieuw."),
               "error")
        return see_other("volunteering.volunteers", slug=neighbourhood.slug, task_id=shift.task_id)
    try:
        told = volunteering.cancel_shift(shift, form.reason.data)
    except volunteering.VolunteeringError as error:
        notify(error.message, "error")
    else:
        notify(_("Afgelast. %(count)d aangemelde mensen krijgen een e-mail.", count=told))
    return see_other("volunteering.volunteers", slug=neighbourhood.slug, task_id=shift.task_id)


# --- matching the other way: people for a task ------------------------------------------------

@bp.route("/<int:task_id>/suggestions")
@neighbourhood_view()
@login_required
def suggestions(neighbourhood, task_id: int):
    item = _task(neighbourhood, task_id, "invite_volunteers")
    return render_template("volunteering/suggestions.html", neighbourhood=neighbourhood, task=item,
                           suggestions=matchmaking.suggestions(item), invite_form=ConfirmForm())


@bp.route("/<int:task_id>/invite/<int:user_id>", methods=["POST"])
@neighbourhood_view()
@login_required
def invite(neighbourhood, task_id: int, user_id: int):
    item = _task(neighbourhood, task_id, "invite_volunteers")
    if not ConfirmForm().validate_on_submit():
        abort(400)
    matchmaking.invite(item, user_id, by=current_user)
    person = db.session.get(User, user_id)
    message = _("%(name)s is uitgenodigd.", name=isolate(person.display_name))
    if request.htmx:
        return announce(render_template("volunteering/_invited.html", person=person), message)
    notify(message)
    return see_other("volunteering.suggestions", slug=neighbourhood.slug, task_id=item.id)
