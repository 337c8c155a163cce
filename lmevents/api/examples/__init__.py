"""Examples for every call of the JSON API, shown with it in the OpenAPI document (`/api/v1/docs`).

They tell one story on the demo roundtable (`lm-roundtable-2020`, lmevents/demo), a week before
its illustrative day: its organizer prepares the programme and the exchange, a participant from
Laos registers, takes seats, posts a need, asks a presenting enterprise a question and asks it
to meet. EXAMPLES holds one example per call, keyed like the document ("METHOD /api/v1/path/
{param}"), in the order of the story: each uses only what the demo, PEOPLE or an earlier
example made. tests/api/test_examples.py plays them in this order against the loaded demo and
checks that every one is accepted and that each body validates against the schema it
illustrates; it names any call of the document that has no example here. A new call gets its
example at the place of the story where what it needs exists.

Ids are `Ref`s: the document shows the id a record has when the demo is loaded into an empty
database and the story is played, while the replay finds the record wherever it is (see Ref).
PROBLEMS holds the problem+json body of each error status the calls document.

The story is told in chapters, a module each, which EXAMPLES joins in the order of CHAPTERS:

- preparing: 1. accounts and tokens; 2. the organizer prepares the roundtable (the event, its
  team, the webhook of the organizers' CRM, the virtual rooms);
- programme: 3. speakers, the programme and the sub-forums; 4. the registration form; 5. the
  exchange's topics and presentations;
- taking_part: 6. a participant from Laos registers and takes seats;
- exchange: 7. the technical exchange: a need, a question, votes, a 1:1 meeting;
- closing: 8. plans change; the organizer looks back and puts the token away.

What they share: story (Ref, Person, PEOPLE, Example, the Refs the story names and makes, the
helpers of the answers) and records (the demo's records as the answers show them). PROBLEMS is
in problems.
"""

from __future__ import annotations

from lmevents.api.examples import closing, exchange, preparing, programme, taking_part
from lmevents.api.examples.problems import PROBLEMS
from lmevents.api.examples.story import (
    KHAMLA_NEED,
    NEED_MEETING,
    ORGANIZER,
    PASSWORD,
    PEOPLE,
    WANG,
    Example,
    Person,
    Ref,
    resolved,
    shown,
)

# The chapters of the story, in its order: the replay plays EXAMPLES in this order.
CHAPTERS = (preparing, programme, taking_part, exchange, closing)
EXAMPLES: dict[str, Example] = {
    key: example for chapter in CHAPTERS for key, example in chapter.EXAMPLES.items()}

__all__ = ["CHAPTERS", "EXAMPLES", "KHAMLA_NEED", "NEED_MEETING", "ORGANIZER", "PASSWORD",
           "PEOPLE", "PROBLEMS", "WANG", "Example", "Person", "Ref", "resolved", "shown"]
