"""Organizers import speakers from a spreadsheet's CSV: every row checked, all or nothing."""

from __future__ import annotations

import io

import pytest

from lmevents.errors import Invalid
from lmevents.speakers.importer import decode_csv, import_speakers
from lmevents.speakers.models import Speaker
from tests import factories
from tests.probes import count, fresh, text

HEADER = "name_zh,name_en,name_native,honorific_zh,country,email,organization_en,bio_en"
GOOD = (
    f"{HEADER}\r\n"
    "李永红,Li Yonghong,,女士,cn,li@example.org,Ministry of Water Resources,\r\n"
    "普利锋,Pu Lifeng,,先生,CN,,Lancang-Mekong Water Center,\"Works on *rivers*.\r\n\r\n"
    "Also on dams.\"\r\n"
    ",Sihar Vongsa,ສີຫາ,,LA,sihar@example.la,\"Ministry of Energy, Lao PDR\",\r\n"
)


def csv_file(content: str | bytes, name: str = "speakers.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return (io.BytesIO(data), name)


def post(client, content, action="run", name="speakers.csv"):
    button = {"run": "Import"} if action == "run" else {"check": "Check (dry run)"}
    return client.post("/manage/speakers/import",
                       data={"file": csv_file(content, name), **button})


def by_name(dbs) -> dict[str, Speaker]:
    dbs.expire_all()
    return {s.name_en: s for s in dbs.query(Speaker)}


def test_names_in_chinese_and_lao_survive_the_import(client, dbs, signed_in):
    response = post(client, "\ufeff" + GOOD)  # as Excel saves "CSV UTF-8"

    assert response.status_code == 302
    speakers = by_name(dbs)
    assert set(speakers) == {"Li Yonghong", "Pu Lifeng", "Sihar Vongsa"}
    assert speakers["Li Yonghong"].name_zh == "李永红"
    assert speakers["Li Yonghong"].display_name("zh") == "李永红女士"
    assert speakers["Pu Lifeng"].name_zh == "普利锋"
    assert speakers["Sihar Vongsa"].name_native == "ສີຫາ"
    assert speakers["Sihar Vongsa"].organization_en == "Ministry of Energy, Lao PDR"
    assert speakers["Pu Lifeng"].bio_en == "Works on *rivers*.\r\n\r\nAlso on dams."
    assert speakers["Li Yonghong"].country == "CN"
    registry = text(client.get("/manage/speakers"))
    assert "李永红" in registry and "普利锋" in registry and "ສີຫາ" in registry


def test_dry_run_reports_and_writes_nothing(client, dbs, signed_in):
    factories.make_speaker(dbs, "Old Li", email="LI@example.org")

    response = post(client, GOOD, action="check")

    assert response.status_code == 200
    assert "would add 2 speakers and update 1" in text(response)
    assert count(dbs, Speaker) == 1
    assert by_name(dbs)["Old Li"].organization_en is None


def test_row_with_a_known_email_updates_that_speaker_and_keeps_what_is_empty(dbs):
    old = factories.make_speaker(dbs, "Li Yonghong", email="li@example.org", country="TH",
                                 position_en="Director")
    csv_text = "name_en,email,country,position_en\r\nLi Yonghong,LI@example.org,CN,\r\n"

    report = import_speakers(dbs, csv_text, dry_run=False)
    dbs.commit()

    assert (report.created, report.updated, report.problems) == (0, 1, [])
    speaker = fresh(dbs, Speaker, old.id)
    assert (speaker.country, speaker.position_en) == ("CN", "Director")
    assert count(dbs, Speaker) == 1


def test_update_may_leave_out_the_name_the_registry_already_has(dbs):
    old = factories.make_speaker(dbs, name_en=None, name_zh="李永红", email="li@example.org")

    report = import_speakers(dbs, "name_en,email\nLi Yonghong,li@example.org\n", dry_run=False)

    assert report.ok
    assert (fresh(dbs, Speaker, old.id).name_zh, old.name_en) == ("李永红", "Li Yonghong")


BAD_ROWS = [
    ("王,Wang,,,XX,,,", 4, "country", "'XX' is not an ISO 3166 country code"),
    ("Wang,,,,,,,", 4, None, None),  # a good row: nothing to report
    (",,ສີຫາ,,LA,,,", 4, "name_en", "A name is required, in Chinese or English"),
    ("王,Wang,,,LA,wang-at-example.org,,", 4, "email", "is not an e-mail address"),
    ("王,Wang,,,,li@example.org,,", 4, "email", "The same e-mail as line 2."),
    ("王," + "W" * 201 + ",,,,,,", 4, "name_en", "At most 200 characters (this has 201)"),
    ("王,Wang,,,,,,,extra", 4, None, "9 values, but the header names 8 columns"),
]


@pytest.mark.parametrize(("row", "line", "field", "message"), BAD_ROWS)
def test_bad_row_is_reported_by_line_and_nothing_is_written(client, dbs, signed_in, row, line,
                                                             field, message):
    # Line 1 is the header, lines 2 and 3 are good speakers, the row under test is line 4.
    content = (f"{HEADER}\n李永红,Li Yonghong,,,CN,li@example.org,,\n"
               f"普利锋,Pu Lifeng,,,CN,,,\n{row}\n")

    response = post(client, content)

    if message is None:
        assert response.status_code == 302
        return
    assert response.status_code == 422
    page = text(response)
    assert "Nothing was imported" in page
    assert f'<tr id="line-{line}"><td>{line}</td>' in page
    assert message.replace("'", "&#39;") in page
    if field:
        assert f"<code>{field}</code>" in page
    assert count(dbs, Speaker) == 0


def test_lines_are_counted_in_the_file_not_in_records(dbs):
    content = (f"{HEADER}\n"
               'Li,Li,,,CN,,,"First paragraph.\n\nSecond paragraph."\n'  # lines 2–4
               "\n"  # line 5: blank, skipped
               "Wu,Wu,,,ZZ,,,\n")  # line 6

    report = import_speakers(dbs, content, dry_run=False)

    assert [(p.line, p.field) for p in report.problems] == [(6, "country")]
    assert not report.written
    assert count(dbs, Speaker) == 0


def test_every_bad_row_is_reported_not_only_the_first(dbs):
    content = f"{HEADER}\n,,,,,,,\n,,ສີຫາ,,,,,\nOk,Ok,,,,,,\n李,Li,,,XX,,,\n,,,,,bad-email,,\n"

    report = import_speakers(dbs, content, dry_run=False)

    assert [(p.line, p.field) for p in report.problems] == [
        (3, "name_en"), (5, "country"), (6, "email")]
    assert count(dbs, Speaker) == 0


@pytest.mark.parametrize(("content", "message"), [
    ("name_en,nickname,email,twitter\nAda,,,\n", "Unknown columns: nickname, twitter"),
    ("name_en;email\nAda;a@example.org\n", "Unknown columns: name_en;email; separate columns"),
    ("email,country\na@example.org,LA\n", "needs a name_zh or a name_en column"),
    ("name_en,email,name_en\nAda,,Ada\n", "Columns named twice: name_en."),
    ("name_en,,email\nAda,,\n", "Column 2 of the header has no name."),
    ("", "The file is empty."),
    ("name_en,email\r\n", "The file has a header but no speaker rows."),
    ('name_en,bio_en\nAda,"Works on rivers\nBen,Works on dams\nCai,Works on fish\n',
     "Line 2: unexpected end of data (is a quoted cell starting here never closed?)."),
])
def test_bad_header_is_refused_naming_the_problem(client, dbs, signed_in, content, message):
    response = post(client, content)

    assert response.status_code == 422
    assert message in text(response)
    assert count(dbs, Speaker) == 0


def test_file_in_another_encoding_is_refused_with_advice(client, dbs, signed_in):
    response = post(client, f"{HEADER}\n李永红,Li,,,CN,,,\n".encode("gb18030"))

    assert response.status_code == 422
    assert "The file is not UTF-8 text" in text(response)
    assert "CSV UTF-8" in text(response)
    assert count(dbs, Speaker) == 0


def test_decoding_drops_the_byte_order_mark_only(dbs):
    assert decode_csv("\ufeffname_zh\n李永红\n".encode()) == "name_zh\n李永红\n"
    with pytest.raises(Invalid, match="not UTF-8"):
        decode_csv("name_en\nAda\n".encode("utf-16"))


def test_a_file_is_required(client, dbs, signed_in):
    response = client.post("/manage/speakers/import", data={"check": "Check (dry run)"})

    assert response.status_code == 422
    assert "Choose a CSV file." in text(response)


def test_import_page_lists_the_columns(client, signed_in):
    page = text(client.get("/manage/speakers/import"))

    assert "<code>name_native</code>" in page and "Check (dry run)" in page
