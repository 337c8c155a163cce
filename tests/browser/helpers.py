"""What the browser journeys share: signing in, the mail caught by a loopback SMTP server,
calendars read back with `icalendar`, axe-core on every page, screenshots in both languages,
and the error summary of a refused form."""

from __future__ import annotations

import email
import json
import re
from collections import Counter
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import icalendar
from aiosmtpd.controller import Controller
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests import factories
from tests.smtp import Inbox

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SCREENS = ARTIFACTS / "screens"
AXE_REPORT = ARTIFACTS / "axe-results.json"
IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING = ("critical", "serious")
SHANGHAI = ZoneInfo("Asia/Shanghai")
# Events of the journeys lie ahead: registration, seats, questions and meetings are open.
FUTURE_DAY = date.today() + timedelta(days=60)
# How long a check waits for what a page already rendered on the server.
RENDERED = 2000


def at(hour: int, minute: int = 0, day: date = FUTURE_DAY) -> datetime:
    """An aware time on the journeys' event day, in Shanghai."""
    return factories.at(hour, minute, day=day)


# Signing in.

def sign_in(page: Page, site: str, email_address: str,
            password: str = factories.PASSWORD) -> None:
    """Signs in on the (English) sign-in page; the next page's ?lang= chooses its language."""
    page.goto(f"{site}/auth/login?lang=en")
    form = page.locator("main form")
    form.get_by_label("E-mail").fill(email_address)
    form.get_by_label("Password").fill(password)
    form.get_by_role("button", name="Sign in").click()
    # On a phone the menu is folded: the button is there, out of sight.
    expect(page.locator("header.site").get_by_role(
        "button", name="Sign out", include_hidden=True)).to_be_attached()


def with_query(url: str, **values: str) -> str:
    """`url` with these query parameters set (others kept)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(values)
    return urlunsplit(parts._replace(query=urlencode(query)))


# Mail: a real SMTP server on loopback, fed by `flask lmevents send-mail`.



class Mailbox:
    """The loopback SMTP server and the outbox's delivery to it."""

    def __init__(self, runner, port: int):
        self.runner = runner
        self.inbox = Inbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=port)

    def deliver(self) -> list[email.message.EmailMessage]:
        """Run `flask lmevents send-mail`; the messages it delivered."""
        before = len(self.inbox.messages)
        result = self.runner.invoke(args=["lmevents", "send-mail"])
        assert result.exit_code == 0, result.output
        assert "failed 0" in result.output and "given up 0" in result.output, result.output
        return self.inbox.messages[before:]

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.inbox.messages if m["To"] == address]

    def last_to(self, address: str, subject_has: str = "") -> email.message.EmailMessage:
        found = [m for m in self.to(address) if subject_has in m["Subject"]]
        assert found, (f"no mail to {address} with {subject_has!r} in its subject; got "
                       f"{[(m['To'], m['Subject']) for m in self.inbox.messages]}")
        return found[-1]


