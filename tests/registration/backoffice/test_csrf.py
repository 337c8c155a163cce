"""With CSRF protection on (as in production), the registration back office's POSTs need the
token of the page that shows them."""

from __future__ import annotations

import re

import pytest

from lmevents.registration.models import Registration, RegistrationQuestion, RegistrationStatus
from tests.probes import count, csrf_token, fresh, text
from tests.registration.backoffice.conftest import pending

E = "/manage/events/test-event"
POST_FORM = re.compile(r"<form[^>]*method=\"post\".*?</form>", re.S)



@pytest.fixture
def guarded_client(csrf_client, organizer):
    return csrf_client(organizer.email)


@pytest.fixture
def registration(dbs, roundtable):
    return pending(dbs, roundtable, 1, subforum_id=roundtable.subforum_a.id)


@pytest.mark.parametrize("page", [
    E + "/registrations", E + "/registration-questions",
    E + "/registration-questions/{question}/edit",
])
def test_every_post_form_carries_a_token(guarded_client, roundtable, registration, page):
    html = text(guarded_client.get(
        page.format(question=roundtable.questions["diet"].id)))

    forms = POST_FORM.findall(html)
    assert forms
    for form in forms:
        assert "csrf_token" in form, form


@pytest.mark.parametrize(("action", "status"), [
    ("approve", RegistrationStatus.CONFIRMED), ("reject", RegistrationStatus.REJECTED)])
def test_decision_without_token_is_refused_and_with_it_accepted(guarded_client, dbs,
                                                                registration, action, status):
    url = f"{E}/registrations/{registration.id}/{action}"

    refused = guarded_client.post(url, data={"note": ""})

    assert refused.status_code == 400
    assert "CSRF" in text(refused)
    assert fresh(dbs, Registration, registration.id).status == RegistrationStatus.PENDING

    token = csrf_token(text(guarded_client.get(E + "/registrations")))
    accepted = guarded_client.post(url, data={"note": "", "csrf_token": token})

    assert accepted.status_code == 302
    assert fresh(dbs, Registration, registration.id).status == status


def test_question_changes_without_token_are_refused(guarded_client, dbs, roundtable):
    question = roundtable.questions["photo"]
    base = f"{E}/registration-questions"

    for url, data in [
        (base, {"kind": "text", "label_en": "Intruder"}),
        (f"{base}/{question.id}/edit", {"kind": "text", "label_en": "Intruder"}),
        (f"{base}/{question.id}/move", {"direction": "up"}),
        (f"{base}/{question.id}/delete", {}),
    ]:
        assert guarded_client.post(url, data=data).status_code == 400, url

    assert count(dbs, RegistrationQuestion) == 3
    unchanged = fresh(dbs, RegistrationQuestion, question.id)
    assert (unchanged.label_en, unchanged.position) == ("Photos allowed", 2)


def test_question_added_with_the_page_token(guarded_client, dbs, roundtable):
    token = csrf_token(text(guarded_client.get(E + "/registration-questions")))

    response = guarded_client.post(E + "/registration-questions", data={
        "kind": "yes_no", "label_en": "Recording allowed", "csrf_token": token})

    assert response.status_code == 302
    assert count(dbs, RegistrationQuestion) == 4
