"""/api/v1/docs in Chromium: Swagger UI, from the app's own files, shows the API's calls
without the page's Content-Security-Policy blocking anything."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_the_api_documentation_shows_every_area_of_the_api(page, site):
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(site) and not request.url.startswith("data:") else None)

    page.goto(f"{site}/api/v1/docs")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("lmevents")
    for path in ("/events/{slug}/sessions", "/auth/tokens", "/me/registrations",
                 "/events/{slug}/exchange/meetings"):
        expect(page.locator(".opblock-summary-path", has_text=re.compile(
            re.escape(path) + "$")).first).to_be_attached()
    assert refused == [] and outside == []
