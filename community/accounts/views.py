from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from community.accounts import bp, limits, login_sessions
from community.accounts import services as accounts
from community.accounts.forms import ChangePasswordForm, LoginForm, NewPasswordForm, ProfileForm, ResetRequestForm, SignUpForm
from community.i18n import remember_locale
from community.neighbourhoods import services as neighbourhoods
from community.permissions import require
from community.web import bounded_id, form_page, invalid_form, isolate, notify, safe_next_url, see_other


def _neighbourhood_choices() -> list[SelectChoice]:
    return [SelectChoice("", _("Kies je buurt…"))] + [
        SelectChoice(id_, f"{name} ({city})") for id_, name, city in neighbourhoods.names_and_cities()]


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    form = SignUpForm()
    form.neighbourhood_id.choices = _neighbourhood_choices()
    if request.method == "GET":
        form.locale.data = form.locale.data or request.args.get("lang") or _current_locale()
        form.neighbourhood_id.data = bounded_id(request.args.get("buurt"))
    if not form.validate_on_submit():
        return form_page("accounts/signup.html", form)
    try:
        limits.take_mail_try("signup", form.email.data)
    except limits.TooManyTries as refusal:
        return _too_many_tries("accounts/signup.html", form, form.email, refusal)
    data = accounts.SignUp(form.display_name.data, form.email.data, form.password.data, form.neighbourhood_id.data, form.locale.data)
    try:
        accounts.sign_up(data)
    except accounts.UnknownNeighbourhood as error:
        form.neighbourhood_id.errors.append(error.message)
        return invalid_form("accounts/signup.html", form=form)
    except accounts.AccountError as error:
        form.password.errors.append(error.message)
        return invalid_form("accounts/signup.html", form=form)
    return render_template("accounts/check_email.html", email=data.email)


@bp.route("/confirm/<token>")
def confirm(token: str):
    try:
        user = accounts.confirm_email(token)
    except accounts.AccountError as error:
        return render_template("accounts/link_problem.html", message=error.message), 400
    login_sessions.start_login_session(user)
    notify(_("Welkom bij Buurtkracht, %(name)s! Je account is klaar.", name=isolate(user.display_name)))
    return redirect(_home_url(user), code=303)


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if not form.validate_on_submit():
        return form_page("accounts/login.html", form)
    try:
        limits.take_login_try(form.email.data)
    except limits.TooManyTries as refusal:
        return _too_many_tries("accounts/login.html", form, form.email, refusal)
    user = accounts.authenticate(form.email.data, form.password.data)
    if user is None:
        form.password.errors.append(_("Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het nog eens."))
        return invalid_form("accounts/login.html", form=form)
    limits.forgive_login_failures(form.email.data)
    if not user.is_email_confirmed:
        accounts.resend_confirmation(user)
        form.email.errors.append(_("Bevestig eerst je e-mailadres. We hebben je een nieuwe link gestuurd."))
        return invalid_form("accounts/login.html", form=form)
    login_sessions.start_login_session(user)
    notify(_("Je bent ingelogd."))
    return redirect(safe_next_url(request.args.get("next")) or _home_url(user), code=303)


@bp.route("/logout", methods=["POST"])
def logout():
    login_sessions.end_login_session()
    notify(_("Je bent uitgelogd. Tot ziens!"))
    return see_other("site.index")


@bp.route("/reset", methods=["GET", "POST"])
def reset_request():
    form = ResetRequestForm()
    if not form.validate_on_submit():
        return form_page("accounts/reset_request.html", form)
    try:
        limits.take_mail_try("reset", form.email.data)
    except limits.TooManyTries as refusal:
        return _too_many_tries("accounts/reset_request.html", form, form.email, refusal)
    accounts.request_password_reset(form.email.data)
    return render_template("accounts/check_email.html", email=form.email.data, reset=True)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        user = accounts.user_for_reset_token(token)
    except accounts.AccountError as error:
        return render_template("accounts/link_problem.html", message=error.message, reset=True), 400
    form = NewPasswordForm()
    if not form.validate_on_submit():
        return form_page("accounts/reset_password.html", form, token=token)
    try:
        limits.take_address_try("new-password")
    except limits.TooManyTries as refusal:
        return _too_many_tries("accounts/reset_password.html", form, form.password, refusal, token=token)
    try:
        accounts.set_new_password(user, form.password.data)
    except accounts.AccountError as error:
        form.password.errors.append(error.message)
        return invalid_form("accounts/reset_password.html", form=form, token=token)
    login_sessions.start_login_session(user)
    notify(_("Je nieuwe wachtwoord is opgeslagen. Je bent ingelogd."))
    return redirect(_home_url(user), code=303)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    require(current_user, "edit_profile", current_user)
    form = ProfileForm(obj=current_user)
    if not form.validate_on_submit():
        return form_page("accounts/profile.html", form, password_form=ChangePasswordForm(formdata=None))
    accounts.update_profile(current_user, form.display_name.data, form.locale.data)
    remember_locale(form.locale.data)
    notify(_("Je gegevens zijn opgeslagen."))
    return see_other("accounts.profile")


@bp.route("/password", methods=["POST"])
@login_required
def change_password():
    require(current_user, "edit_profile", current_user)
    password_form = ChangePasswordForm()
    if password_form.validate_on_submit():
        try:
            accounts.change_password(current_user, password_form.current_password.data, password_form.new_password.data)
        except accounts.WrongCurrentPassword as error:
            password_form.current_password.errors.append(error.message)
        except accounts.AccountError as error:
            password_form.new_password.errors.append(error.message)
        else:
            login_sessions.start_login_session(current_user._get_current_object())
            notify(_("Je wachtwoord is gewijzigd. Op andere apparaten ben je uitgelogd."))
            return see_other("accounts.profile")
    form = ProfileForm(obj=current_user, formdata=None)
    return invalid_form("accounts/profile.html", form=form, password_form=password_form)


def _too_many_tries(template: str, form, field, refusal: limits.TooManyTries, **context):
    """429 with Retry-After: the form again, as typed, with when to try again at `field`."""
    field.errors = list(field.errors) + [refusal.message]
    body = render_template(template, form=form, **context)
    return body, 429, {"Retry-After": str(refusal.seconds)}


def _current_locale() -> str:
    from flask_babel import get_locale

    return str(get_locale())


def _home_url(user) -> str:
    membership = user.home_membership
    if membership is None:
        return url_for("site.index")
    return url_for("neighbourhoods.home", slug=membership.neighbourhood.slug)
