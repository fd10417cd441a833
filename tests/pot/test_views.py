"""The pot's pages as the street, the gangmakers and the coordinator see them."""
from __future__ import annotations

import re

from markupsafe import escape

import pytest
from sqlalchemy import func, select

from community.extensions import db
from community.pot import reports
from community.recurrence import local_today
from community.pot.models import PotNomination, PotPayout, PotTransaction
from tests.pot.conftest import give, key, pay

S = "/de-ruwaard/pot"


@pytest.fixture
def ruwaard(street):
    street.neighbourhood.slug = "de-ruwaard"
    db.session.commit()
    return street


def _page(pot) -> str:
    return f"{S}/{pot.id}/"


def test_the_public_page_shows_money_by_month_and_kind_never_who(client, ruwaard):
    give(ruwaard.pot, ruwaard.henk, 5000, name="Fam. Jansen", show=True)
    give(ruwaard.pot, ruwaard.henk, 500, name="Piet Geheim", show=False)
    pay(ruwaard.pot, ruwaard.henk, 1395, recipient="Ayşe op nr. 12")
    response = client.get(_page(ruwaard.pot))
    assert response.status_code == 200
    html = response.text.replace("\xa0", " ")
    assert "€ 41,05" in html  # 55,00 - 13,95
    assert "1 × Welkom (€ 13,95)" in html
    assert "Fam. Jansen" in html and "Piet Geheim" not in html and "1 buur" in html
    assert "Ayşe" not in html and "bloemen" not in html.lower().replace("bloemetje", "")
    assert "NL91 ABNA 0417 1643 00" in html and 'role="img"' in html and "<table" in html


def test_the_epc_code_carries_the_transfer(client, ruwaard):
    response = client.get(f"{S}/{ruwaard.pot.id}/epc.svg?amount=7,50")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml" and "<svg" in response.text
    assert client.get(f"{S}/{ruwaard.pot.id}/epc.svg?amount=abc").status_code == 200  # falls back to the suggestion


@pytest.mark.parametrize("who, status", [("anonymous", 302), ("neighbour", 403), ("stranger", 403), ("henk", 200),
                                         ("coordinator", 200)])
def test_the_books_are_for_gangmakers_and_coordinators(client, login_as, ruwaard, who, status):
    pay_id = None
    give(ruwaard.pot, ruwaard.henk, 5000)
    pay_id = pay(ruwaard.pot, ruwaard.henk, 1200, recipient="mevrouw Bakker").id
    if who != "anonymous":
        login_as(getattr(ruwaard, who))
    for url in (f"{S}/{ruwaard.pot.id}/books", f"{S}/{ruwaard.pot.id}/payouts/{pay_id}", f"{S}/{ruwaard.pot.id}/books.csv",
                f"{S}/{ruwaard.pot.id}/journal.txt"):
        response = client.get(url)
        assert response.status_code == status, url
        if status == 200 and "books" in url and not url.endswith((".csv", ".txt")):
            assert "mevrouw Bakker" in response.text
        if status != 200:
            assert "mevrouw Bakker" not in response.text


def test_a_gift_form_records_once_even_when_sent_twice(client, login_as, ruwaard):
    login_as(ruwaard.henk)
    form = {"submission": key(), "amount": "€ 12,50", "source": "neighbour", "method": "cash",
            "occurred_on": local_today().isoformat(), "giver_name": ""}
    first = client.post(f"{S}/{ruwaard.pot.id}/gifts/new", data=form)
    second = client.post(f"{S}/{ruwaard.pot.id}/gifts/new", data=form)
    assert first.status_code == second.status_code == 303
    assert "al opgeslagen" in client.get(second.location).text
    assert db.session.scalar(select(func.count()).select_from(PotTransaction)) == 1


@pytest.mark.parametrize("typed, message", [
    ("-5", "zonder min- of plusteken"), ("0", "groter dan nul"), ("12,345", "twee cijfers achter de komma"),
    ("€ 1.000,00", "hoogstens € 999,99"), ("99999999999", "hoogstens"), ("twaalf", "Vul een bedrag in"),
    ("", "Vul een bedrag in"), ("1e3", "Vul een bedrag in"), ("NaN", "Vul een bedrag in"),
])
def test_bad_amounts_are_answered_with_422_and_kept(client, login_as, ruwaard, typed, message):
    login_as(ruwaard.henk)
    response = client.post(f"{S}/{ruwaard.pot.id}/gifts/new", data={
        "submission": key(), "amount": typed, "source": "neighbour", "method": "cash",
        "occurred_on": local_today().isoformat()})
    assert response.status_code == 422
    assert message in response.text.replace("\xa0", " ")
    assert f'value="{escape(typed)}"' in response.text or not typed


