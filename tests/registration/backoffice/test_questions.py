"""The questions of the registration form: add, edit, delete and reorder them."""

from __future__ import annotations

import re

import pytest

from lmevents.registration.models import QuestionKind, RegistrationQuestion
from lmevents.registration.questions import QuestionInput, create_question, event_questions
from tests import factories
from tests.probes import count, fresh, text
from tests.registration.backoffice.conftest import person

URL = "/manage/events/test-event/registration-questions"
ERROR = re.compile(r'class="field-error" id="[^"]+">([^<]*)<')


@pytest.fixture
def event(dbs):
    return factories.make_event(dbs)


def _field_errors(page: str, name: str) -> list[str]:
    """The errors shown under the form field `name`."""
    start = page.index(f'<label for="{name}"')
    end = page.find("<label", start + 1)
    return ERROR.findall(page[start:end if end > 0 else None])


def _add(client, **fields):
    return client.post(URL, data={"kind": "text", "label_zh": "", "label_en": "",
                                  "options": "", "position": "", **fields})


def _question(dbs) -> RegistrationQuestion:
    dbs.expire_all()
    return dbs.query(RegistrationQuestion).one()


def test_add_a_text_question(client, signed_in, dbs, event):
    response = _add(client, label_zh="饮食要求", label_en="Dietary needs", required="y")

    assert response.status_code == 302
    question = _question(dbs)
    assert (question.kind, question.label_zh, question.label_en, question.required,
            question.options) == (QuestionKind.TEXT, "饮食要求", "Dietary needs", True, [])
    page = text(client.get(URL))
    assert "Question added" in page and "Dietary needs" in page


def test_add_a_choice_question_with_options_in_one_or_both_languages(client, signed_in, dbs,
                                                                     event):
    response = _add(client, kind="choice", label_en="Role",
                    options="政府官员 | Official\n\n学者|Researcher\nNGO\n媒体\n| 中文名 English\n"
                            "WHO |")

    assert response.status_code == 302
    assert _question(dbs).options == [
        {"zh": "政府官员", "en": "Official"}, {"zh": "学者", "en": "Researcher"},
        {"zh": None, "en": "NGO"}, {"zh": "媒体", "en": None},
        {"zh": None, "en": "中文名 English"}, {"zh": "WHO", "en": None},
    ]


def test_add_a_yes_no_question(client, signed_in, dbs, event):
    response = _add(client, kind="yes_no", label_zh="同意拍照")

    assert response.status_code == 302
    question = _question(dbs)
    assert (question.kind, question.label_zh, question.label_en, question.required) == (
        QuestionKind.YES_NO, "同意拍照", None, False)


def test_new_questions_go_last_unless_placed(client, signed_in, dbs, event):
    _add(client, label_en="First")
    _add(client, label_en="Second")
    _add(client, label_en="Third")

    assert [q.label_en for q in event_questions(dbs, event)] == ["First", "Second", "Third"]
    assert [q.position for q in event_questions(dbs, event)] == [0, 1, 2]


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({}, "label_en", "A text for the question is required, in Chinese or English (or both)."),
    ({"label_zh": "  ", "label_en": " "}, "label_en",
     "A text for the question is required, in Chinese or English (or both)."),
    ({"kind": "choice", "label_en": "Role", "options": "Only one"}, "options",
     "A choice question needs at least two options."),
    ({"kind": "choice", "label_en": "Role", "options": "\n  \n"}, "options",
     "A choice question needs at least two options."),
    ({"kind": "choice", "label_en": "Role", "options": "\n".join(f"o{i}" for i in range(51))},
     "options", "At most 50 options."),
    ({"kind": "text", "label_en": "Diet", "options": "a\nb"}, "options",
     "Only choice questions have options."),
    ({"kind": "yes_no", "label_en": "Photos", "options": "yes\nno"}, "options",
     "Only choice questions have options."),
    ({"kind": "essay", "label_en": "Diet"}, "kind", "Not a valid choice."),
    ({"label_en": "x" * 301}, "label_en", "Field cannot be longer than 300 characters."),
    ({"kind": "choice", "label_en": "Role", "options": "a\n" + "b" * 301}, "options",
     "An option can be at most 300 characters long."),
    ({"label_en": "Diet", "position": "-1"}, "position", "Number must be between 0 and 10000."),
    ({"label_en": "Diet", "position": "first"}, "position", "Not a valid integer value."),
])
def test_bad_question_is_refused_on_its_field(client, signed_in, dbs, event, fields, field,
                                              message):
    response = _add(client, **fields)

    assert response.status_code == 422
    assert message in _field_errors(text(response), field)
    assert count(dbs, RegistrationQuestion) == 0


