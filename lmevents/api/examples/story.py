"""The machinery of the examples (lmevents.api.examples) and what every chapter of the story
uses: Ref, and how an example is shown or resolved; the people the story acts as (PEOPLE); the
demo's records it names and what it makes, as Refs; Example; and the helpers of the answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

API = "/api/v1"
SLUG = "lm-roundtable-2020"  # the demo roundtable (lmevents.demo.roundtable.SLUG)
SITE = "https://lmevents.example.org"  # where the answers' links lead, as on a real site
PASSWORD = "a river shared by six countries"  # every account of the examples has this one


@dataclass(frozen=True)
class Ref:
    """The id of a record in an example. `shown` is the id the document shows: the one the
    record gets when the demo is loaded into an empty database and the story is played in
    order. Replayed elsewhere, the record is found again by `kind` and `key`:

    - a record of the demo by its English name (`room`, `session`, `speaker`, `exchange_topic`,
      `presentation`, `registration_question`) or code (`subforum`);
    - `user` by e-mail address, `registration` by its participant's address (PEOPLE);
    - `made` is made by the story itself: its id is the one an earlier example's answer gives
      at the place where that example's `response` has this Ref.
    """

    kind: str
    key: str
    shown: int


def shown(value: Any) -> Any:
    """The example as the document shows it: every Ref as its `shown` id."""
    return resolved(value, lambda ref: ref.shown)


def resolved(value: Any, id_of: Callable[[Ref], int]) -> Any:
    """The example with every Ref (in values and in keys, e.g. answers by question id) replaced
    by `id_of(ref)`."""
    if isinstance(value, Ref):
        return id_of(value)
    if isinstance(value, dict):
        return {str(id_of(k)) if isinstance(k, Ref) else k: resolved(v, id_of)
                for k, v in value.items()}
    if isinstance(value, list):
        return [resolved(item, id_of) for item in value]
    return value


# The demo's records the examples name.
PLENARY_ROOM = Ref("room", "Plenary room", 1)
ROOM_A = Ref("room", "Sub-forum A room", 2)
ROOM_B = Ref("room", "Sub-forum B room", 3)
EXCHANGE_ROOM = Ref("room", "Technical exchange room", 4)
OPENING = Ref("session", "Opening remarks", 1)
KEYNOTES = Ref("session", "Keynote speeches", 2)
ROUNDTABLE = Ref("session", "Roundtable discussion", 4)
SESSION_A = Ref("session", "Sub-forum A: Lancang-Mekong low-carbon industrial parks: responding "
                "to climate change and sustainable development", 6)
SESSION_B = Ref("session", "Sub-forum B: Lancang-Mekong sustainable infrastructure and ecosystem "
                "management: sharing practice", 7)
EXCHANGE_SESSION = Ref("session", "Online technical exchange: environmental enterprises and the "
                       "Mekong countries", 8)
SUBFORUM_A = Ref("subforum", "A", 1)
SUBFORUM_B = Ref("subforum", "B", 2)
LI_YONGHONG = Ref("speaker", "Li Yonghong", 1)
SYAMPHONE = Ref("speaker", "Syamphone Sengchadala", 3)
TANG_DINGDING = Ref("speaker", "Tang Dingding", 5)
ALISON_JERKINS = Ref("speaker", "Alison Jerkins", 6)
WATER_TOPIC = Ref("exchange_topic", "Water-pollution treatment needs of the Mekong countries and "
                  "Chinese experience", 3)
ENTERPRISE_C = Ref("presentation", "Example Enterprise C (demo data)", 3)
ORGANIZATION_QUESTION = Ref("registration_question", "Your organization is", 1)
TECHNICAL_QUESTION = Ref("registration_question", "Needs or questions you would like to raise "
                         "in the technical exchange", 2)


@dataclass(frozen=True)
class Person:
    """An account the examples act as; it exists before the story starts (`password` is
    PASSWORD). `registered`: registered for the demo before the story, while registration was
    open (confirmed)."""

    ref: Ref
    name: str
    role: str = "participant"
    organization: str = ""
    country: str | None = None
    timezone: str | None = None
    language: str = "en"
    registered: bool = False
    answers: dict[Ref, Any] = field(default_factory=dict)  # to the registration questions

    @property
    def email(self) -> str:
        return self.ref.key


def _person(user_id: int, email: str, name: str, **kwargs) -> Person:
    return Person(Ref("user", email, user_id), name, **kwargs)


ORGANIZER = _person(1, "he.jing@lmec.example.org", "He Jing", role="organizer",
                    organization="Lancang-Mekong Environmental Cooperation Center", country="CN",
                    timezone="Asia/Shanghai", language="zh")
KHAMLA = _person(2, "khamla.s@example.org", "Khamla S.",
                 organization="Ministry of Natural Resources and Environment, Lao PDR",
                 country="LA", timezone="Asia/Vientiane")
WANG = _person(3, "wang.l@example.com", "Wang L.", organization="Example Enterprise C (demo data)",
               country="CN", timezone="Asia/Shanghai", language="zh", registered=True,
               answers={ORGANIZATION_QUESTION: 1})
LINH = _person(4, "linh.n@example.org", "Linh N.", organization="Hanoi University of Science",
               country="VN", timezone="Asia/Ho_Chi_Minh", registered=True,
               answers={ORGANIZATION_QUESTION: 2})
ALEX = _person(5, "alex.r@example.net", "Alex R.", organization="Independent consultant",
               country="DE", timezone="Europe/Berlin", registered=True,
               answers={ORGANIZATION_QUESTION: 1})
COLLEAGUE = _person(6, "li.wen@lmec.example.org", "Li Wen", role="organizer",
                    organization="Lancang-Mekong Environmental Cooperation Center", country="CN",
                    timezone="Asia/Shanghai", language="zh")
PEOPLE = (ORGANIZER, KHAMLA, WANG, LINH, ALEX, COLLEAGUE)  # made in this order (their ids)


# Registered before the story (ids 1 to 3, in the order of PEOPLE).
ALEX_REGISTRATION = Ref("registration", ALEX.email, 3)

# What the story makes: bound to the ids its answers give.
TOKEN = Ref("made", "the organizer's token", 1)
TEAM_MEMBER = Ref("made", "Li Wen on the demo's team", 3)
STANDBY_ROOM = Ref("made", "the standby room", 5)
GAO_LAN = Ref("made", "the speaker Gao Lan", 7)
TEA_BREAK = Ref("made", "the afternoon tea break", 9)
SUBFORUM_C = Ref("made", "sub-forum C", 3)
EXCHANGE_DAY_QUESTION = Ref("made", "the question about the afternoon", 3)
WASTE_TOPIC = Ref("made", "the exchange topic on municipal waste", 5)
ENTERPRISE_E = Ref("made", "Example Enterprise E's presentation", 5)
KHAMLA_REGISTRATION = Ref("made", "Khamla S.'s registration", 4)
KHAMLA_NEED = Ref("made", "Khamla S.'s need", 1)
KHAMLA_QUESTION = Ref("made", "Khamla S.'s question to Example Enterprise C", 1)
MEETING = Ref("made", "Khamla S.'s request to meet Example Enterprise C", 1)
FIRST_TIME = Ref("made", "the first time Khamla S. proposes", 1)
SECOND_TIME = Ref("made", "the second time Khamla S. proposes", 2)
WANGS_TIME = Ref("made", "the time Wang L. proposes", 3)
WEBHOOK = Ref("made", "the webhook of the organizers' CRM", 1)
PING = Ref("made", "the ping to that webhook", 1)
# No example makes this one: the replay arranges it just before the call that declines it.
NEED_MEETING = Ref("made", "Wang L.'s request to meet about Khamla S.'s need", 2)


@dataclass(frozen=True)
class Example:
    """One call: who makes it (None: anyone, no token), its path and query parameters, its
    body, and the answer (shown for every success status the call documents: they share one
    schema), with the status the story gets."""

    summary: str
    caller: Person | None = None
    params: dict[str, Any] = field(default_factory=dict)
    request: Any = None
    response: Any = None
    status: int = 200


def demo(**params: Any) -> dict[str, Any]:
    return {"slug": SLUG, **params}


# Helpers of the answers, shared by every chapter.


def text(zh: str | None, en: str | None) -> dict[str, str | None]:
    return {"zh": zh, "en": en}


NO_TEXT = text(None, None)


def page(path: str) -> str:
    """The address of one of the demo's pages."""
    return f"{SITE}/events/{SLUG}/{path}"
