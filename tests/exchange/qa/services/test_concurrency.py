"""One vote per person and question holds when the same person's votes arrive at the same
moment (PostgreSQL: two transactions really run at once)."""

from __future__ import annotations

import threading
import time

import pytest

from lmevents.auth.models import User
from lmevents.exchange.models import Question
from lmevents.exchange.qa.services import vote
from lmevents.extensions import db
from tests.exchange.qa.conftest import EVENT, ask, vote_rows

pytestmark = pytest.mark.postgres_only(
    "concurrent transactions are PostgreSQL's; SQLite lets one writer in at a time")


def test_a_vote_sent_while_the_same_vote_is_being_written_counts_once(
    app, dbs, exchange, people, headers
):
    question_id = ask(dbs, exchange.presentation, people.other).id
    voter_id = people.participant.id
    header = headers(people.participant)
    first_wrote = threading.Event()
    results: dict[str, object] = {}

    def first():
        # Votes, then holds its transaction open while the second vote arrives.
        with app.app_context():
            try:
                outcome = vote(db.session, db.session.get(Question, question_id),
                               db.session.get(User, voter_id))
                first_wrote.set()
                time.sleep(0.5)
                db.session.commit()
                results["first"] = outcome.created
            finally:
                first_wrote.set()
                db.session.remove()

    def second():
        first_wrote.wait(5)
        response = app.test_client().post(f"{EVENT}/exchange/questions/{question_id}/vote",
                                          headers=header)
        results["second"] = (response.status_code, response.get_json())

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    status, body = results["second"]
    assert results["first"] is True
    assert status == 200, body
    assert (body["votes"], body["voted"]) == (1, True)
    assert vote_rows(dbs) == [(question_id, voter_id)]


def test_two_requests_voting_at_once_for_one_person_leave_one_vote(
    app, dbs, exchange, people, headers
):
    question_id = ask(dbs, exchange.presentation, people.other).id
    header = headers(people.participant)
    start = threading.Barrier(2)
    statuses: list[int] = []

    def send():
        client = app.test_client()
        start.wait(5)
        statuses.append(client.post(f"{EVENT}/exchange/questions/{question_id}/vote",
                                    headers=header).status_code)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert sorted(statuses) == [200, 201]
    assert vote_rows(dbs) == [(question_id, people.participant.id)]
