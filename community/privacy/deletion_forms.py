from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField
from wtforms.fields.choices import SelectChoice

from community.accounts.services import MAX_PASSWORD_LENGTH
from community.forms import max_length, required

KEEP, REMOVE = "keep", "remove"


def _keep_or_remove(label, keep_label, remove_label) -> RadioField:
    return RadioField(label, choices=[SelectChoice(KEEP, keep_label), SelectChoice(REMOVE, remove_label)], default=KEEP,
                      validators=[required()])


class DeleteAccountForm(FlaskForm):
    initiatives = _keep_or_remove(
        _l("Initiatieven die je voorstelde"),
        _l("Laten staan, zonder mijn naam (\u201cvoormalig buurtbewoner\u201d)"),
        _l("Verwijderen, als niemand anders eraan meedoet"))
    posts = _keep_or_remove(
        _l("Berichten en reacties bij initiatieven"),
        _l("Laten staan, zonder mijn naam (\u201cvoormalig buurtbewoner\u201d)"), _l("Verwijderen"))
    stories = _keep_or_remove(
        _l("Verhalen die je schreef"),
        _l("Laten staan, zonder mijn naam (\u201cvoormalig buurtbewoner\u201d)"), _l("Verwijderen"))
    password = PasswordField(_l("Je wachtwoord, ter bevestiging"),
                             validators=[required(), max_length(MAX_PASSWORD_LENGTH)],
                             render_kw={"autocomplete": "current-password"})
