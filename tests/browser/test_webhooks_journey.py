"""An organizer connects their CRM to an event in Chromium: a receiver on the server's own
network is refused with the error summary, a public one is added, its secret shown, a test
queued and listed with the deliveries; each screen checked with axe in both languages."""

from __future__ import annotations

from playwright.sync_api import expect

from tests import factories
from tests.browser.helpers import expect_error_summary, key_screen, sign_in

JOURNEY = "webhooks"


def test_organizer_connects_a_receiver_and_sends_it_a_test(browser, site, dbs, soft):
    organizer = factories.make_user(dbs, "planner@example.org", role="organizer")
    event = factories.make_event(dbs, slug="delta-forum", title_en="Delta forum")
    factories.add_to_team(dbs, event, organizer)
    dbs.commit()
    desk = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    sign_in(page, site, organizer.email)

    page.goto(f"{site}/manage/events/delta-forum/edit?lang=en")
    page.locator("nav.manage-nav").get_by_role("link", name="Webhooks").click()
    expect(page.get_by_role("heading", name="Webhooks", exact=True)).to_be_visible()
    expect(page.locator("main table")).to_contain_text("No webhook yet.")

    form = page.locator("main form")
    form.get_by_label("Receiver's address").fill("http://127.0.0.1:8080/hooks")
    form.get_by_role("button", name="Add the webhook").click()
    expect_error_summary(page, ["url"])
    expect(page.locator("form div.error-summary")).to_contain_text(
        "Webhooks are sent to public addresses only, not to 127.0.0.1.")
    key_screen(page, soft, JOURNEY, "refused", other_language=False)

    form = page.locator("main form")
    form.get_by_label("Receiver's address").fill("https://crm.example.org/hooks/lmevents")
    form.get_by_label("Description").fill("Our CRM")
    form.get_by_label("Someone registers").check()
    form.get_by_label("A seat is taken (also from the waiting list)").check()
    form.get_by_role("button", name="Add the webhook").click()
    expect(page.locator(".flash")).to_contain_text("Webhook added.")
    secret = page.get_by_label("Secret").input_value()
    assert secret.startswith("whsec_")
    key_screen(page, soft, JOURNEY, "added")

    page.get_by_role("button", name="Send a test").click()
    expect(page.locator(".flash")).to_contain_text("A test announcement is queued")
    row = page.locator("main table tr", has_text="Test (ping)")
    expect(row).to_contain_text("Not tried yet.")
    key_screen(page, soft, JOURNEY, "test-queued")

    page.locator("main").get_by_role("link", name="All webhooks").click()
    listing = page.locator("main table")
    expect(listing).to_contain_text("https://crm.example.org/hooks/lmevents")
    expect(listing).to_contain_text("Someone registers; A seat is taken")
    desk.close()
    soft.assert_all()
