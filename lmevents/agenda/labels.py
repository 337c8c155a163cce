"""Display names of sessions' kinds, speakers' roles and meeting platforms (translated)."""

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from lmevents.agenda.interpretation import listening_note
from lmevents.agenda.models import Platform, SessionKind, SessionStatus, SpeakerRole

KIND_LABELS = {
    SessionKind.OPENING: _l("Opening remarks"),
    SessionKind.KEYNOTE: _l("Keynote"),
    SessionKind.ROUNDTABLE: _l("Roundtable discussion"),
    SessionKind.SUBFORUM: _l("Parallel sub-forum"),
    SessionKind.EXCHANGE: _l("Technical exchange"),
    SessionKind.BREAK: _l("Break"),
}
ROLE_LABELS = {
    SpeakerRole.CHAIR: _l("Chair"),
    SpeakerRole.MODERATOR: _l("Moderator"),
    SpeakerRole.OPENING_REMARKS: _l("Opening remarks"),
    SpeakerRole.KEYNOTE: _l("Keynote"),
    SpeakerRole.PANELIST: _l("Panelist"),
    SpeakerRole.PRESENTER: _l("Presenter"),
}
PLATFORM_LABELS = {
    Platform.ZOOM: "Zoom",
    Platform.TENCENT_MEETING: _l("Tencent Meeting"),
    Platform.TEAMS: "Microsoft Teams",
    Platform.WEBEX: "Webex",
    Platform.OTHER: _l("Other"),
}
STATUS_LABELS = {SessionStatus.SCHEDULED: _l("Scheduled"), SessionStatus.CANCELLED: _l("Cancelled")}

def country_name(code: str | None) -> str:
    """The country's name in the viewer's language (CLDR, through Babel), or the code."""
    if not code:
        return ""
    return get_locale().territories.get(code, code) if get_locale() else code


def register_labels(app) -> None:
    app.jinja_env.globals.update(
        country_name=country_name,
        kind_label=lambda kind: KIND_LABELS[SessionKind(kind)],
        role_label=lambda role: ROLE_LABELS[SpeakerRole(role)],
        platform_label=lambda p: PLATFORM_LABELS[Platform(p)],
        status_label=lambda s: STATUS_LABELS[SessionStatus(s)],
        usual_role=SpeakerRole.usual_for,
        listening_note=listening_note,
    )
