"""The profile page: a person changes their name, organization, country, language and zone;
the site then speaks to them in that language and shows their times in that zone."""

from __future__ import annotations

from lmevents.auth.models import User
from tests import factories
from tests.probes import fresh, text


def test_a_participant_chooses_chinese_and_their_zone(client, auth, dbs, participant, event):
    factories.make_session(dbs, event, factories.at(9), factories.at(9, 40), title_en="Keynote")
    auth.login("participant@example.org")
    assert "Agenda" in text(client.get("/events/test-event/agenda?lang=en"))

    response = client.post("/auth/profile", data={
        "name": "Souksavanh K.", "organization": "MONRE", "country": "LA", "language": "zh",
        "timezone": "Asia/Vientiane"})
    assert response.status_code == 302
    user = fresh(dbs, User, participant.id)
    assert (user.name, user.country, user.language, user.timezone) == (
        "Souksavanh K.", "LA", "zh", "Asia/Vientiane")
    # The account's choice now wins over what the visit asked for before.
    page = text(client.get("/events/test-event/agenda"))
    assert "议程" in page and "08:00–08:40 中南半岛时间（UTC+07:00）" in page
    assert "您的个人资料已保存。" in page


def test_a_bad_profile_is_refused_on_the_form_and_changes_nothing(client, auth, dbs,
                                                                  participant):
    auth.login("participant@example.org")
    response = client.post("/auth/profile?lang=en", data={
        "name": "", "country": "XX", "language": "xx", "timezone": "Mars/Base"})
    assert response.status_code == 422
    page = text(response)
    # Each message under its field and again in the summary above the form.
    assert page.count("Not a valid choice.") == 3 * 2 and "This field is required." in page
    assert fresh(dbs, User, participant.id).name == "participant"


def test_the_profile_is_for_the_signed_in(client):
    response = client.get("/auth/profile")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
