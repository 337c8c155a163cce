"""Organizers see, per session, who joined beside who held a seat and who registered, by
country and by the organization type answered at registration, and take the joins away as
CSV; all read in the same number of queries at any size."""

from __future__ import annotations

import csv
import io

import pytest

from lmevents.live.attendance import attendance, breakdown_question
from lmevents.live.join import join
from lmevents.registration.questions import QuestionInput, create_question
from lmevents.registration.registrations import find_registration
from lmevents.registration.seats import take_seat
from tests import factories
from tests.live.conftest import minutes

KINDS = [{"en": "Government", "zh": "政府"}, {"en": "Enterprise", "zh": "企业"}]


@pytest.fixture
def kind_question(dbs, live_day):
    question = create_question(dbs, live_day.event, QuestionInput(
        kind="choice", label_en="Your organization is", label_zh="您所在机构的类型",
        options=KINDS))
    dbs.commit()
    return question


@pytest.fixture
def people(dbs, live_day, kind_question):
    """Mai (Laos, government) and Lin (Thailand, enterprise) joined the keynote; Lin holds
    the sub-forum's one seat and joined its talk; Sok (Cambodia, no answer) joined nothing."""
    made = {}
    for name, country, answer in (("mai", "LA", 0), ("lin", "TH", 1), ("sok", "KH", None)):
        user = factories.make_user(dbs, f"{name}@example.org")
        answers = {} if answer is None else {str(kind_question.id): answer}
        factories.make_registration(dbs, live_day.event, user, country=country,
                                    answers=answers)
        made[name] = user
    take_seat(dbs, find_registration(dbs, live_day.event, made["lin"]), live_day.subforum)
    dbs.commit()
    for name in ("mai", "lin"):
        join(dbs, live_day.keynote, made[name], zone="UTC", now=live_day.now)
    join(dbs, live_day.forum_talk, made["lin"], zone="UTC",
         now=live_day.forum_talk.starts_at + minutes(1))
    dbs.commit()
    return made


def counts(c) -> tuple:
    return (c.joined, c.held_seat, c.registered)


def test_joined_beside_seats_and_registrations_by_country_and_answer(dbs, live_day, people,
                                                                     kind_question):
    rows = {row.session.id: row for row in attendance(dbs, live_day.event, kind_question)}

    keynote = rows[live_day.keynote.id]
    assert counts(keynote.total) == (2, None, 3)  # no seat: everyone registered attends
    assert {code: counts(c) for code, c in keynote.by_country.items()} == {
        "KH": (0, None, 1), "LA": (1, None, 1), "TH": (1, None, 1)}
    assert {value: counts(c) for value, c in keynote.by_answer.items()} == {
        "0": (1, None, 1), "1": (1, None, 1), "": (0, None, 1)}

    talk = rows[live_day.forum_talk.id]
    assert counts(talk.total) == (1, 1, 3)
    assert counts(talk.by_country["TH"]) == (1, 1, 1)
    assert counts(talk.by_country["LA"]) == (0, 0, 1)
    # Neither the cancelled session is listed.
    assert live_day.cancelled.id not in rows


def test_the_page_shows_each_session_with_its_counts(client, auth, dbs, live_day, people,
                                                     organizer):
    auth.login()
    page = client.get("/manage/events/live-roundtable/attendance").get_data(as_text=True)
    section = page[page.index(f'id="attendance-{live_day.keynote.id}"'):]
    section = section[:section.index("</section>")]
    assert "<td>2</td><td>—</td><td>3</td>" in section  # in all
    assert "Laos" in section and "Government" in section and "No answer" in section


def test_the_csv_lists_each_join_with_the_organization_type(client, auth, live_day, people,
                                                            organizer):
    auth.login()
    response = client.get("/manage/events/live-roundtable/attendance.csv")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="live-roundtable-attendance.csv"')
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:6] == ["Session", "Starts (UTC)", "Name", "E-mail", "Organization",
                           "Country"]
    assert rows[0][6] == "Your organization is"
    assert [(row[0], row[3], row[5], row[6]) for row in rows[1:]] == [
        ("Keynote", "mai@example.org", "LA", "Government"),
        ("Keynote", "lin@example.org", "TH", "Enterprise"),
        ("Forum talk", "lin@example.org", "TH", "Enterprise"),
    ]


def test_the_api_gives_the_same_counts_and_names_a_wrong_question(client, api_token,
                                                                 live_day, people,
                                                                 organizer, kind_question):
    headers = api_token()
    body = client.get("/api/v1/events/live-roundtable/attendance", headers=headers).get_json()
    assert body["question"]["id"] == kind_question.id
    keynote = next(s for s in body["sessions"] if s["session_id"] == live_day.keynote.id)
    assert (keynote["joined"], keynote["held_seat"], keynote["registered"]) == (2, None, 3)
    assert keynote["by_answer"][0] == {"answer": 0, "label": KINDS[0], "joined": 1,
                                       "held_seat": None, "registered": 1}
    assert keynote["by_answer"][-1]["answer"] is None

    wrong = client.get("/api/v1/events/live-roundtable/attendance?question_id=999",
                       headers=headers)
    assert wrong.status_code == 422
    assert wrong.content_type == "application/problem+json"
    assert "question_id" in wrong.get_json()["errors"]


def test_attendance_costs_the_same_queries_at_any_size(dbs, live_day, kind_question,
                                                       count_queries):
    def queries() -> int:
        dbs.expire_all()
        with count_queries() as counter:
            rows = attendance(dbs, live_day.event, breakdown_question(dbs, live_day.event, None))
            for row in rows:
                _ = (row.session.subforum, row.session.room)
        return counter.count

    few = queries()
    for n in range(6):
        user = factories.make_user(dbs, f"p{n}@example.org")
        factories.make_registration(dbs, live_day.event, user, country="VN")
        join(dbs, live_day.keynote, user, zone="UTC", now=live_day.now)
    dbs.commit()
    assert queries() == few
