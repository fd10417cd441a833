from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SearchField, SelectField
from wtforms.fields.choices import SelectChoice

from community.forms import max_length, strip
from community.search.models import Kind
from community.search.text import MAX_QUERY_CHARS

KIND_CHOICES = [SelectChoice("", _l("Alles")), SelectChoice(Kind.ACTIVITY, _l("Activiteiten")),
                SelectChoice(Kind.INITIATIVE, _l("Initiatieven")), SelectChoice(Kind.TASK, _l("Vrijwilligers gezocht")),
                SelectChoice(Kind.TALENT, _l("Wat de buurt kan en heeft"))]


class SearchForm(FlaskForm):
    """The search: a GET form (so no CSRF), which works without JavaScript."""

    class Meta:
        csrf = False

    q = SearchField(_l("Zoeken"), filters=[strip], validators=[max_length(MAX_QUERY_CHARS)])
    kind = SelectField(_l("Soort"), choices=KIND_CHOICES, validate_choice=False)

    def chosen_kinds(self) -> tuple[str, ...] | None:
        """One kind, when a known one was chosen; else every kind (None)."""
        return (self.kind.data,) if self.kind.data in Kind.ALL else None
