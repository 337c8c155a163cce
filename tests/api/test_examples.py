"""Every call of the OpenAPI document has examples (lmevents/api/examples/): a body where it
takes one, its success answer, a problem+json body for each error it documents. Each validates
against the schema it illustrates, and the story they tell, replayed call by call against the
demo roundtable, is accepted."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openapi_schema_validator import OAS31Validator
from sqlalchemy import select

from lmevents.agenda.models import Session, VirtualRoom
from lmevents.api import examples
from lmevents.api.examples import EXAMPLES, PASSWORD, PEOPLE, Example, Person, Ref, resolved
from lmevents.auth.models import User
from lmevents.auth.services import issue_token
from lmevents.demo.roundtable import SLUG, load_demo
from lmevents.events.models import Event, EventOrganizer, TeamRole
from lmevents.exchange.meetings import services as meetings
from lmevents.exchange.models import ExchangeTopic, Need, Presentation
from lmevents.exchange.qa import services as qa
from lmevents.live import late
from lmevents.registration.models import Registration, RegistrationQuestion
from lmevents.speakers.models import Speaker
from lmevents.subforums.models import SubForum
from lmevents.webhooks import outbox
from tests import factories
from tests.api.conftest import operations

WHERE = "lmevents/api/examples/"
SHANGHAI = ZoneInfo("Asia/Shanghai")
# The story happens a week before the roundtable's (illustrative) day, while registration,
# questions to the presenting enterprises and 1:1 meetings are still open.
STORY_MOMENT = datetime(2020, 11, 19, 9, 0, tzinfo=SHANGHAI)
# When the organizer says the exchange's room runs late: on the day, ten minutes into it.
LIVE_MOMENT = datetime(2020, 11, 26, 15, 40, tzinfo=SHANGHAI)

HOW_TO_ADD = """\
Add an entry to EXAMPLES in the chapter of the story in {where} (a module each, joined in the \
order of CHAPTERS in its __init__.py), under the key shown, at the point of the story where \
what the call needs exists (the examples are replayed in their order against the demo \
roundtable), e.g.:

EXAMPLES["POST /api/v1/events/{{slug}}/…"] = Example(
    "What the call does, in a few words", caller=ORGANIZER, params=demo(…),
    request={{…}},   # the body it sends (JSON), ids as Refs
    response={{…}},  # the success answer it gets
    status=201,
)"""


def calls(spec):
    """("METHOD /path", operation) for every call of the document."""
    for path, method, operation in operations(spec):
        yield f"{method.upper()} {path}", operation


def successes(operation):
    """(status, response) for the call's 2xx answers that have a body."""
    for status, response in operation["responses"].items():
        if str(status).startswith("2") and response.get("content"):
            yield str(status), response


def errors(spec, operation):
    """(status, where it is documented, response) for the call's error answers."""
    for status, response in operation["responses"].items():
        if str(status).startswith(("4", "5")) or status == "default":
            if "$ref" not in response:
                yield str(status), "the call itself", response
                continue
            name = response["$ref"].rsplit("/", 1)[1]
            yield str(status), name, spec["components"]["responses"][name]


def shown_examples(holder: dict) -> list:
    """The example values a request body, response or parameter shows (`example` or
    `examples`), whatever media types it has."""
    media = list(holder.get("content", {}).values()) or [holder]
    found = []
    for medium in media:
        if "example" in medium:
            found.append(medium["example"])
        found += [example["value"] for example in medium.get("examples", {}).values()]
    return found


def test_every_call_has_a_request_and_an_answer_example(spec):
    missing = {}
    for key, operation in calls(spec):
        lacks = [] if key in EXAMPLES else ["an example (even with no body: it is replayed)"]
        if "requestBody" in operation and not shown_examples(operation["requestBody"]):
            lacks.append("the body it sends (request=)")
        lacks += [f"its {status} answer (response=)" for status, response in successes(operation)
                  if not shown_examples(response)]
        if lacks:
            missing[key] = lacks
    assert not missing, (
        f"{len(missing)} call(s) of /api/v1/openapi.json lack examples:\n"
        + "".join(f"  {key}: {', '.join(lacks)}\n" for key, lacks in missing.items())
        + HOW_TO_ADD.format(where=WHERE))


