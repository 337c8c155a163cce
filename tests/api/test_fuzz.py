"""The API fuzzed from its own OpenAPI document (schemathesis): every operation of the document,
called over real HTTP with an organizer's bearer token on the demo roundtable, must answer
without a 5xx, with a documented status, content type, headers and body, must refuse a call
without its token (or with a wrong one), and must accept what the document calls valid,
refusing it only for reasons the document states.

Each operation is one test per database: the document's own examples, then EXAMPLES generated
ones (derandomized, fixed seed), so a run is bounded and repeats itself. Before each operation
the database is put back as the demo left it, so what one operation deletes (the event, the
organizer's place on its team, the token itself) cannot blind the next. A failure is
schemathesis's report of what it found: the check, what was wrong, the answer, a curl line.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field

import hypothesis.strategies as st
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    ignored_auth,
    not_a_server_error,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.openapi.checks import RejectedPositiveData
from sqlalchemy import select
from werkzeug.serving import WSGIRequestHandler, make_server

from lmevents.agenda.models import Session, VirtualRoom
from lmevents.auth.models import ApiToken
from lmevents.demo.dates import place_demo
from lmevents.demo.roundtable import SLUG
from lmevents.events.models import Event, EventOrganizer
from lmevents.exchange.models import ExchangeTopic, Presentation
from lmevents.extensions import db, limiter
from lmevents.registration.models import QuestionKind, Registration, RegistrationQuestion
from lmevents.registration.questions import event_questions
from lmevents.registration.registrations import register
from lmevents.speakers.models import EventSpeaker
from lmevents.subforums.models import SubForum
from tests import factories
from tests.conftest import BEFORE_THE_EVENTS, make_app

# Generated examples per operation (after the document's own): about a minute per database
# for the whole file on two cores.
EXAMPLES = 20
# The organizer's bearer token; only its SHA-256 is stored (lmevents.auth.models.ApiToken).
TOKEN = "fuzz-organizer-" + "0" * 32
# The organizer's answers to the demo's registration questions.
ANSWERS = {QuestionKind.CHOICE: 0, QuestionKind.YES_NO: False, QuestionKind.TEXT: "Water."}
# What may answer a request the document calls valid, for reasons the document states: no
# such record (404), a clash with what exists (409), a stale If-Match (412); 422 only as
# STATED_RULES allow.
ACCEPTABLE = ["2xx", "3xx", "401", "403", "404", "409", "412"]

# Refusals (422) of schema-valid input for rules JSON Schema cannot say (across fields, or
# about what exists), accepted when the document says them in words: (words of the refusal,
# words the document's description of the refused field, or parameter, must hold).
STATED_RULES = [
    ("in Chinese or English (or both)", "in Chinese or English (or both)"),
    ("A name is required.", "not blank"),
    ("Registration must close by the end of the event's last day",
     "at the latest the event's end"),
    ("The event cannot end before it starts", "not before start_date"),
    ("Each organizer needs a name", "each with a name"),
    ("No account has this address", "an existing account"),
    ("does not belong to this event", "one of this event's"),
    ("in this event.", "one of this event's"),
    ("does not exist", "an unknown one is refused"),
    ("is listed twice", "each once"),
    ("must belong to a sub-forum", "required when kind is `subforum`"),
    ("is not in the speaker registry", "from the speaker registry"),
    ("is not a technical exchange session", "a session of kind `exchange`"),
    ("is not a confirmed participant of this event", "a confirmed participant"),
    ("The session must end after it starts", "after starts_at"),
    ("must start within the event's dates", "within the event's dates"),
    ("must end within the event's dates", "within the event's dates"),
    ("needs your consent", "must be true"),
    ("This question needs an answer", "every required question"),
    ("This event has no question", "another id is refused"),
    ("registration form has no choice question", "another id is refused"),
    ("Each language has one channel", "each language once"),
    ("The floor is in this language already", "not the floor's"),
    ("a separate link, or both", "give a channel, a join_url or both"),
    ("Name either a room or a sub-forum", "one of them"),
    ("must be one of this event's", "one of this event's"),
    ("Answer with text.", "as the question's kind asks"),
    ("Choose an option number", "as the question's kind asks"),
    ("Answer yes (true) or no (false).", "as the question's kind asks"),
    ("needs at least two options", "at least two options"),
    ("Options cannot be removed", "only added or renamed"),
    ("Only choice questions have options", "only for choice questions"),
    ("it takes no seat", "takes no seat"),
    ("take a seat in the sub-forum", "take a seat in the sub-forum"),
    ("Write your question", "not blank"),
    ("Follow up either a presentation or a need", "either a presentation or a need"),
    ("you cannot request a meeting with yourself", "not your own"),
]


def served_document() -> dict:
    """The document the app serves (the fuzz run's server serves the same code)."""
    app = make_app("sqlite://", SERVER_NAME=None)
    with app.app_context():
        return app.test_client().get("/api/v1/openapi.json").get_json()


DOCUMENT = served_document()


def fuzz_config() -> schemathesis.Config:
    return schemathesis.Config.from_dict({
        "seed": 20201126,
        "generation": {"max-examples": EXAMPLES, "deterministic": True, "database": "none",
                       "no-shrink": True},
        # The coverage phase tries every value of an enum (600 time zones a call): unbounded.
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTABLE}},
        # The token as the scheme's credential, not as a header forced onto every call: then a
        # call schemathesis sends without it, or with a wrong one, goes out so (a forced
        # header made GET /api/v1/auth/tokens answer 200 where no token was meant to be sent,
        # a finding no curl line could reproduce).
        "auth": {"openapi": {"bearerAuth": {"bearer": TOKEN}}},
        # Ids named like sessions and tokens are shown in the reports; secrets are not.
        "output": {"sanitization": {"keys-to-sanitize": ["authorization", "password"],
                                    "sensitive-markers": ["password", "secret"]}},
    })


