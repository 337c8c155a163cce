"""The registrations as a CSV file for Excel: Chinese intact, formulas never run."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from lmevents.registration.seats import take_seat
from tests.registration.backoffice.conftest import confirmed, pending

URL = "/manage/events/test-event/registrations.csv"
HEADER = ["id", "Status", "Name", "E-mail", "Organization", "Position", "Country", "Language",
          "Time zone", "Registered at (Asia/Shanghai)", "Sub-forum (seat held)", "Waiting for",
          "Sessions (seat held)", "Sessions waited for"]


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"), newline="")))


def test_the_columns_are_named_in_the_organizers_language(client, signed_in, roundtable):
    rows = _rows(client.get(URL + "?lang=zh"))
    assert rows[0][:4] == ["id", "状态", "姓名", "电子邮箱"]


def test_csv_is_an_excel_ready_attachment(client, signed_in, roundtable):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="test-event-registrations.csv"')
    assert response.get_data().startswith(b"\xef\xbb\xbf")


def test_csv_has_a_row_per_registration_with_seats_and_answers(client, signed_in, dbs,
                                                              roundtable):
    q = roundtable.questions
    a = roundtable.subforum_a.id
    holder = confirmed(dbs, roundtable, 1, name="王小明", organization="水利部",
                       position="处长", country="CN", language="zh", timezone="Asia/Shanghai",
                       subforum_id=a,
                       answers={q["diet"].id: "清真", q["role"].id: 0, q["photo"].id: False})
    holder.created_at = datetime(2020, 11, 20, 6, 5, 7, 123456, tzinfo=UTC)
    confirmed(dbs, roundtable, 2, subforum_id=a)
    waiter = confirmed(dbs, roundtable, 3, name="Somchai", subforum_id=a)
    # The exchange has one seat: the first holds it, Somchai waits for it.
    take_seat(dbs, holder, roundtable.exchange)
    take_seat(dbs, waiter, roundtable.exchange)
    dbs.commit()

    rows = _rows(client.get(URL))

    assert rows[0] == HEADER + ["Dietary needs", "Role", "Photos allowed"]
    assert rows[1] == [str(holder.id), "confirmed", "王小明", "person1@example.org", "水利部",
                       "处长", "CN", "zh", "Asia/Shanghai", "2020-11-20T14:05:07+08:00", "A",
                       "", "Technical exchange", "", "清真", "Official", "no"]
    assert rows[3][0] == str(waiter.id)
    assert rows[3][10:14] == ["", "A (1)", "", "Technical exchange (1)"]
    assert len(rows) == 4


def test_question_headers_and_answers_follow_the_organizers_language(client, signed_in, dbs,
                                                                    roundtable):
    q = roundtable.questions
    pending(dbs, roundtable, 1, answers={q["role"].id: 1, q["photo"].id: True})

    rows = _rows(client.get(URL + "?lang=zh"))

    assert rows[0][-3:] == ["饮食要求", "身份", "同意拍照"]
    assert rows[1][-3:] == ["", "学者", "是"]


def test_csv_follows_the_list_filters(client, signed_in, dbs, roundtable):
    waiting = pending(dbs, roundtable, 1)
    confirmed(dbs, roundtable, 2)

    response = client.get(URL + "?status=pending")

    assert [row[0] for row in _rows(response)[1:]] == [str(waiting.id)]
    assert "test-event-registrations-pending.csv" in response.headers["Content-Disposition"]


@pytest.mark.parametrize("dangerous", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1",
                                       '=HYPERLINK("http://evil.example","x")'])
def test_formula_cells_are_neutralised(client, signed_in, dbs, roundtable, dangerous):
    q = roundtable.questions
    registration = pending(dbs, roundtable, 1)
    # Set directly: the registration service trims text, but rows may come from elsewhere.
    registration.name = registration.organization = registration.position = dangerous
    registration.answers = {str(q["diet"].id): dangerous}
    dbs.commit()

    row = _rows(client.get(URL))[1]

    assert [row[2], row[4], row[5], row[14]] == ["'" + dangerous] * 4


def test_formula_answers_typed_in_the_registration_form_are_neutralised(client, signed_in, dbs,
                                                                        roundtable):
    q = roundtable.questions
    pending(dbs, roundtable, 1, name="=1+1", organization="+1", position="-1",
            answers={q["diet"].id: "@SUM(A1)"})

    row = _rows(client.get(URL))[1]

    assert [row[2], row[4], row[5], row[14]] == ["'=1+1", "'+1", "'-1", "'@SUM(A1)"]


@pytest.mark.parametrize("label", ["=cmd|' /C calc'!A0", "-2+3", "@foo"])
def test_formula_question_headers_are_neutralised(client, signed_in, dbs, roundtable, label):
    roundtable.questions["diet"].label_en = label
    dbs.commit()

    header = _rows(client.get(URL))[0]

    assert header[14] == "'" + label


def test_harmless_text_is_left_alone(client, signed_in, dbs, roundtable):
    q = roundtable.questions
    pending(dbs, roundtable, 1, organization="1+1 Foundation", position="Head - water",
            answers={q["diet"].id: "a=b"})

    row = _rows(client.get(URL))[1]

    assert row[4:6] == ["1+1 Foundation", "Head - water"]
    assert row[14] == "a=b"