def body_text(message: email.message.EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def links_in(message: email.message.EmailMessage) -> list[str]:
    return re.findall(r"https?://[^\s<>\"“”]+", body_text(message))


def calendar_attachments(message: email.message.EmailMessage) -> list:
    return [part for part in message.iter_attachments()
            if part.get_content_type() == "text/calendar"]


# Calendars.

def read_calendar(data: bytes | str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def vevents(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    """The calendar's events by summary."""
    return {str(e.get("summary")): e for e in calendar.walk("VEVENT")}


def starts(vevent) -> datetime:
    return vevent.decoded("dtstart")


# Accessibility: axe-core (bundled with axe-playwright-python) on each page.

_axe = Axe()
AXE_RESULTS: dict[str, dict] = {}


def check_accessibility(page: Page, name: str) -> dict:
    """Run axe-core on the page as it is; fail naming each serious or critical violation
    (rule, help, the first elements' selectors). Every page's counts by impact are kept for
    the report written at the end of the run (artifacts/axe-results.json)."""
    violations = _axe.run(page).response["violations"]
    counts = Counter(v.get("impact") or "minor" for v in violations)
    AXE_RESULTS[name] = {
        "url": page.url,
        "counts": {impact: counts.get(impact, 0) for impact in IMPACTS},
        "violations": [
            {"id": v["id"], "impact": v.get("impact"), "help": v["help"],
             "nodes": len(v["nodes"]), "targets": [n["target"] for n in v["nodes"][:3]]}
            for v in violations
        ],
    }
    blocking = [v for v in violations if v.get("impact") in BLOCKING]
    assert not blocking, f"{name} ({page.url}): " + "; ".join(
        f"[{v['impact']}] {v['id']}: {v['help']} at "
        + ", ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
        for v in blocking)
    return AXE_RESULTS[name]


def write_axe_report() -> None:
    if not AXE_RESULTS:
        return
    totals = Counter()
    for result in AXE_RESULTS.values():
        totals.update(result["counts"])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    AXE_REPORT.write_text(json.dumps({
        "axe_core": _axe_version(),
        "pages": dict(sorted(AXE_RESULTS.items())),
        "totals": {impact: totals.get(impact, 0) for impact in IMPACTS},
    }, ensure_ascii=False, indent=2))


def _axe_version() -> str:
    found = re.search(r"axe v([\d.]+)", _axe.axe_script[:200])
    return found.group(1) if found else "unknown"


# Screenshots, and each key screen in both languages.

def page_language(page: Page) -> str:
    # Through a locator, which waits for a page still being loaded after a click.
    page.wait_for_load_state("load")
    return "zh" if (page.locator("html").get_attribute("lang") or "").startswith("zh") else "en"


_SCREENS_TAKEN: set[Path] = set()


def screenshot(page: Page, journey: str, step: str) -> Path:
    """artifacts/screens/<journey>-<step>-<lang>.png, the whole page; once per run (the
    second database's run shows the same screens)."""
    path = SCREENS / f"{journey}-{step}-{page_language(page)}.png"
    if path not in _SCREENS_TAKEN:
        page.screenshot(path=str(path), full_page=True)
        _SCREENS_TAKEN.add(path)
    return path


class Soft:
    """Checks a journey goes on past, reported together when it ends: a broken step further
    on is still found, and every failure is named."""

    def __init__(self):
        self.failures: list[str] = []

    @contextmanager
    def check(self, what: str):
        try:
            yield
        except AssertionError as failure:
            self.failures.append(f"{what}: {failure}")

    def assert_all(self) -> None:
        assert not self.failures, "\n".join(self.failures)


def key_screen(page: Page, soft: Soft, journey: str, step: str, *, other_language=True) -> None:
    """A screen of a journey: checked with axe and saved, then (unless told otherwise) the
    same address in the other language too, before coming back to it."""
    lang = page_language(page)
    with soft.check(f"accessibility of {journey}/{step} ({lang})"):
        check_accessibility(page, f"{journey}/{step} ({lang})")
    screenshot(page, journey, step)
    if not other_language:
        return
    back = page.url
    other = "en" if lang == "zh" else "zh"
    page.goto(with_query(back, lang=other))
    expect(page.locator("html")).to_have_attribute("lang", re.compile("^zh" if other == "zh"
                                                                      else "^en"))
    with soft.check(f"accessibility of {journey}/{step} ({other})"):
        check_accessibility(page, f"{journey}/{step} ({other})")
    screenshot(page, journey, step)
    page.goto(with_query(back, lang=lang))


# Refused forms: the error summary at the top of the form.

def expect_error_summary(page: Page, field_ids: list[str]) -> None:
    """After a refused submit: `<div class="error-summary" role="alert" tabindex="-1">` at
    the top of the form, with a heading and a link to each field in error, has the focus;
    each such field is aria-invalid and described by its message."""
    summary = page.locator("form div.error-summary")
    expect(summary, "an error summary in the form").to_have_count(1, timeout=RENDERED)
    expect(summary).to_have_attribute("role", "alert", timeout=RENDERED)
    expect(summary).to_have_attribute("tabindex", "-1", timeout=RENDERED)
    expect(summary.get_by_role("heading")).to_have_count(1, timeout=RENDERED)
    expect(summary, "focus on the error summary").to_be_focused(timeout=RENDERED)
    first_field = summary.evaluate(
        """(el) => {
             const form = el.closest('form');
             const field = form.querySelector('input:not([type=hidden]), select, textarea');
             return !field || !!(el.compareDocumentPosition(field)
                                 & Node.DOCUMENT_POSITION_FOLLOWING);
           }""")
    assert first_field, "the error summary comes before the form's fields"
    for field_id in field_ids:
        expect(summary.locator(f'a[href="#{field_id}"]'),
               f"a link to #{field_id} in the summary").to_have_count(1, timeout=RENDERED)
        field = page.locator(f"#{field_id}")
        expect(field).to_have_attribute("aria-invalid", "true", timeout=RENDERED)
        described = field.get_attribute("aria-describedby") or ""
        assert described, f"#{field_id} has no aria-describedby"
        messages = [page.locator(f"#{ident}").inner_text() for ident in described.split()
                    if page.locator(f"#{ident}").count()]
        assert any(m.strip() for m in messages), \
            f"#{field_id} is described by {described!r}, which holds no message"