schema = schemathesis.openapi.from_dict(DOCUMENT, config=fuzz_config())


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        pass


@dataclass
class Site:
    """The app served on loopback, the demo's rows to put back, its records' ids."""

    base_url: str
    rows: dict[str, list[dict]]
    ids: dict[str, list] = field(default_factory=dict)
    operation: str | None = None
    auth_checked: set[str] = field(default_factory=set)

    def start(self, label: str) -> None:
        """Put the demo back before the first call of an operation."""
        if label != self.operation:
            restore(self.rows)
            self.operation = label


SITE: Site | None = None  # the site being fuzzed, for the hooks and checks below


def snapshot() -> dict[str, list[dict]]:
    with db.engine.connect() as conn:
        return {table.name: [dict(row._mapping) for row in conn.execute(table.select())]
                for table in db.metadata.sorted_tables}


def restore(rows: dict[str, list[dict]]) -> None:
    db.session.remove()
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())
        for table in db.metadata.sorted_tables:
            if rows[table.name]:
                conn.execute(table.insert(), rows[table.name])


def demo_ids(dbs, event: Event) -> dict[str, list]:
    """The ids of the demo's records, by the path parameter that takes them."""

    def ids(column, *where) -> list:
        return list(dbs.scalars(select(column).where(*where).order_by(column)))

    sessions = select(Session.id).where(Session.event_id == event.id)
    topics = select(ExchangeTopic.id).where(ExchangeTopic.session_id.in_(sessions))
    return {
        "slug": [event.slug],
        "session_id": ids(Session.id, Session.event_id == event.id),
        "room_id": ids(VirtualRoom.id, VirtualRoom.event_id == event.id),
        "subforum_id": ids(SubForum.id, SubForum.event_id == event.id),
        "speaker_id": ids(EventSpeaker.speaker_id, EventSpeaker.event_id == event.id),
        "member_id": ids(EventOrganizer.id, EventOrganizer.event_id == event.id),
        "token_id": ids(ApiToken.id),
        "registration_id": ids(Registration.id, Registration.event_id == event.id),
        # question_id in /registration-questions/…; the exchange's questions have none.
        "registration-questions": ids(RegistrationQuestion.id,
                                      RegistrationQuestion.event_id == event.id),
        "topic_id": ids(ExchangeTopic.id, ExchangeTopic.id.in_(topics)),
        "presentation_id": ids(Presentation.id, Presentation.topic_id.in_(topics)),
    }


@pytest.fixture(scope="module")
def fuzz_site(_schema, database_url):
    """The demo, with an organizer on its team, registered for it, holding TOKEN; served
    over HTTP by the app on the same database."""
    global SITE
    with _schema.app_context():
        dbs = db.session
        place_demo(dbs)
        event = dbs.scalar(select(Event).where(Event.slug == SLUG))
        organizer = factories.make_user(dbs, "organizer@example.org", role="organizer")
        factories.add_to_team(dbs, event, organizer)
        # Registered too, so the participants' calls (their registration, seats) have one.
        answers = {question.id: ANSWERS[question.kind] for question in event_questions(dbs, event)}
        register(dbs, event, organizer, factories.registration_input(answers=answers),
                 now=BEFORE_THE_EVENTS)
        dbs.add(ApiToken(user=organizer, label="fuzz",
                         token_hash=hashlib.sha256(TOKEN.encode()).hexdigest()))
        dbs.commit()
        rows, ids = snapshot(), demo_ids(dbs, event)
        dbs.remove()

    server = make_server("127.0.0.1", 0, None, threaded=True, request_handler=QuietHandler)
    address = f"http://127.0.0.1:{server.server_port}"
    served = make_app(database_url, SERVER_NAME=None, PUBLIC_URL=address)
    server.app = served
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    SITE = Site(address, rows, ids)
    yield SITE
    SITE = None
    server.shutdown()
    thread.join(10)
    with served.app_context():
        db.engine.dispose()


