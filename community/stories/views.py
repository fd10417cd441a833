"""Stories: the list everyone reads, writing one, one story, and the buurtregisseur's queue."""
from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from community.agenda.models import Activity
from community.extensions import db
from community.images.forms import save_with_photo
from community.initiatives.models import Initiative, State
from community.neighbourhoods.forms import ConfirmForm
from community.neighbourhoods.pages import neighbourhood_view
from community.permissions import can, require
from community.stories import bp
from community.stories import services as stories
from community.stories.forms import DeclineForm, StoryForm
from community.web import form_page, isolate, notify, see_other

CHOICES_MOST = 100


@bp.route("/")
@neighbourhood_view("view_numbers")
def index(neighbourhood):
    mine = stories.stories_by(neighbourhood.id, current_user.id) if current_user.is_authenticated else []
    return render_template("stories/index.html", neighbourhood=neighbourhood,
                           stories=stories.published_stories(neighbourhood.id), mine=mine,
                           may_write=can(current_user, "write_story", neighbourhood),
                           may_review=can(current_user, "review_stories", neighbourhood))


def _subject_choices(form: StoryForm, neighbourhood) -> None:
    initiatives = db.session.execute(
        select(Initiative.id, Initiative.title).where(
            Initiative.neighbourhood_id == neighbourhood.id, Initiative.is_hidden.is_(False),
            Initiative.state.in_((State.PUBLISHED.value, State.DONE.value)))
        .order_by(Initiative.published_at.desc()).limit(CHOICES_MOST)).all()
    activities = db.session.execute(
        select(Activity.id, Activity.title).where(Activity.neighbourhood_id == neighbourhood.id)
        .order_by(Activity.title).limit(CHOICES_MOST)).all()
    form.initiative.choices = [(None, "–"), *((row.id, row.title) for row in initiatives)]
    form.activity.choices = [(None, "–"), *((row.id, row.title) for row in activities)]


def _known(choice_id, choices) -> int | None:
    return choice_id if choice_id in {value for value, _label in choices if value is not None} else None


@bp.route("/new", methods=["GET", "POST"])
@login_required
@neighbourhood_view("write_story")
def write(neighbourhood):
    form = StoryForm()
    _subject_choices(form, neighbourhood)
    if form.validate_on_submit():
        draft = stories.Draft(
            title=form.title.data, body=form.body.data, subject=form.subject.data,
            initiative_id=_known(form.initiative.data, form.initiative.choices),
            activity_id=_known(form.activity.data, form.activity.choices),
            may_show_publicly=form.may_show_publicly.data, may_show_name=form.may_show_name.data,
            photo_description=form.photo_description.data or "")
        saved = save_with_photo(form, lambda photo: stories.write_story(neighbourhood.id, current_user.id, draft, photo),
                                stories.StoryError, owner_id=current_user.id, neighbourhood_id=neighbourhood.id)
        if saved is not None:
            notify(_("Dank je wel voor je verhaal. De buurtregisseur leest het en zet het online."))
            return see_other("stories.index", slug=neighbourhood.slug)
    return form_page("stories/write.html", form, neighbourhood=neighbourhood)


def _story(neighbourhood, story_id: int, action: str):
    story = stories.story_in(neighbourhood.id, story_id)
    require(current_user, action, story)
    return story


@bp.route("/<int:story_id>")
@neighbourhood_view()
def story(neighbourhood, story_id: int):
    found = _story(neighbourhood, story_id, "view_story")
    return render_template("stories/story.html", neighbourhood=neighbourhood, story=found,
                           may_review=can(current_user, "review_story", found),
                           may_withdraw=can(current_user, "withdraw_story", found),
                           confirm_form=ConfirmForm(), decline_form=DeclineForm(formdata=None))


@bp.route("/review")
@login_required
@neighbourhood_view("review_stories")
def review(neighbourhood):
    return render_template("stories/review.html", neighbourhood=neighbourhood,
                           waiting=stories.waiting_stories(neighbourhood.id), confirm_form=ConfirmForm())


@bp.route("/<int:story_id>/publish", methods=["POST"])
@login_required
@neighbourhood_view()
def publish(neighbourhood, story_id: int):
    found = _story(neighbourhood, story_id, "review_story")
    if ConfirmForm().validate_on_submit():
        try:
            stories.publish(found, by_id=current_user.id)
        except stories.StoryError as error:
            notify(error.message, "error")
        else:
            notify(_("%(title)s staat online.", title=isolate(found.title)))
    return see_other("stories.review", slug=neighbourhood.slug)


@bp.route("/<int:story_id>/decline", methods=["POST"])
@login_required
@neighbourhood_view()
def decline(neighbourhood, story_id: int):
    found = _story(neighbourhood, story_id, "review_story")
    form = DeclineForm()
    if form.validate_on_submit():
        try:
            stories.decline(found, form.reason.data, by_id=current_user.id)
        except stories.StoryError as error:
            form.reason.errors.append(error.message)
        else:
            notify(_("Het verhaal staat niet online. De schrijver ziet je reden."))
            return see_other("stories.review", slug=neighbourhood.slug)
    return form_page("stories/story.html", form, neighbourhood=neighbourhood, story=found, may_review=True,
                     may_withdraw=can(current_user, "withdraw_story", found), confirm_form=ConfirmForm(),
                     decline_form=form)


@bp.route("/<int:story_id>/withdraw", methods=["POST"])
@login_required
@neighbourhood_view()
def withdraw(neighbourhood, story_id: int):
    found = _story(neighbourhood, story_id, "withdraw_story")
    if ConfirmForm().validate_on_submit():
        stories.withdraw(found, by_id=current_user.id)
        notify(_("Je verhaal is weggehaald."))
    return see_other("stories.index", slug=neighbourhood.slug)


@bp.context_processor
def _story_words() -> dict:
    from community.recurrence import local_today
    from community.stories.models import STATE_LABELS, SUBJECT_LABELS, StoryState, Subject

    return {"story_state_label": lambda state: str(STATE_LABELS.get(StoryState(state), state)),
            "story_subject_label": lambda subject: str(SUBJECT_LABELS.get(Subject(subject), subject)),
            "this_year": lambda: local_today().year}


@bp.route("/how-was-it/<int:occurrence_id>", methods=["POST"])
@login_required
@neighbourhood_view()
def how_was_it(neighbourhood, occurrence_id: int):
    """One tap after an activity: three faces; the answer counts only in a monthly average."""
    from community.agenda.models import Occurrence
    from community.stories import wellbeing

    occurrence = db.session.get(Occurrence, occurrence_id)
    if occurrence is None or occurrence.neighbourhood_id != neighbourhood.id:
        from community.errors import NotFound

        raise NotFound()
    require(current_user, "answer_wellbeing", occurrence)
    if ConfirmForm().validate_on_submit():
        try:
            wellbeing.answer(occurrence, current_user.id, request.form.get("score", type=int) or 0)
        except wellbeing.WellbeingError as error:
            notify(error.message, "error")
        else:
            notify(_("Dank je wel!"))
    return see_other("neighbourhoods.home", slug=neighbourhood.slug)