def test_every_example_is_of_a_call_the_document_has(spec):
    documented = {key for key, _ in calls(spec)}

    stale = [key for key in EXAMPLES if key not in documented]

    assert not stale, (f"EXAMPLES in {WHERE} has examples of calls the API no longer has: "
                       f"{stale}. Rename them after the call's new path, or remove them.")


def test_every_error_answer_has_a_problem_example(spec):
    missing = set()
    for key, operation in calls(spec):
        for status, name, response in errors(spec, operation):
            shown = shown_examples(response)
            if not shown:
                missing.add((status, name))
            for problem in shown:
                assert status == "default" or problem["status"] == int(status), (key, problem)
    assert not missing, (f"These error answers have no problem+json example: {sorted(missing)}. "
                         f"Add one to PROBLEMS in {WHERE}, keyed by the status (the shared "
                         "answers of lmevents.api.ProblemApi show it).")


def _faults(spec, schema: dict, value) -> list[str]:
    # The document's own components, so that its $refs resolve; OpenAPI 3.1 schemas are
    # JSON Schema 2020-12 (nullable is written `type: [..., "null"]`).
    validator = OAS31Validator({**schema, "components": spec["components"]},
                               format_checker=OAS31Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, error.absolute_path)) or '(the whole body)'}: {error.message}"
            for error in validator.iter_errors(value)]


def test_every_example_validates_against_the_schema_it_illustrates(spec):
    faults = []

    def check(where: str, schema: dict, value) -> None:
        faults.extend(f"{where}: {fault}" for fault in _faults(spec, schema, value))

    for key, operation in calls(spec):
        for parameter in operation.get("parameters", []):
            for value in shown_examples(parameter):
                check(f"{key} parameter {parameter['name']}", parameter["schema"], value)
        if "requestBody" in operation:
            (medium,) = operation["requestBody"]["content"].values()
            for value in shown_examples(operation["requestBody"]):
                check(f"{key} body", medium["schema"], value)
        for status, response in successes(operation):
            for medium in response["content"].values():
                for value in shown_examples(medium):
                    check(f"{key} {status} answer", medium["schema"], value)
    for name, response in spec["components"]["responses"].items():
        for medium in response.get("content", {}).values():
            for value in shown_examples(medium):
                check(f"the {name} answer", medium["schema"], value)

    assert not faults, "\n".join(faults)


def test_the_document_says_how_to_get_and_send_a_bearer_token(spec):
    scheme = spec["components"]["securitySchemes"]["bearerAuth"]
    unauthorized = spec["components"]["responses"]["UNAUTHORIZED"]

    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    for words in ("POST /api/v1/auth/tokens", "Authorization: Bearer",
                  "DELETE /api/v1/auth/tokens/{token_id}", "401", "403"):
        assert words in scheme["description"], words
    assert "WWW-Authenticate" in unauthorized["headers"]
    (problem,) = shown_examples(unauthorized)
    assert "POST /api/v1/auth/tokens" in problem["detail"]


# The replay.

DEMO_RECORDS = {
    # kind of Ref: the column its key is matched against
    "room": VirtualRoom.name_en,
    "session": Session.title_en,
    "subforum": SubForum.code,
    "speaker": Speaker.name_en,
    "exchange_topic": ExchangeTopic.title_en,
    "presentation": Presentation.enterprise_en,
    "registration_question": RegistrationQuestion.label_en,
    "user": User.email,
}