@pytest.fixture
def site(app, fuzz_site, monkeypatch):
    # Rate limits would answer the repeated sign-ups and sign-ins with 429 (tests/auth checks
    # them).
    monkeypatch.setattr(limiter, "enabled", False)
    fuzz_site.operation = None
    return fuzz_site


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Mostly the demo's own slug and ids (any of them), sometimes the generated value."""
    if not path_parameters or SITE is None:
        return st.just(path_parameters)
    choices = {}
    for name, value in path_parameters.items():
        known = SITE.ids.get("registration-questions" if name == "question_id" and
                             "registration-questions" in context.operation.path else name)
        choices[name] = (st.one_of(*[st.sampled_from(known)] * 3, st.just(value)) if known
                         else st.just(value))
    return st.fixed_dictionaries(choices)


@schema.hook
def filter_failure(context, failure, case, response):
    """Every finding is kept but a 422 for schema-valid input whose every refused field's
    rule the document states (STATED_RULES)."""
    if not isinstance(failure, RejectedPositiveData) or response.status_code != 422:
        return True
    errors = (response.json() or {}).get("errors") or {}
    return not errors or not all(stated(case.operation, name, message)
                                 for name, message in errors.items())


def stated(operation, name: str, message: str) -> bool:
    """Whether the document states the rule that refused input `name` with `message`."""
    rules = [words for refusal, words in STATED_RULES if refusal in message]
    described = description_of(operation, name)
    return any(words in described for words in rules)


def described_call(operation) -> dict:
    return DOCUMENT["paths"][operation.path][operation.method.lower()]


def body_schema(operation) -> dict:
    body = described_call(operation).get("requestBody", {}).get("content", {})
    return body.get("application/json", {}).get("schema", {})


def description_of(operation, name: str) -> str:
    """What the document says of the input `name`: a body field (dotted: `hosts.0.url`), or a
    path or query parameter (with what it says of the call itself)."""
    call = described_call(operation)
    for parameter in call.get("parameters", []):
        if parameter.get("name") == name and parameter.get("in") in ("path", "query"):
            return " ".join((parameter.get("description", ""), call.get("summary", ""),
                             call.get("description", "")))
    node = body_schema(operation)
    for part in name.split("."):
        node = followed(node)
        if isinstance(node.get("additionalProperties"), dict) and part not in node.get(
                "properties", {}):
            # An entry of a map (`answers.7`, by question id): the map's description says
            # what its entries must be.
            return node.get("description", "")
        node = node.get("items") if part.isdigit() else node.get("properties", {}).get(part)
        if not isinstance(node, dict):
            return ""
    return node.get("description") or followed(node).get("description", "")


def followed(node: dict) -> dict:
    """The schema `node` stands for: its $ref followed, the object of a nullable anyOf."""
    while True:
        if "$ref" in node:
            node = DOCUMENT["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
        elif "anyOf" in node and "properties" not in node:
            node = next((option for option in node["anyOf"] if option.get("type") != "null"),
                        {})
        else:
            return node


def auth_enforced(ctx, response, case):
    """schemathesis's ignored_auth on an operation's first success: it calls again without
    the token and with a wrong one, and expects 401 (once is proof enough)."""
    if SITE is None or case.operation.label in SITE.auth_checked:
        return None
    if 200 <= response.status_code < 300:
        SITE.auth_checked.add(case.operation.label)
    return ignored_auth(ctx, response, case)


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance, positive_data_acceptance,
          auth_enforced]


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_operation_keeps_its_documented_promises(case, site):
    site.start(case.operation.label)
    case.call_and_validate(base_url=site.base_url, checks=CHECKS)


# The caller's own lists: every generated call is also made without the token and with a wrong
# one, and must be refused (401) each time.
own = schema.include(path_regex="^/api/v1/(auth/tokens|me/[a-z]+)$", method="GET")


@own.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_callers_own_lists_need_the_callers_token(case, site):
    site.start(case.operation.label)
    case.call_and_validate(base_url=site.base_url, checks=[ignored_auth])
