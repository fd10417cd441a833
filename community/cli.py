"""flask commands: demo data, translations, benchmark."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import functools

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT_FILE = TRANSLATIONS / "messages.pot"


def with_site_context(command):
    """Commands render email: give them a request context on BASE_URL, and (on SQLite) take the
    write lock with each transaction, as requests that write do."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from community.db import write_intent

        with current_app.test_request_context(base_url=current_app.config["BASE_URL"]), write_intent():
            return command(*args, **kwargs)

    return wrapper


def register(app: Flask) -> None:
    from community.pictograms import pictogram_commands
    from community.search.indexing import search_commands

    app.cli.add_command(demo_data)
    app.cli.add_command(translate)
    app.cli.add_command(bench)
    app.cli.add_command(agenda_commands)
    app.cli.add_command(initiative_commands)
    app.cli.add_command(volunteering_commands)
    app.cli.add_command(reminder_commands)
    app.cli.add_command(mail_commands)
    app.cli.add_command(account_commands)
    app.cli.add_command(pictogram_commands)
    app.cli.add_command(search_commands)
    # Privacy: backups and erasures
    from community.privacy.backup_cli import backup_command, restore_command
    from community.privacy.deletion_cli import privacy_commands

    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(privacy_commands)


@click.command("demo-data")
@with_appcontext
@with_site_context
def demo_data() -> None:
    """Build the demo neighbourhoods (safe to run again: nothing is added twice)."""
    from community.demo import DEMO_PASSWORD, build_demo_data

    summary = build_demo_data()
    click.echo(summary)
    click.echo(f"Demo accounts use the password: {DEMO_PASSWORD}")


@click.group()
def translate() -> None:
    """Extract, update and compile the translation catalogues (wraps pybabel)."""


# pybabel skips folders starting with "_" unless told otherwise: templates/_macros holds strings too.
EXTRACT_ARGS = ("extract", "-F", "babel.cfg", "-k", "_l", "--ignore-dirs", ".* __pycache__")


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


@translate.command()
def extract() -> None:
    """Collect the translatable strings into messages.pot."""
    _pybabel(*EXTRACT_ARGS, "--no-location", "--sort-output", "--project", "Buurtkracht", "-o", str(POT_FILE), ".")


@translate.command()
def update() -> None:
    """Extract, then merge new strings into every catalogue."""
    extract.callback()
    _pybabel("update", "-i", str(POT_FILE), "-d", str(TRANSLATIONS), "--no-fuzzy-matching", "--ignore-obsolete")


@translate.command()
@click.argument("lang")
def init(lang: str) -> None:
    """Start a catalogue for a new language."""
    extract.callback()
    _pybabel("init", "-i", str(POT_FILE), "-d", str(TRANSLATIONS), "-l", lang)


@translate.command("compile")
def compile_catalogues() -> None:
    """Compile the .po catalogues into the .mo files the app reads."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


@click.group(invoke_without_command=True)
@click.option("--repeat", default=50, show_default=True, help="requests per page for the median")
@click.option("--images", is_flag=True, help="only the images: peak memory and time of one upload, per photo")
@click.option("--only", default="", help="only the pages whose URL contains this text (and no matching benchmark)")
@click.option("--profile", is_flag=True, help="run each page under cProfile and print where its time goes")
@click.pass_context
@with_appcontext
def bench(context, repeat: int, images: bool, only: str, profile: bool) -> None:
    """Print page weight, server time and SQL queries for the main pages (demo data, production
    settings), and matching at scale. `flask bench city` builds a city and times its pages."""
    if context.invoked_subcommand:
        return
    from community.bench import run_matching_benchmark, run_page_benchmark
    from community.bench_images import run_image_benchmark

    if images:
        run_image_benchmark(echo=click.echo)
        return
    run_page_benchmark(repeat=repeat, echo=click.echo, only=only, profile=profile)
    if not only and not profile:
        run_matching_benchmark(repeat=min(repeat, 30), echo=click.echo)


@bench.command("city")
@click.option("--database-url", default="", help="a PostgreSQL database to fill (emptied first); default: temporary SQLite")
@click.option("--neighbourhoods", default=8, show_default=True)
@click.option("--residents", default=2_000, show_default=True)
@click.option("--sign-ups", default=20_000, show_default=True)
@click.option("--initiatives", default=400, show_default=True)
@click.option("--talents", default=1_000, show_default=True)
@click.option("--repeat", default=30, show_default=True, help="requests per page")
def bench_city(database_url: str, repeat: int, **sizes) -> None:
    """Build a city with bulk inserts and time the main pages (median, p99, queries)."""
    from community.bench_city import run_city_benchmark

    run_city_benchmark(database_url=database_url, repeat=repeat, echo=click.echo, **sizes)


@click.group("agenda")
def agenda_commands() -> None:
    """Agenda upkeep, meant for cron."""


@agenda_commands.command("extend")
@with_appcontext
@with_site_context
def extend_agenda() -> None:
    """Keep a year of dates ready for every recurring activity (run daily)."""
    from community.agenda.services import extend_all_series

    click.echo(f"{extend_all_series()} new dates.")


@click.group("initiatives")
def initiative_commands() -> None:
    """Initiative email, meant for cron."""


@initiative_commands.command("send-daily")
@with_appcontext
@with_site_context
def send_daily() -> None:
    """Tell supporters of new updates and send coordinators their daily summary (run once a day)."""
    from community.initiatives.mailing import send_daily_mail

    supporters, coordinators = send_daily_mail()
    click.echo(f"Told {supporters} supporters and {coordinators} coordinators.")


@click.group("volunteering")
def volunteering_commands() -> None:
    """Volunteering upkeep, meant for cron."""


@volunteering_commands.command("extend")
@with_appcontext
@with_site_context
def extend_volunteering() -> None:
    """Keep eight weeks of dates ready for every recurring shift (run daily)."""
    from community.volunteering.services import extend_all_tasks

    click.echo(f"{extend_all_tasks()} new dates.")


@click.group("reminders")
def reminder_commands() -> None:
    """Reminder email, meant for cron."""


@reminder_commands.command("send")
@with_appcontext
@with_site_context
def send_reminders() -> None:
    """Remind volunteers of tomorrow's tasks and shifts (run daily; running it twice sends nothing twice)."""
    from community.bookings.services import send_reminders as send

    click.echo(f"Sent {send()} reminders.")


@click.group("mail")
def mail_commands() -> None:
    """The outbox, meant for cron."""


@mail_commands.command("send")
@with_appcontext
def send_mail() -> None:
    """Send email that is still waiting (SMTP was away, a server stopped); run every few minutes."""
    from community.mail.services import send_due

    click.echo(f"Sent {send_due(current_app._get_current_object())} waiting emails.")


@click.group("accounts")
def account_commands() -> None:
    """Account upkeep, meant for cron."""


@account_commands.command("prune-sessions")
@with_appcontext
@with_site_context
def prune_sessions() -> None:
    """Delete logins that have ended (unused for 30 days, or begun 90 days ago); run daily."""
    from community.accounts.login_sessions import prune_login_sessions

    click.echo(f"Removed {prune_login_sessions()} ended logins.")
