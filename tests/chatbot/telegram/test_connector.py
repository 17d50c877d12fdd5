"""The Telegram connector: messages as Telegram sends them become our events, whole."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Update

from chatbot.core.events import MessageEvent, PartKind, SenderKind, TextPart
from chatbot.record.entry import NewEntry
from chatbot.telegram.connector import (
    EDIT_VERSION_SCALE,
    edit_version,
    event_from_update,
    message_event,
)
from policy_checks import Action, PolicyEngine

BOT_ID = 999
GROUP = -1001234567890
CHANNEL = -1009876543210
HELEN = {"id": 1004, "is_bot": False, "first_name": "Helen", "last_name": "Moss"}
ANONYMOUS_BOT = {"id": 1087968824, "is_bot": True, "first_name": "Group"}
CHANNEL_BOT = {"id": 136817688, "is_bot": True, "first_name": "Channel"}
EDITED_AT = 1_760_000_000
VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Thornton;Margaret;;;\r\nFN:Margaret Thornton\r\n"
    "TEL;TYPE=CELL:+447911123456\r\nEMAIL;TYPE=INTERNET:m.thornton@gmail.com\r\n"
    "ADR;TYPE=HOME:;;14 Mill Lane;Barton-le-Clay;;MK45 4QD;UK\r\nEND:VCARD"
)


def update(
    content: dict[str, Any],
    *,
    edit_date: int | None = None,
    sender: dict[str, Any] = HELEN,
    **fields: Any,
) -> Update:
    """An update as Telegram sends it: a group message from ``sender`` holding ``content``."""
    message = {
        "message_id": 10,
        "date": EDITED_AT - 60,
        "chat": {"id": GROUP, "type": "supergroup", "title": "Councillors"},
        "from": sender,
        **content,
        **fields,
    }
    if edit_date is not None:
        return Update.de_json(
            {"update_id": 1, "edited_message": {**message, "edit_date": edit_date}}, None
        )
    return Update.de_json({"update_id": 1, "message": message}, None)


def event_of(content: dict[str, Any], **fields: Any) -> MessageEvent:
    event = event_from_update(update(content, **fields), bot_id=BOT_ID)
    assert event is not None
    return event


def text_link(text: str, url: str) -> dict[str, Any]:
    return {
        "text": text,
        "entities": [{"type": "text_link", "offset": 0, "length": len(text), "url": url}],
    }


def poll(question: str, *options: str) -> dict[str, Any]:
    return {
        "poll": {
            "id": "1",
            "question": question,
            "options": [
                {"text": o, "voter_count": 0, "persistent_id": str(n)}
                for n, o in enumerate(options)
            ],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": False,
            "members_only": False,
        }
    }


def document(name: str) -> dict[str, Any]:
    return {"document": {"file_id": "f1", "file_unique_id": "u1", "file_name": name}}


CONTACT = {
    "contact": {
        "phone_number": "+447911123456",
        "first_name": "Margaret",
        "last_name": "Thornton",
        "vcard": VCARD,
    }
}
VENUE = {
    "location": {"latitude": 52.004512, "longitude": -0.423411},
    "venue": {
        "location": {"latitude": 52.004512, "longitude": -0.423411},
        "title": "Mrs Thornton's house",
        "address": "14 Mill Lane, Barton-le-Clay MK45 4QD",
    },
}


def test_when_a_contact_is_shared_then_its_name_number_and_vcard_details_are_a_part() -> None:
    event = event_of(CONTACT)
    assert event.text == ""
    assert event.parts == (
        TextPart(
            PartKind.CONTACT,
            "Margaret Thornton, +447911123456, m.thornton@gmail.com, "
            "14 Mill Lane, Barton-le-Clay, MK45 4QD, UK",
        ),
    )
    assert event.check_text.startswith("Contact: Margaret Thornton, +447911123456")


def test_when_a_venue_is_shared_then_its_title_and_address_are_a_part_not_its_location() -> None:
    event = event_of(VENUE)
    assert event.parts == (
        TextPart(PartKind.VENUE, "Mrs Thornton's house, 14 Mill Lane, Barton-le-Clay MK45 4QD"),
    )


def test_when_a_location_is_shared_then_its_coordinates_are_a_part() -> None:
    event = event_of({"location": {"latitude": 52.004512, "longitude": -0.423411}})
    assert event.check_text == "Location: 52.00451, -0.42341"


def test_when_a_poll_is_posted_then_its_question_and_options_are_a_part() -> None:
    event = event_of(poll("Who should we ask?", "The vicar", "jane.doe@gmail.com"))
    assert event.check_text == "Poll: Who should we ask?\n• The vicar\n• jane.doe@gmail.com"


def test_when_a_checklist_is_posted_then_its_title_and_tasks_are_a_part() -> None:
    checklist = {
        "title": "Before Tuesday",
        "tasks": [{"id": 1, "text": "Ring Mrs Thornton on 07911 123456"}],
    }
    event = event_of({"checklist": checklist})
    assert event.check_text == "Checklist: Before Tuesday\n• Ring Mrs Thornton on 07911 123456"


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (document("Thornton complaint.pdf"), "Thornton complaint.pdf"),
        (
            {
                "audio": {
                    "file_id": "a",
                    "file_unique_id": "ua",
                    "duration": 3,
                    "file_name": "x.mp3",
                }
            },
            "x.mp3",
        ),
        (
            {
                "video": {
                    "file_id": "v",
                    "file_unique_id": "uv",
                    "width": 1,
                    "height": 1,
                    "duration": 1,
                    "file_name": "site visit.mp4",
                }
            },
            "site visit.mp4",
        ),
    ],
)
def test_when_a_file_is_sent_then_its_name_is_a_part(content: dict[str, Any], name: str) -> None:
    event = event_of({**content, "caption": "for Tuesday"})
    assert event.text == "for Tuesday"
    assert TextPart(PartKind.FILE_NAME, name) in event.parts
    assert event.attachments


def test_when_a_link_hides_a_mailto_then_the_address_is_a_part() -> None:
    event = event_of(text_link("write to her", "mailto:jane.doe%40gmail.com?cc=a.n.other@aol.com"))
    assert event.text == "write to her"
    assert event.parts == (TextPart(PartKind.LINK, "e-mail jane.doe@gmail.com, a.n.other@aol.com"),)


def test_when_a_link_hides_a_phone_number_then_the_number_is_a_part() -> None:
    event = event_of(text_link("ring her", "tel:+447911123456"))
    assert event.parts == (TextPart(PartKind.LINK, "phone +447911123456"),)


def test_when_a_link_hides_a_web_address_then_the_address_is_a_part() -> None:
    event = event_of(text_link("the agenda", "https://evil.example.pw/agenda"))
    assert event.parts == (TextPart(PartKind.LINK, "https://evil.example.pw/agenda"),)


def test_when_telegram_finds_a_bare_link_then_it_is_checked_as_a_link() -> None:
    text = "see evil.pw/x or https://bbc.co.uk"
    entities = [
        {"type": "url", "offset": 4, "length": 9},
        {"type": "url", "offset": 17, "length": 17},
    ]
    event = event_of({"text": text, "entities": entities})
    # The one with a scheme is in the text as it is; the bare one is given a scheme.
    assert event.parts == (TextPart(PartKind.LINK, "http://evil.pw/x"),)


def test_when_a_caption_holds_a_hidden_link_then_it_is_a_part() -> None:
    content = {
        **document("a.pdf"),
        "caption": "minutes",
        "caption_entities": [
            {"type": "text_link", "offset": 0, "length": 7, "url": "mailto:jane.doe@gmail.com"}
        ],
    }
    assert TextPart(PartKind.LINK, "e-mail jane.doe@gmail.com") in event_of(content).parts


def test_when_an_anonymous_admin_posts_then_the_group_is_the_sender() -> None:
    sender_chat = {"id": GROUP, "type": "supergroup", "title": "Councillors"}
    event = event_of(
        {"text": "hello"},
        sender_chat=sender_chat,
        author_signature="Chair",
        sender=ANONYMOUS_BOT,
    )
    assert (event.sender_kind, event.sender_id) == (SenderKind.ANONYMOUS_ADMIN, GROUP)
    assert event.sender_name == "Councillors (anonymous admin, Chair)"


def test_when_a_channel_posts_then_the_channel_is_the_sender() -> None:
    sender_chat = {"id": CHANNEL, "type": "channel", "title": "Barton News"}
    event = event_of({"text": "hello"}, sender_chat=sender_chat, sender=CHANNEL_BOT)
    assert (event.sender_kind, event.sender_id) == (SenderKind.CHANNEL, CHANNEL)
    assert event.sender_name == "Barton News (channel)"


def test_when_the_bot_itself_posts_then_there_is_no_event() -> None:
    me = {"id": BOT_ID, "is_bot": True, "first_name": "Councilbot"}
    assert event_from_update(update({"text": "hi"}, sender=me), bot_id=BOT_ID) is None


def test_when_another_bot_posts_then_it_is_an_event() -> None:
    other = {"id": 4242, "is_bot": True, "first_name": "Pollbot"}
    event = event_of({"text": "ring 07911 123456"}, sender=other)
    assert (event.sender_id, event.sender_is_bot) == (4242, True)


def test_when_a_service_message_arrives_then_there_is_no_event() -> None:
    joined = {"new_chat_members": [HELEN]}
    assert event_from_update(update(joined), bot_id=BOT_ID) is None


@pytest.mark.parametrize(
    ("text", "name", "addressee"),
    [("/help", "help", ""), ("/Status@CouncilBot now", "status", "councilbot")],
)
def test_when_a_message_starts_with_a_command_then_the_command_is_read(
    text: str, name: str, addressee: str
) -> None:
    length = len(text.split(maxsplit=1)[0])
    event = event_of(
        {"text": text, "entities": [{"type": "bot_command", "offset": 0, "length": length}]}
    )
    assert event.command is not None
    assert (event.command.name, event.command.addressee) == (name, addressee)
    assert event.command.is_for("councilbot")
    assert not event.command.is_for("otherbot") or not addressee


def test_when_a_command_is_mentioned_mid_sentence_then_the_message_is_no_command() -> None:
    entities = [{"type": "bot_command", "offset": 4, "length": 5}]
    assert event_of({"text": "try /help", "entities": entities}).command is None


def test_when_two_edits_land_in_one_second_then_their_versions_differ() -> None:
    first = event_of({"text": "Meeting on Tuesday"}, edit_date=EDITED_AT)
    second = event_of({"text": "Meeting on Wednesday"}, edit_date=EDITED_AT)
    assert first.edited
    assert first.version != second.version
    assert first.version // EDIT_VERSION_SCALE == EDITED_AT


def test_when_an_edit_is_delivered_again_then_its_version_is_the_same() -> None:
    again = [event_of({"text": "Meeting on Tuesday"}, edit_date=EDITED_AT) for _ in range(2)]
    assert again[0].version == again[1].version == edit_version(EDITED_AT, "Meeting on Tuesday")


def test_when_a_later_second_is_edited_then_its_version_is_larger() -> None:
    earlier = event_of({"text": "zzzz"}, edit_date=EDITED_AT)
    later = event_of({"text": "a"}, edit_date=EDITED_AT + 1)
    assert later.version > earlier.version


def test_when_the_message_as_posted_is_read_then_its_version_is_zero() -> None:
    assert event_of({"text": "Meeting on Tuesday"}).version == 0


def test_when_an_edit_only_swaps_the_file_then_its_version_differs() -> None:
    first = event_of(document("a.pdf"), edit_date=EDITED_AT)
    swapped = {"document": {"file_id": "f2", "file_unique_id": "u2", "file_name": "a.pdf"}}
    assert event_of(swapped, edit_date=EDITED_AT).version != first.version


def test_when_a_replied_to_message_is_read_then_its_own_sender_is_used() -> None:
    reply = update({"text": "/record"}).message
    assert reply is not None
    original = Update.de_json(
        {
            "update_id": 2,
            "message": {
                "message_id": 9,
                "date": 0,
                "chat": {"id": GROUP, "type": "supergroup", "title": "Councillors"},
                "sender_chat": {"id": CHANNEL, "type": "channel", "title": "Barton News"},
                "from": CHANNEL_BOT,
                "text": "Road closed on Friday",
            },
        },
        None,
    ).message
    assert original is not None
    event = message_event(original)
    assert event is not None
    assert (event.sender_kind, event.text) == (SenderKind.CHANNEL, "Road closed on Friday")


def test_when_a_message_with_parts_is_recorded_then_the_record_reads_them() -> None:
    event = event_of({"caption": "For the file", **CONTACT, **document("card.vcf")})
    entry = NewEntry.from_message(event)
    contact = (
        "Contact: Margaret Thornton, +447911123456, m.thornton@gmail.com, "
        "14 Mill Lane, Barton-le-Clay, MK45 4QD, UK"
    )
    assert entry.text.splitlines()[:3] == ["For the file", contact, "File: card.vcf"]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(CONTACT, id="contact"),
        pytest.param(VENUE, id="venue"),
        pytest.param(poll("Who should we ask?", "jane.doe@gmail.com"), id="poll"),
        pytest.param(document("Thornton 07911 123456.pdf"), id="file name"),
        pytest.param(text_link("write to her", "mailto:jane.doe@gmail.com"), id="mailto"),
        pytest.param(text_link("ring her", "tel:+447911123456"), id="tel"),
    ],
)
def test_when_a_part_holds_personal_data_then_the_check_blocks_it(
    content: dict[str, Any], engine: PolicyEngine
) -> None:
    assert engine.check(event_of(content).check_text).action is Action.BLOCK


def test_when_a_poll_is_harmless_then_the_check_allows_it(engine: PolicyEngine) -> None:
    event = event_of(poll("Which evening suits for the next meeting?", "Tuesday", "Wednesday"))
    assert engine.check(event.check_text).action is Action.ALLOW