class Story:
    """The examples replayed in order: their Refs turned into this database's ids, each
    caller's bearer token, what the answers made."""

    def __init__(self, client, dbs):
        self.client, self.dbs = client, dbs
        self.ids: dict[Ref, int] = {}  # every Ref met so far and its id here
        self.tokens: dict[str, str] = {}

    def id_of(self, ref: Ref) -> int:
        if ref not in self.ids:
            assert ref.kind != "made", (
                f"{ref} is used before any example's answer gives it: put the example that "
                f"makes it (with this Ref where its answer has the id) earlier in {WHERE}")
            self.ids[ref] = self.lookup(ref)
        return self.ids[ref]

    def lookup(self, ref: Ref) -> int:
        if ref.kind == "registration":
            return self.dbs.scalar(select(Registration.id).join(Registration.user).where(
                User.email == ref.key, Registration.event_id == self.event().id))
        column = DEMO_RECORDS[ref.kind]
        return self.dbs.execute(select(column.class_.id).where(column == ref.key)).scalar_one()

    def event(self) -> Event:
        return self.dbs.scalar(select(Event).where(Event.slug == SLUG))

    def user(self, person: Person) -> User:
        return self.dbs.get(User, self.id_of(person.ref))

    def headers(self, person: Person | None) -> dict[str, str]:
        if person is None:
            return {}
        if person.email not in self.tokens:
            # Issued directly, past the rate limit of the token call.
            self.tokens[person.email] = issue_token(self.dbs, self.user(person), label="tests")
            self.dbs.commit()
        return {"Authorization": f"Bearer {self.tokens[person.email]}"}

    def call(self, key: str, example: Example):
        method, template = key.split(" ", 1)
        in_path = set(re.findall(r"{(\w+)}", template))
        params = resolved(example.params, self.id_of)
        path = template.format(**{name: params[name] for name in in_path})
        query = {name: value for name, value in params.items() if name not in in_path}
        return self.client.open(path, method=method, query_string=query,
                                json=resolved(example.request, self.id_of),
                                headers=self.headers(example.caller))

    def take_ids(self, shown, answer) -> None:
        """Binds each Ref of what the story makes, where the example's answer first shows it,
        to the id at the same place in the real answer."""
        if isinstance(shown, Ref):
            if shown.kind == "made":
                self.ids.setdefault(shown, answer)
        elif isinstance(shown, dict) and isinstance(answer, dict):
            for name, value in shown.items():
                if name in answer:
                    self.take_ids(value, answer[name])
        elif isinstance(shown, list) and isinstance(answer, list):
            for value, given in zip(shown, answer, strict=False):
                self.take_ids(value, given)


def set_the_stage(dbs) -> None:
    """The demo roundtable, the accounts of the examples' people, the organizer on its team,
    and those who registered before the story (confirmed: registration is open)."""
    load_demo(dbs)
    dbs.commit()
    event = dbs.scalar(select(Event).where(Event.slug == SLUG))
    for person in PEOPLE:
        user = factories.make_user(dbs, person.email, role=person.role, password=PASSWORD,
                                   language=person.language)
        user.name, user.organization = person.name, person.organization
        user.country, user.timezone = person.country, person.timezone
    dbs.add(EventOrganizer(event=event, user=dbs.scalar(
        select(User).where(User.email == examples.ORGANIZER.email)), role=TeamRole.OWNER))
    dbs.commit()
    story = Story(None, dbs)
    for person in PEOPLE:
        if person.registered:
            factories.make_registration(
                dbs, event, story.user(person), name=person.name,
                organization=person.organization, country=person.country,
                timezone=person.timezone, language=person.language,
                answers=resolved(person.answers, story.id_of))


def wang_asks_to_meet_about_the_need(story: Story) -> dict[Ref, int]:
    need = story.dbs.get(Need, story.id_of(examples.KHAMLA_NEED))
    start = datetime(2020, 11, 27, 16, 0, tzinfo=SHANGHAI)
    meeting = meetings.request_meeting(
        story.dbs, story.event(), story.user(examples.WANG), need=need,
        times=[(start, start + timedelta(minutes=45))],
        message="We built compact units for food-processing plants in Yunnan; shall we talk?")
    story.dbs.commit()
    return {examples.NEED_MEETING: meeting.id}


