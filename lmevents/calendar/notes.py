"""What calendars and schedule apps say of a session besides its title and times: who speaks
(and in what part) and its topics. Written in the reader's language: call these inside
`lmevents.core.text.written_for`."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import lazy_gettext as _l

from lmevents.agenda.labels import ROLE_LABELS
from lmevents.agenda.models import Session, SessionSpeaker


def public_speakers(session: Session, hidden: frozenset[int]) -> list[SessionSpeaker]:
    """The session's speakers in order, without those its event keeps hidden."""
    return [part for part in session.speakers if part.speaker_id not in hidden]


SPEAKERS = _l("Speakers:")
TOPICS = _l("Topics:")


def speakers_note(session: Session, hidden: frozenset[int], lang: str,
                  label: Callable[[object], str] = str) -> str:
    """'Speakers:' and one numbered line each: name (part) — position, organization: talk.
    `label` writes a fixed label (a calendar of a thousand sessions translates each once)."""
    speakers = public_speakers(session, hidden)
    if not speakers:
        return ""
    lines = [label(SPEAKERS)]
    for number, part in enumerate(speakers, 1):
        speaker = part.speaker
        line = f"{number}. {speaker.display_name(lang)} ({label(ROLE_LABELS[part.role])})"
        where = ", ".join(x for x in (speaker.text("position", lang),
                                      speaker.text("organization", lang)) if x)
        if where:
            line += f" — {where}"
        if part.text("talk_title", lang):
            line += f": {part.text('talk_title', lang)}"
        lines.append(line)
    return "\n".join(lines)


def topics_note(session: Session, lang: str, label: Callable[[object], str] = str) -> str:
    """'Topics:' and one line each, or nothing when the session has none."""
    if not session.topics:
        return ""
    return "\n".join([label(TOPICS), *(f"- {t.text('title', lang)}" for t in session.topics)])
