"""Text for people written one way: gettext in the reader's language from the catalogue in the
repository, links from the configured public address, outside a request as inside one."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from sqlalchemy import select

import lmevents
from lmevents.core.text import public_url, written_for
from lmevents.mail.models import OutboxMessage
from lmevents.registration.registrations import RegistrationInput, register
from tests import factories

CATALOGUE = Path(lmevents.__file__).parent / "translations" / "zh" / "LC_MESSAGES"


def test_the_compiled_catalogue_is_the_one_in_the_repository():
    with open(CATALOGUE / "messages.po", "rb") as po, open(CATALOGUE / "messages.mo", "rb") as mo:
        source, compiled = read_po(po, locale="zh"), read_mo(mo)
    def entries(catalog) -> dict:
        """{msgid: translations} of what the catalogue translates (the .mo also carries
        untranslated plurals, as their English forms)."""
        found = {}
        for m in catalog:
            ids = tuple(m.id) if isinstance(m.id, list | tuple) else (m.id,)
            strings = tuple(m.string) if isinstance(m.string, list | tuple) else (m.string,)
            if m.id and any(strings) and not set(strings) <= set(ids) and not m.fuzzy:
                found[ids] = strings
        return found

    translated = entries(source)
    assert translated, "the catalogue translates nothing"
    assert entries(compiled) == translated, \
        "run: pybabel compile -d lmevents/translations"


def test_every_translation_keeps_the_placeholders_of_its_original():
    with open(CATALOGUE / "messages.po", "rb") as po:
        source = read_po(po, locale="zh")
    def placeholders(texts) -> set[str]:
        return {name for text in texts for name in re.findall(r"%\(\w+\)[sd]", text)}

    for message in source:
        ids = message.id if message.pluralizable else (message.id,)
        strings = [s for s in (message.string if message.pluralizable else (message.string,)) if s]
        for string in strings:
            assert placeholders([string]) == placeholders(ids), message.id


def test_every_message_in_the_code_and_templates_has_its_chinese_translation():
    """Extracted now, from the sources as they are: a new message without its translation (or
    an extraction that was not run) fails here, not in front of a Chinese-speaking user."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    root = Path(lmevents.__file__).parent.parent
    with open(root / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None,
                "lazy_gettext": None, "pgettext": ((1, "c"), 2)}
    in_sources = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            root, method_map, options_map, keywords=keywords):
        in_sources.add(message[0] if isinstance(message, tuple) else message)
    with open(CATALOGUE / "messages.po", "rb") as po:
        source = read_po(po, locale="zh")
    translated = {
        (m.id[0] if m.pluralizable else m.id)
        for m in source
        if m.id and all(m.string if m.pluralizable else (m.string,)) and not m.fuzzy
    }
    missing = sorted(in_sources - translated)
    assert not missing, ("messages without a Chinese translation (extract, update, translate, "
                         "compile: see the README): " + "; ".join(missing[:20]))


def test_mail_is_written_outside_a_request_in_the_readers_language(app, dbs):
    # The app fixture holds an app context and no request, as the CLI and workers do.
    event = factories.make_event(dbs)
    user = factories.make_user(dbs, "ada@example.org", language="zh")
    register(dbs, event, user, RegistrationInput(
        name="Ada", organization="Org", position="", country="LA", language="zh",
        timezone="Asia/Vientiane", consent=True))
    dbs.commit()
    mail = dbs.scalar(select(OutboxMessage))
    assert mail.subject == "报名成功：测试圆桌"
    assert "您已成功报名“测试圆桌”" in mail.body_text
    assert "http://lmevents.test/me/agenda" in mail.body_text
    with written_for("en"):
        assert public_url("registration.my_agenda") == "http://lmevents.test/me/agenda"


def test_mailed_links_start_from_the_public_url_not_the_request_host(app, client, dbs,
                                                                     participant, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://events.example.org/lm")
    response = client.post("/auth/reset", data={"email": participant.email})
    assert response.status_code == 302
    body = dbs.scalar(select(OutboxMessage)).body_text
    assert re.search(r"https://events\.example\.org/lm/auth/reset/\S+", body), body
    assert "lmevents.test" not in body


def test_an_unknown_reader_language_reads_english(app):
    with written_for("fr") as lang:
        assert lang == "en"


REFUSALS = {"DomainError", "Invalid", "Conflict", "NotFound", "Forbidden", "ValidationError",
            "StopValidation"}


def _refusal_messages():
    """Every translatable message the code refuses something with: (where, text)."""
    for path in Path(lmevents.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and node.args
                    and getattr(node.func, "id", getattr(node.func, "attr", None)) in REFUSALS):
                continue
            message = node.args[0]
            if (isinstance(message, ast.Call) and getattr(message.func, "id", "") in ("_", "_l")
                    and message.args and isinstance(message.args[0], ast.Constant)):
                yield f"{path.name}:{node.lineno}", message.args[0].value


def test_every_refusal_is_written_as_a_sentence():
    """Refusals are read on forms, in summaries and in API answers: each one starts with a
    capital (or with the name it is about) and ends like a sentence, never a lower-case
    fragment."""
    messages = list(_refusal_messages())
    fragments = [(where, text) for where, text in messages
                 if not ((text[:1].isupper() or text.startswith(("%(", "'%(")))
                         and text.rstrip()[-1:] in ".?!")]

    assert len(messages) > 150
    assert fragments == []
