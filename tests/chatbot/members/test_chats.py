"""The three settings of a group, and how often a group added by a non-officer is reported."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chatbot.members.chats import GroupReports, GroupSetting

NOON = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moderate", "official", "setting"),
    [
        (True, False, GroupSetting.MODERATE),
        (True, True, GroupSetting.OFFICIAL),
        (False, False, GroupSetting.IGNORE),
        (False, True, GroupSetting.OFFICIAL),  # council.toml may keep a record unmoderated
    ],
)
def test_when_a_rows_flags_are_read_then_they_name_its_setting(
    *, moderate: bool, official: bool, setting: GroupSetting
) -> None:
    assert GroupSetting.of(moderate=moderate, official=official) is setting


@pytest.mark.parametrize("setting", list(GroupSetting))
def test_when_a_setting_is_stored_then_its_flags_read_back_as_it(setting: GroupSetting) -> None:
    assert GroupSetting.of(moderate=setting.moderate, official=setting.official) is setting


def test_when_a_group_was_reported_then_it_is_not_again_for_a_day() -> None:
    reports = GroupReports()
    assert reports.due(-1001, NOON)
    assert not reports.due(-1001, NOON + timedelta(hours=23))
    assert reports.due(-1002, NOON + timedelta(hours=23))
    assert reports.due(-1001, NOON + timedelta(days=1))


def test_when_more_groups_than_remembered_are_reported_then_the_oldest_is_forgotten() -> None:
    reports = GroupReports(limit=2)
    for chat_id in (-1, -2, -3):
        assert reports.due(chat_id, NOON)
    assert reports.due(-1, NOON)
    assert not reports.due(-3, NOON)
