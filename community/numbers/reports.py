"""The annual report's own parts: the coordinators' words and the stories they picked, per year."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from community.errors import DomainError, within_length
from community.extensions import db
from community.recurrence import local_today
from community.stories import services as stories
from community.stories.models import REPORT_TEXT_MAX, STORIES_IN_REPORT_MAX, AnnualReport, ReportStory

YEARS_BACK = 5  # reports go back this many years


class ReportError(DomainError):
    pass


def year_asked(year: int) -> int:
    this_year = local_today().year
    return year if this_year - YEARS_BACK <= year <= this_year else this_year


@dataclass
class ReportParts:
    text: str = ""
    story_ids: list[int] = field(default_factory=list)


def _report_row(neighbourhood_id: int, year: int) -> AnnualReport | None:
    return db.session.scalar(select(AnnualReport).where(AnnualReport.neighbourhood_id == neighbourhood_id,
                                                        AnnualReport.year == year))


def report_for(neighbourhood_id: int, year: int) -> ReportParts:
    """What the coordinators wrote and picked; only stories that are still public stay picked."""
    row = _report_row(neighbourhood_id, year)
    if row is None:
        return ReportParts()
    ids = list(db.session.scalars(select(ReportStory.story_id).where(ReportStory.report_id == row.id)
                                  .order_by(ReportStory.story_id)))
    public = {story.id for story in stories_to_pick(neighbourhood_id, year)}
    return ReportParts(row.text, [story_id for story_id in ids if story_id in public])


def stories_to_pick(neighbourhood_id: int, year: int):
    return stories.published_stories(neighbourhood_id, year=year)


def save_report(neighbourhood_id: int, year: int, text: str, story_ids: list[int], *, by_id: int) -> None:
    text = within_length(text, REPORT_TEXT_MAX, ReportError, "text")
    allowed = {story.id for story in stories_to_pick(neighbourhood_id, year)}
    chosen = sorted({story_id for story_id in story_ids or [] if story_id in allowed})
    if len(chosen) > STORIES_IN_REPORT_MAX:
        raise ReportError(_l("Kies hoogstens %(max)d verhalen.", max=STORIES_IN_REPORT_MAX), "stories")
    row = _report_row(neighbourhood_id, year)
    if row is None:
        row = AnnualReport(neighbourhood_id=neighbourhood_id, year=year)
        db.session.add(row)
    row.text, row.updated_by_id = text, by_id
    db.session.flush()
    db.session.execute(delete(ReportStory).where(ReportStory.report_id == row.id))
    db.session.add_all([ReportStory(report_id=row.id, story_id=story_id) for story_id in chosen])
    db.session.commit()