def the_sender_finds_the_receiver_down(story: Story) -> dict[Ref, int]:
    """`flask lmevents send-webhooks` tries what is due once; the receiver answers 503."""
    now = datetime.now(UTC)
    for delivery_id in outbox.due_delivery_ids(story.dbs, now):
        outbox.deliver(story.dbs, delivery_id, now, post=lambda url, body, headers: 503,
                       private_targets=True)
    story.dbs.commit()
    return {}


# What the story needs that no example makes, done through the services just before the call
# that needs it.
ARRANGED_BEFORE = {
    "GET /api/v1/events/{slug}/webhooks/{webhook_id}/deliveries":
        the_sender_finds_the_receiver_down,
    "POST /api/v1/events/{slug}/exchange/meetings/{meeting_id}/decline":
        wang_asks_to_meet_about_the_need,
}


@pytest.fixture
def story_clock(registration_clock, monkeypatch):
    """The services' clocks stopped at STORY_MOMENT (the tokens' and the rows' are real)."""
    registration_clock.moment = STORY_MOMENT
    monkeypatch.setattr(qa, "utcnow", lambda: STORY_MOMENT)
    monkeypatch.setattr(meetings, "utcnow", lambda: STORY_MOMENT)
    monkeypatch.setattr(late, "utcnow", lambda: LIVE_MOMENT)


def replay(story: Story):
    """Plays every example in order, yielding (key, example, response)."""
    for key, example in EXAMPLES.items():
        if key in ARRANGED_BEFORE:
            story.ids.update(ARRANGED_BEFORE[key](story))
        response = story.call(key, example)
        if response.status_code == example.status and example.response is not None:
            story.take_ids(example.response, response.get_json(silent=True))
        if key == "POST /api/v1/auth/tokens" and response.status_code == example.status:
            # The token the example asks for is the one its caller uses from then on.
            story.tokens[example.request["email"]] = response.get_json()["token"]
        yield key, example, response


def shape_faults(shown, answer, where: str = "") -> list[str]:
    """Where the example's answer has other fields than the real one (lists: their first
    items; an object against null, as a nullable field may be, is not compared)."""
    if isinstance(shown, dict) and isinstance(answer, dict):
        faults = []
        if set(shown) != set(answer):
            faults.append(f"{where or '(the answer)'} lacks {sorted(set(answer) - set(shown))} "
                          f"and has {sorted(set(shown) - set(answer))} besides")
        for name in set(shown) & set(answer):
            faults += shape_faults(shown[name], answer[name], f"{where}.{name}")
        return faults
    if isinstance(shown, list) and isinstance(answer, list) and shown and answer:
        return shape_faults(shown[0], answer[0], f"{where}[0]")
    return []


def test_the_examples_replayed_on_the_demo_roundtable_are_accepted(
        app, client, dbs, database_url, story_clock):
    set_the_stage(dbs)
    story = Story(client, dbs)
    unlike = []

    for key, example, response in replay(story):
        assert response.status_code == example.status, (
            f"{key} ({example.summary}) answered {response.status_code} instead of "
            f"{example.status}: {json.dumps(response.get_json(silent=True), ensure_ascii=False)}")
        if example.response is not None:
            unlike += [f"{key}: {fault}" for fault in shape_faults(
                resolved(example.response, story.id_of), response.get_json())]

    assert not unlike, ("These examples' answers have other fields than the answers the calls "
                        f"give; bring them up to date in {WHERE}:\n" + "\n".join(unlike))

    if database_url.startswith("sqlite"):
        # SQLite numbers the rows of emptied tables from 1 again, as in a new database: here
        # the ids must be those the document shows.
        moved = {ref: given for ref, given in story.ids.items() if given != ref.shown}
        assert not moved, (
            "The demo and the story give other ids than the document shows; correct `shown` "
            f"of these Refs in {WHERE}: "
            + "; ".join(f"{ref.kind} {ref.key!r} is {given}, not {ref.shown}"
                        for ref, given in moved.items()))
