"""Interpretation: the language spoken on a room's floor (a session may speak another), how
to hear each interpretation of it (a channel of the room's platform, or a separate link),
and what that means for one listener."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel import Locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from lmevents.agenda.models import InterpretationChannel, Session, VirtualRoom
from lmevents.core.models import SPOKEN_LANGUAGES
from lmevents.core.validation import check_web_url
from lmevents.errors import Faults, Invalid

MOST_CHANNELS = len(SPOKEN_LANGUAGES) - 1


@dataclass
class ChannelInput:
    language: str
    channel: str | None = None
    join_url: str | None = None


def _read(entry: Any) -> ChannelInput:
    """A channel as given: a ChannelInput, a dict (the API's body) or a stored row."""
    if isinstance(entry, dict):
        return ChannelInput(entry.get("language") or "", entry.get("channel") or None,
                            entry.get("join_url") or None)
    return ChannelInput(entry.language, entry.channel or None, entry.join_url or None)


def check_language(value: str | None, field: str) -> None:
    if value is not None and value not in SPOKEN_LANGUAGES:
        raise Invalid(_l("Choose a language among %(choices)s.",
                         choices=", ".join(SPOKEN_LANGUAGES)), field=field)


def check_interpretation(floor_language: str | None, channels: list, faults: Faults) -> None:
    """Add every fault of a room's floor language and channels to `faults`."""
    with faults.caught():
        check_language(floor_language, "floor_language")
    seen: set[str] = set()
    entries = [_read(c) for c in channels or []]
    if len(entries) > MOST_CHANNELS:
        faults.add(Invalid(_l("At most %(most)d interpretation channels.", most=MOST_CHANNELS),
                           field="channels"))
    for number, entry in enumerate(entries):
        where = f"channels.{number}"
        with faults.caught():
            check_language(entry.language or None, f"{where}.language")
        if not entry.language:
            faults.add(Invalid(_l("Name the language of this channel."),
                               field=f"{where}.language"))
        elif entry.language in seen:
            faults.add(Invalid(_l("Each language has one channel."), field=f"{where}.language"))
        elif floor_language and entry.language == floor_language:
            faults.add(Invalid(_l("The floor is in this language already: it needs no "
                                  "channel."), field=f"{where}.language"))
        seen.add(entry.language)
        if not entry.channel and not entry.join_url:
            faults.add(Invalid(_l("Give the channel's name in the platform, a separate link, "
                                  "or both."), field=f"{where}.channel"))
        with faults.caught():
            check_web_url(entry.join_url, f"{where}.join_url", _l(
                "The link must start with https:// or http:// and name a web host."))


def assign_channels(room: VirtualRoom, channels: list) -> None:
    """The room's channels become `channels`, in their order."""
    entries = [_read(c) for c in channels or []]
    kept = {c.language: c for c in room.channels}
    room.channels = []
    for position, entry in enumerate(entries):
        row = kept.get(entry.language) or InterpretationChannel(language=entry.language)
        row.position, row.channel, row.join_url = position, entry.channel, entry.join_url
        room.channels.append(row)


@dataclass(frozen=True)
class Listening:
    """How one listener hears a session."""

    language: str  # what they listen in
    floor: str | None  # the language spoken, if known
    channel: InterpretationChannel | None  # how to hear the interpretation, if one is needed

    @property
    def on_the_floor(self) -> bool:
        return self.floor is None or self.floor == self.language

    @property
    def missing(self) -> bool:
        """Interpretation into their language is needed and none is offered."""
        return not self.on_the_floor and self.channel is None


def how_to_listen(session: Session, language: str) -> Listening:
    room = session.meeting_room
    floor = session.spoken_language
    channel = None
    if room is not None and floor is not None and floor != language:
        channel = next((c for c in room.channels if c.language == language), None)
    return Listening(language, floor, channel)


def language_name(code: str | None, lang: str) -> str:
    """A spoken language's name in the reader's language (CLDR)."""
    if not code:
        return ""
    return Locale.parse(lang).languages.get(code, code)


def listening_note(session: Session, language: str | None, lang: str) -> str | None:
    """How a listener in `language` hears `session`, as a sentence in `lang` (gettext: call
    it in the reader's language); None when the floor language is not said."""
    if not language:
        return None
    listening = how_to_listen(session, language)
    if listening.floor is None:
        return None
    floor, theirs = language_name(listening.floor, lang), language_name(language, lang)
    if listening.on_the_floor:
        return _("Held in %(floor)s.", floor=floor)
    channel = listening.channel
    if channel is None:
        return _("Held in %(floor)s; no interpretation into %(language)s is offered.",
                 floor=floor, language=theirs)
    if channel.channel and channel.join_url:
        return _("Held in %(floor)s; %(language)s: the “%(channel)s” channel, or %(link)s",
                 floor=floor, language=theirs, channel=channel.channel, link=channel.join_url)
    if channel.channel:
        return _("Held in %(floor)s; %(language)s: choose the “%(channel)s” channel in the "
                 "meeting.", floor=floor, language=theirs, channel=channel.channel)
    return _("Held in %(floor)s; %(language)s: %(link)s", floor=floor, language=theirs,
             link=channel.join_url)
