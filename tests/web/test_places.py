"""Countries and zones as people pick them: the participating countries first, by their names
in the reader's language (sorted as its readers sort), and forms preset from what is known."""

from __future__ import annotations

import re

import pytest

from tests import factories
from tests.probes import text


def _options(page: str, select: str, group: str) -> list[str]:
    """The labels of one optgroup of a <select name=...>."""
    html = page[page.index(f'name="{select}"'):]
    html = html[html.index(f'<optgroup label="{group}">'):]
    html = html[:html.index("</optgroup>")]
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", html)]


@pytest.mark.parametrize(("lang", "group", "countries"), [
    ("en", "Participating countries",
     ["Cambodia", "China", "China", "Laos", "Myanmar (Burma)", "Thailand", "Vietnam"]),
    # Chinese readers look names up by pinyin: Jianpuzhai, Laowo, Miandian, Taiguo, Yuenan,
    # Zhongguo.
    ("zh", "参与国家", ["柬埔寨", "老挝", "缅甸", "泰国", "越南", "中国", "中国"]),
])
def test_the_zone_picker_lists_the_participating_countries_first(client, event, lang, group,
                                                                  countries):
    page = text(client.get(f"/events/{event.slug}/agenda?lang={lang}"))
    labels = _options(page, "tz", group)
    assert [label.split(" · ")[0] for label in labels] == countries
    assert labels[0] == ("Cambodia · Phnom Penh (UTC+07:00)" if lang == "en"
                         else "柬埔寨 · 金边 (UTC+07:00)")


def test_the_registration_form_is_preset_from_the_account_then_the_browser_then_the_country(
        client, auth, dbs, event, participant):
    participant.name, participant.organization, participant.country = (
        "Souksavanh K.", "MONRE", "LA")
    dbs.commit()
    auth.login("participant@example.org")
    url = f"/events/{event.slug}/register?lang=en"

    def preset(field: str) -> str:
        page = text(client.get(url))
        html = page[page.index(f'name="{field}"'):]
        if field in ("timezone", "country"):
            return re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected',
                             html).group(0).split('"')[1]
        return re.search(r'value="([^"]*)"', html).group(1)

    assert preset("name") == "Souksavanh K." and preset("organization") == "MONRE"
    assert preset("country") == "LA"
    assert preset("timezone") == "Asia/Vientiane"  # the country's zone
    client.set_cookie("tz", "Asia/Bangkok", domain="lmevents.test")
    assert preset("timezone") == "Asia/Bangkok"  # the browser's
    participant.timezone = "Asia/Yangon"
    dbs.commit()
    assert preset("timezone") == "Asia/Yangon"  # the account's


def test_sign_up_offers_lists_preset_from_the_browser_and_the_page(client):
    client.set_cookie("tz", "Asia/Phnom_Penh", domain="lmevents.test")
    page = text(client.get("/auth/signup?lang=zh"))
    assert re.search(r'<option (selected )?value="Asia/Phnom_Penh"( selected)?>', page)
    assert 'selected value="Asia/Phnom_Penh"' in page or 'value="Asia/Phnom_Penh" selected' in page
    assert 'value="zh" selected' in page or 'selected value="zh"' in page
    assert _options(page, "country", "参与国家")[0] == "柬埔寨"


def test_a_participant_from_the_sign_up_form_keeps_what_was_picked(client, dbs):
    response = client.post("/auth/signup", data={
        "name": "Dara", "email": "dara@example.kh", "password": factories.PASSWORD,
        "country": "KH", "timezone": "Asia/Phnom_Penh", "language": "zh"})
    assert response.status_code == 200
    from lmevents.auth.models import User

    user = dbs.query(User).one()
    assert (user.country, user.timezone, user.language) == ("KH", "Asia/Phnom_Penh", "zh")


@pytest.mark.parametrize("zone", ["Asia/Vientiane", "America/Argentina/Buenos_Aires", "UTC"])
def test_the_picker_selects_the_viewers_zone_and_nothing_else(client, event, zone):
    """The picker is kept once made; the viewer's zone is chosen in it on each page."""
    for _ in range(2):  # made, then kept
        page = text(client.get(f"/events/{event.slug}/agenda?tz={zone}"))
        start = page.index('<select name="tz"')
        picker = page[start:page.index("</select>", start)]
        assert re.findall(r'<option value="([^"]+)" selected>', picker) == [zone]
        assert picker.count(f'value="{zone}"') == 1


def test_the_kept_picker_follows_the_readers_language(client, event):
    english = text(client.get(f"/events/{event.slug}/agenda?lang=en"))
    chinese = text(client.get(f"/events/{event.slug}/agenda?lang=zh"))
    assert '<optgroup label="All zones">' in english
    assert '<optgroup label="全部时区">' in chinese and "All zones" not in chinese
