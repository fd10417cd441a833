"""`flask backup` and `flask restore`: for cron and for the day something went wrong."""
from __future__ import annotations

import os
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext


def _upload_folder() -> Path:
    from community.images.services import upload_folder

    return upload_folder()


def _backups_root(to: str | None) -> Path:
    return Path(to or os.environ.get("BACKUP_FOLDER") or Path(current_app.instance_path) / "backups")


@click.command("backup")
@click.option("--to", "to", help="Folder that holds the dated backup folders (default: BACKUP_FOLDER, "
                                 "else <instance>/backups).")
@click.option("--keep-days", type=click.IntRange(min=1), default=None,
              help="Afterwards remove dated backups older than this many days.")
@with_appcontext
def backup_command(to: str | None, keep_days: int | None) -> None:
    """Copy the database and the uploads into a new dated folder, while the app runs; daily from cron."""
    from community.privacy.backup import make_backup, prune_backups

    root = _backups_root(to)
    folder = make_backup(current_app.config["SQLALCHEMY_DATABASE_URI"], _upload_folder(), root)
    click.echo(f"Backup written to {folder}")
    if keep_days:
        for old in prune_backups(root, keep_days):
            click.echo(f"Removed old backup {old}")


@click.command("restore")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@with_appcontext
def restore_command(folder: Path) -> None:
    """Restore a backup folder into the configured database, which must be empty."""
    from community.privacy.backup import BackupError, restore_backup

    try:
        restored = restore_backup(folder, current_app.config["SQLALCHEMY_DATABASE_URI"], _upload_folder())
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored {sum(restored['rows'].values())} rows in {len(restored['rows'])} tables.")
