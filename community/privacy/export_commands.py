"""`flask exports prune`: delete the files of exports older than a week (meant for cron, daily)."""
from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.group("exports")
def export_commands() -> None:
    """Downloads of one's own data, meant for cron."""


@export_commands.command("prune")
@with_appcontext
def prune_exports() -> None:
    """Delete exports whose week is over (running it twice deletes nothing twice)."""
    from community.privacy.export_service import remove_expired_exports

    click.echo(f"Removed {remove_expired_exports()} expired exports.")
