"""`flask privacy erase-due`: for cron, daily (any number of hosts at once)."""
from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.group("privacy")
def privacy_commands() -> None:
    """Privacy upkeep, meant for cron."""


@privacy_commands.command("erase-due")
@with_appcontext
def erase_due_command() -> None:
    """Erase the accounts whose 14 days of grace have passed; run daily."""
    from community.cli import with_site_context
    from community.privacy.deletion import erase_due

    click.echo(f"Erased {with_site_context(erase_due)()} accounts.")
