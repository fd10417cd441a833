from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from community.accounts.models import DISPLAY_NAME_MAX, EMAIL_MAX
from community.accounts.services import MAX_PASSWORD_LENGTH
from community.forms import max_length, optional_int, required, strip, valid_email
from community.i18n import LANGUAGES


# Each language is named in its own script, and marked as such for screen readers.
LANGUAGE_CHOICES = [
    SelectChoice(lang.code, lang.native_name, render_kw={"lang": lang.code}) for lang in LANGUAGES.values()
]


class SignUpForm(FlaskForm):
    display_name = StringField(
        _l("Je naam"), filters=[strip],
        validators=[required(), Length(min=2, max=DISPLAY_NAME_MAX, message=_l("Gebruik 2 tot 60 tekens."))],
        description=_l("Zo zien buren je. Je voornaam is genoeg."),
        render_kw={"autocomplete": "nickname"},
    )
    email = EmailField(
        _l("E-mailadres"), filters=[strip], validators=[required(), valid_email(), max_length(EMAIL_MAX)], render_kw={"autocomplete": "email"}
    )
    password = PasswordField(
        _l("Wachtwoord"),
        validators=[required(), max_length(MAX_PASSWORD_LENGTH)],
        description=_l("Minstens 10 tekens. Een korte zin werkt goed."),
        render_kw={"autocomplete": "new-password"},
    )
    # The service checks the neighbourhood exists; the list starts with an empty "choose" row.
    neighbourhood_id = SelectField(
        _l("Je buurt"), coerce=optional_int, validate_choice=False, validators=[required(_l("Kies je buurt."))]
    )
    locale = SelectField(_l("Taal"), choices=LANGUAGE_CHOICES, validators=[required()])


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mailadres"), filters=[strip], validators=[required(), valid_email(), max_length(EMAIL_MAX)], render_kw={"autocomplete": "email"}
    )
    password = PasswordField(
        _l("Wachtwoord"), validators=[required(), max_length(MAX_PASSWORD_LENGTH)], render_kw={"autocomplete": "current-password"}
    )


class ResetRequestForm(FlaskForm):
    email = EmailField(
        _l("E-mailadres"), filters=[strip], validators=[required(), valid_email(), max_length(EMAIL_MAX)], render_kw={"autocomplete": "email"}
    )


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Nieuw wachtwoord"),
        validators=[required(), max_length(MAX_PASSWORD_LENGTH)],
        description=_l("Minstens 10 tekens. Een korte zin werkt goed."),
        render_kw={"autocomplete": "new-password"},
    )


class ProfileForm(FlaskForm):
    display_name = StringField(
        _l("Je naam"), filters=[strip],
        validators=[required(), Length(min=2, max=DISPLAY_NAME_MAX, message=_l("Gebruik 2 tot 60 tekens."))],
        render_kw={"autocomplete": "nickname"},
    )
    locale = SelectField(_l("Taal"), choices=LANGUAGE_CHOICES, validators=[required()])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Huidig wachtwoord"), validators=[required(), max_length(MAX_PASSWORD_LENGTH)], render_kw={"autocomplete": "current-password"}
    )
    new_password = PasswordField(
        _l("Nieuw wachtwoord"),
        validators=[required(), max_length(MAX_PASSWORD_LENGTH)],
        description=_l("Minstens 10 tekens. Een korte zin werkt goed."),
        render_kw={"autocomplete": "new-password"},
    )
