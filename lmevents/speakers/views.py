"""Public pages of the speaker registry: an event's speakers, a profile, a portrait."""

from flask import Response, abort, render_template, request
from flask_login import current_user
from markupsafe import Markup

from lmevents.core.text import current_language
from lmevents.events.services import get_event
from lmevents.events.team import organizes_any
from lmevents.extensions import cache, db
from lmevents.revisions import event_version
from lmevents.speakers.blueprint import bp
from lmevents.speakers.models import SpeakerPhoto
from lmevents.speakers.queries import (
    event_countries,
    event_speakers,
    filter_speakers,
    is_public_anywhere,
    speaker_in_event,
)
from lmevents.web.viewer import viewer_clock


@bp.route("/events/<slug:slug>/speakers")
def speaker_list(slug: str):
    event = get_event(db.session, slug)
    country = request.args.get("country", "").strip().upper()[:2]
    organization = request.args.get("organization", "").strip()[:200]

    def render() -> str:
        everyone = event_speakers(db.session, event)
        shown = filter_speakers(everyone, country=country, organization=organization)
        return render_template("speakers/_list.html", event=event, speakers=shown,
                               countries=event_countries(everyone), country=country,
                               organization=organization)

    # Kept by the programme's version, per language and country; a search by organization
    # (any text a visitor types) is rendered each time, so it cannot fill the cache.
    if organization:
        listing = render()
    else:
        key = f"speakers|{event.id}|{event_version(event)}|{current_language()}|{country}"
        listing = cache.get(key)
        if listing is None:
            listing = render()
            cache.set(key, listing)
    return render_template("speakers/list.html", event=event, listing=Markup(listing))


@bp.route("/events/<slug:slug>/speakers/<id:speaker_id>")
def speaker_profile(slug: str, speaker_id: int):
    event = get_event(db.session, slug)
    public = speaker_in_event(db.session, event, speaker_id)
    clock = viewer_clock(event)
    return render_template("speakers/profile.html", event=event, public=public, clock=clock)


@bp.route("/speakers/<id:speaker_id>/photo")
def speaker_photo(speaker_id: int):
    """An uploaded portrait; its hash is a strong validator, so browsers revalidate cheaply.

    Only for speakers some published event shows (organizers see all): ids are sequential,
    and portraits of people not (or no longer) announced must not be collectable."""
    if not organizes_any(db.session, current_user) \
            and not is_public_anywhere(db.session, speaker_id):
        abort(404)
    photo = db.session.scalar(
        db.select(SpeakerPhoto).where(SpeakerPhoto.speaker_id == speaker_id)
    )
    if photo is None:
        abort(404)
    if request.if_none_match.contains(photo.sha256):
        return Response(status=304, headers={"ETag": f'"{photo.sha256}"'})
    response = Response(photo.data, mimetype=photo.content_type)
    response.set_etag(photo.sha256)
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