def test_a_payout_over_the_threshold_waits_and_the_page_says_who_can_approve(client, login_as, ruwaard):
    give(ruwaard.pot, ruwaard.henk, 10000)
    login_as(ruwaard.henk)
    page = client.get(f"{S}/{ruwaard.pot.id}/payouts/new").text
    assert "Fatima" in page
    response = client.post(f"{S}/{ruwaard.pot.id}/payouts/new", data={
        "submission": key(), "occasion": "birth", "amount": "40", "paid_from": "tin", "what": "Een babypakket",
        "recipient": "De Vries", "no_receipt_reason": "bon kwijt",
        "occurred_on": local_today().isoformat()})
    assert response.status_code == 303
    payout = db.session.scalar(select(PotPayout))
    assert payout.state == "waiting"
    assert client.post(f"{S}/{ruwaard.pot.id}/payouts/{payout.id}/approve").status_code == 403  # not who asked
    login_as(ruwaard.fatima)
    done = client.post(f"{S}/{ruwaard.pot.id}/payouts/{payout.id}/approve", headers={"HX-Request": "true"})
    assert done.status_code == 200 and "goedgekeurd en geboekt" in done.text and "<html" not in done.text
    again = client.post(f"{S}/{ruwaard.pot.id}/payouts/{payout.id}/approve", headers={"HX-Request": "true"})
    assert again.status_code == 200 and "al opgeslagen" in again.headers.get("HX-Trigger", "")


def test_a_payout_without_receipt_or_reason_is_answered_at_its_field(client, login_as, ruwaard):
    give(ruwaard.pot, ruwaard.henk, 10000)
    login_as(ruwaard.henk)
    response = client.post(f"{S}/{ruwaard.pot.id}/payouts/new", data={
        "submission": key(), "occasion": "welcome", "amount": "10", "paid_from": "tin", "what": "Bloemen",
        "occurred_on": local_today().isoformat()})
    assert response.status_code == 422 and "foto van het bonnetje" in response.text
    assert 'value="Bloemen"' in response.text


def test_a_neighbour_nominates_and_reads_the_answer_no_one_else_does(client, login_as, ruwaard):
    login_as(ruwaard.neighbour)
    assert client.post(f"{S}/{ruwaard.pot.id}/nominate", data={"text": "Nr. 12 heeft een baby!"}).status_code == 303
    tip = db.session.scalar(select(PotNomination))
    login_as(ruwaard.henk)
    books = client.get(f"{S}/{ruwaard.pot.id}/books").text
    assert "Nr. 12 heeft een baby!" in books
    refused = client.post(f"{S}/{ruwaard.pot.id}/nominations/{tip.id}/answer",
                          data={"decision": "not_now", "answer": ""})
    assert refused.status_code == 422 and "waarom niet nu" in refused.text
    client.post(f"{S}/{ruwaard.pot.id}/nominations/{tip.id}/answer",
                data={"decision": "done", "answer": "Er gaat een cadeautje heen"})
    login_as(ruwaard.neighbour)
    assert "Er gaat een cadeautje heen" in client.get(_page(ruwaard.pot)).text
    login_as(ruwaard.coordinator)
    assert "Nr. 12 heeft een baby!" not in client.get(_page(ruwaard.pot)).text  # only on the books page


def test_a_coordinator_opens_a_pot_with_a_checked_iban(client, login_as, ruwaard):
    login_as(ruwaard.coordinator)
    form = {"name": "Lief & leed Beukenhof", "streets": "Beukenhof", "gangmakers": [str(ruwaard.fatima.id)],
            "threshold": "25", "iban": "NL91 ABNA 0417 1643 01", "account_holder": "Beukenhof"}
    wrong = client.post(f"{S}/new", data=form)
    assert wrong.status_code == 422 and "geen geldig IBAN" in wrong.text and "NL91 ABNA 0417 1643 01" in wrong.text
    response = client.post(f"{S}/new", data={**form, "iban": "nl91abna0417164300"})
    assert response.status_code == 303
    assert re.search(r"NL91 ABNA 0417 1643 00", client.get(response.location).text)
    login_as(ruwaard.neighbour)
    assert client.post(f"{S}/new", data=form).status_code == 403


def test_the_journal_balances_in_an_accountants_tool(client, login_as, ruwaard, tmp_path):
    import shutil
    import subprocess

    give(ruwaard.pot, ruwaard.henk, 5000, method="transfer")
    pay(ruwaard.pot, ruwaard.henk, 1395, paid_from="bank")
    pay(ruwaard.pot, ruwaard.henk, 800, paid_from="pocket")
    login_as(ruwaard.henk)
    journal = client.get(f"{S}/{ruwaard.pot.id}/journal.txt").text
    assert "bezittingen:bank  50.00 EUR" in journal and "kosten:welkom  13.95 EUR" in journal
    hledger = shutil.which("hledger")
    if hledger is None:
        pytest.skip("hledger is not installed (make test installs it)")
    path = tmp_path / "pot.journal"
    path.write_text(journal)
    # --strict: every account and commodity declared; hledger refuses any transaction that does not balance.
    result = subprocess.run([hledger, "-f", str(path), "balance", "--strict", "--flat", "bezittingen", "schulden"],
                            capture_output=True, text=True, check=True)
    lines = [line.split() for line in result.stdout.splitlines() if line.strip() and not line.startswith("-")]
    assert ["36.05", "EUR", "bezittingen:bank"] in lines  # 50,00 in, 13,95 out
    assert lines[-1] == ["28.05", "EUR"]  # less the 8,00 the pot owes Henk: what the pot's page says it has
    assert reports.balances_of([ruwaard.pot.id])[ruwaard.pot.id] == 2805
