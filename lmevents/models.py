"""Imports every area's models so the mapper registry (and Alembic) sees the whole schema."""

from lmevents.agenda.models import (  # noqa: F401
    InterpretationChannel,
    Session,
    SessionChange,
    SessionKind,
    SessionSpeaker,
    SessionStatus,
    SessionTopic,
    SpeakerRole,
    VirtualRoom,
)
from lmevents.auth.models import ApiToken, Role, User  # noqa: F401
from lmevents.calendar.models import FeedVersion, PersonalFeed  # noqa: F401
from lmevents.events.models import Event, EventContact, EventHost  # noqa: F401
from lmevents.exchange.models import (  # noqa: F401
    ExchangeTopic,
    MeetingProposal,
    MeetingRequest,
    Need,
    Presentation,
    Question,
    QuestionVote,
)
from lmevents.live.models import Attendance, ReminderSent, RunningLate  # noqa: F401
from lmevents.mail.models import OutboxMessage  # noqa: F401
from lmevents.registration.models import (  # noqa: F401
    Registration,
    RegistrationQuestion,
    Seat,
)
from lmevents.speakers.models import EventSpeaker, InvitationState, Speaker, SpeakerPhoto  # noqa: F401
from lmevents.subforums.models import SubForum, SubForumModerator, SubForumTopic  # noqa: F401
from lmevents.webhooks.models import Webhook, WebhookAttempt, WebhookDelivery  # noqa: F401
