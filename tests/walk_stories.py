"""The route walk's tellen en vertellen: a year's report per neighbourhood, the city view, a published
story and one that waits (its text a marker for who may read it: the writer and the coordinators)."""
from __future__ import annotations

from tests.walk_world import COORDINATORS, EVERYONE


def add_stories(built, label: str, neighbourhood, author, walker_author: set) -> None:
    from community.recurrence import local_today
    from community.stories import services as stories

    year = local_today().year
    built.thing(f"annual report {label}", label, "year", {"slug": neighbourhood.slug, "year": year},
                endpoints={"numbers.annual_report", "numbers.figures_csv"})
    published = stories.write_story(neighbourhood.id, author.id, stories.Draft(
        title=f"Buurtlunch {label}", body="Veertig buren aten samen.", may_show_publicly=True))
    stories.publish(published, by_id=None)
    waiting = stories.write_story(neighbourhood.id, author.id, stories.Draft(
        title=f"Wacht {label}", body=built.marker("a story that waits", label, frozenset(walker_author) | COORDINATORS),
        may_show_publicly=True))
    writers = frozenset(walker_author)
    built.thing(f"published story {label}", label, "story_id", {"slug": neighbourhood.slug, "story_id": published.id},
                viewers=EVERYONE, writers=writers)
    built.thing(f"waiting story {label}", label, "story_id", {"slug": neighbourhood.slug, "story_id": waiting.id},
                viewers=writers | COORDINATORS, writers=writers)


def add_city(built) -> None:
    from community.recurrence import local_today

    built.thing("the city's year", None, "year", {"year": local_today().year}, endpoints={"city.city"})