def test_refused_form_keeps_what_was_typed(client, signed_in, event):
    page = text(_add(client, kind="choice", label_zh="身份", options="学者 | Researcher"))

    assert 'value="身份"' in page
    assert "学者 | Researcher</textarea>" in page


def test_edit_a_question(client, signed_in, dbs, event):
    question = create_question(dbs, event, QuestionInput(kind="text", label_en="Diet"))
    dbs.commit()

    response = client.post(f"{URL}/{question.id}/edit", data={
        "kind": "text", "label_zh": "饮食", "label_en": "Dietary needs", "required": "y",
        "position": "3"})

    assert response.status_code == 302
    edited = fresh(dbs, RegistrationQuestion, question.id)
    assert (edited.label_zh, edited.label_en, edited.required, edited.position) == (
        "饮食", "Dietary needs", True, 3)


def test_edit_form_sends_back_the_options_as_they_were(client, signed_in, dbs, event):
    from tests.probes import form_fields

    options = [{"zh": "政府官员", "en": "Official"}, {"zh": None, "en": "NGO"},
               {"zh": "媒体", "en": None}, {"zh": "WHO", "en": None},
               {"zh": None, "en": "联合国 UN"}]
    question = create_question(dbs, event, QuestionInput(kind="choice", label_en="Role",
                                                         options=options, required=True))
    dbs.commit()
    page = text(client.get(f"{URL}/{question.id}/edit"))

    response = client.post(f"{URL}/{question.id}/edit", data=form_fields(page))

    assert response.status_code == 302
    edited = fresh(dbs, RegistrationQuestion, question.id)
    assert edited.options == options
    assert edited.required is True


def test_options_of_a_question_can_be_added_not_removed(client, signed_in, dbs, event):
    question = create_question(dbs, event, QuestionInput(
        kind="choice", label_en="Role", options=[{"en": "Official"}, {"en": "Researcher"},
                                                 {"en": "Media"}]))
    dbs.commit()
    url = f"{URL}/{question.id}/edit"

    refused = client.post(url, data={"kind": "choice", "label_en": "Role",
                                     "options": "Official\nResearcher"})
    added = client.post(url, data={"kind": "choice", "label_en": "Role",
                                   "options": "Official\nResearcher\nMedia\nNGO"})

    assert refused.status_code == 422
    assert ("Options cannot be removed once a question exists, only added or renamed."
            in _field_errors(text(refused), "options"))
    assert added.status_code == 302
    assert [o["en"] for o in fresh(dbs, RegistrationQuestion, question.id).options] == [
        "Official", "Researcher", "Media", "NGO"]


def test_delete_a_question_hides_its_answers(client, signed_in, dbs, event):
    question = create_question(dbs, event, QuestionInput(kind="text", label_en="Diet"))
    dbs.commit()
    factories.make_registration(dbs, event, person(dbs, 1), answers={question.id: "Halal food"})

    response = client.post(f"{URL}/{question.id}/delete")

    assert response.status_code == 302
    assert count(dbs, RegistrationQuestion) == 0
    assert "Halal food" not in text(client.get("/manage/events/test-event/registrations"))


@pytest.mark.parametrize(("moved", "direction", "order"), [
    ("Third", "up", ["First", "Third", "Second"]),
    ("First", "down", ["Second", "First", "Third"]),
    ("First", "up", ["First", "Second", "Third"]),
    ("Third", "down", ["First", "Second", "Third"]),
])
def test_reorder_questions(client, signed_in, dbs, event, moved, direction, order):
    # Equal positions (ties) are ordered by creation and renumbered on the first move.
    questions = {label: create_question(dbs, event, QuestionInput(kind="text", label_en=label))
                 for label in ("First", "Second", "Third")}
    dbs.commit()

    response = client.post(f"{URL}/{questions[moved].id}/move", data={"direction": direction})

    assert response.status_code == 302
    dbs.expire_all()
    assert [q.label_en for q in event_questions(dbs, event)] == order
    page = text(client.get(URL))
    assert [page.index(label) for label in order] == sorted(page.index(label) for label in order)


def test_question_of_another_event_is_not_found(client, signed_in, dbs, event):
    other = factories.make_event(dbs, slug="other-event")
    foreign = create_question(dbs, other, QuestionInput(kind="text", label_en="Diet"))
    dbs.commit()

    assert client.get(f"{URL}/{foreign.id}/edit").status_code == 404
    assert client.post(f"{URL}/{foreign.id}/delete").status_code == 404
    assert count(dbs, RegistrationQuestion) == 1
