"""What each desk endpoint does, over HTTP against the served desk and the fake Bot API."""

from __future__ import annotations

import json
from datetime import date, timedelta

from chatbot.desk.routes import SECURITY_HEADERS
from tests.chatbot.desk.conftest import (
    ASSISTANT,
    CHAIR,
    CLERK,
    COUNCILLOR,
    MONITOR,
    DeskServer,
    auth,
)

# the page ------------------------------------------------------------------------------


def test_when_the_page_is_asked_for_then_it_is_served_with_its_own_files_only(
    desk: DeskServer,
) -> None:
    with desk.client() as client:
        page = client.get("/app/")
        assert page.status_code == 200
        assert (
            page.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]
        )
        assert client.get("/app", follow_redirects=False).headers["location"] == "/app/"
        for name in ("app.js", "app.css", "telegram-web-app.js", "LICENSE.txt"):
            assert client.get(f"/app/{name}").status_code == 200, name
    html = page.text
    assert 'src="telegram-web-app.js"' in html
    assert 'src="app.js"' in html
    assert "http://" not in html
    assert "https://" not in html


# the record ----------------------------------------------------------------------------


def test_when_the_clerk_searches_then_restricted_entries_are_shown_and_the_search_is_logged(
    desk: DeskServer,
) -> None:
    with desk.client() as client:
        body = client.get("/app/api/record", params={"q": "Mill Lane"}, headers=auth(CLERK))
    assert body.status_code == 200
    texts = {hit["seq"]: hit for hit in body.json()["hits"]}
    restricted = texts[desk.seeded.entries["restricted"]]
    assert restricted["restricted"] is True
    assert "Mrs Example" in restricted["text"]
    actor, action, detail, entries = desk.access_log()[-1]
    assert (actor, action, entries) == (f"tg:{CLERK}", "search", len(texts))
    assert json.loads(detail)["words"] == ["Mill", "Lane"]


def test_when_the_chair_searches_then_a_restricted_entry_is_withheld(desk: DeskServer) -> None:
    seq = desk.seeded.entries["restricted"]
    with desk.client() as client:
        hits = client.get(
            "/app/api/record", params={"person": "Helen Moss"}, headers=auth(CHAIR)
        ).json()["hits"]
        detail = client.get(f"/app/api/record/{seq}", headers=auth(CHAIR)).json()
    found = next(hit for hit in hits if hit["seq"] == seq)
    assert found["withheld"] is True
    assert "Mrs Example" not in found["text"]
    assert detail["entry"]["withheld"] is True
    assert "Mrs Example" not in json.dumps(detail)


def test_when_an_entry_is_opened_then_its_versions_come_with_it_and_the_view_is_logged(
    desk: DeskServer,
) -> None:
    first, edit = desk.seeded.entries["hedge"], desk.seeded.entries["hedge-edit"]
    with desk.client() as client:
        body = client.get(f"/app/api/record/{edit}", headers=auth(CLERK)).json()
    assert body["entry"]["seq"] == edit
    assert [v["seq"] for v in body["versions"]] == [first, edit]
    assert body["versions"][1]["text"] == "The hedge on Mill Lane: cut it by Friday."
    assert "/" in body["entry"]["when"]  # 02/12/2026 10:33, the British way
    actor, action, detail, entries = desk.access_log()[-1]
    assert (actor, action, entries) == (f"tg:{CLERK}", "view", 2)
    assert json.loads(detail)["seq"] == edit


def test_when_a_covering_monitor_opens_an_entry_they_did_not_send_then_it_is_not_found(
    covered_desk: DeskServer,
) -> None:
    seq = covered_desk.seeded.entries["chair"]
    with covered_desk.client() as client:
        response = client.get(f"/app/api/record/{seq}", headers=auth(MONITOR))
        hits = client.get("/app/api/record", params={"q": "hedge"}, headers=auth(MONITOR))
    assert response.status_code == 404
    assert hits.json()["hits"] == []


def test_when_the_clerk_exports_then_the_file_goes_to_their_chat_and_the_answer_says_so(
    desk: DeskServer,
) -> None:
    today = desk.call(_today(desk))
    body = {"from": (today - timedelta(days=1)).isoformat(), "to": today.isoformat()}
    before = len(desk.fake.calls_to("sendDocument"))
    with desk.client() as client:
        answer = client.post("/app/api/record/export", json=body, headers=auth(CLERK)).json()
    assert answer["sent"] is True
    assert answer["entries"] == len(desk.seeded.entries)
    sent = desk.fake.calls_to("sendDocument")[before:]
    assert [str(call.params["chat_id"]) for call in sent] == [str(CLERK)]
    assert sent[0].params["document"]["filename"] == answer["file"]
    assert b"Mill Lane" in sent[0].params["document"]["content"]
    actor, action, _detail, entries = desk.access_log()[-1]
    assert (actor, action, entries) == (f"tg:{CLERK}", "export", len(desk.seeded.entries))


def test_when_telegram_refuses_the_export_file_then_the_answer_says_it_was_not_sent(
    desk: DeskServer,
) -> None:
    today = desk.call(_today(desk))
    desk.fake.fail_next("sendDocument", 403, "Forbidden: bot was blocked by the user")
    with desk.client() as client:
        answer = client.post(
            "/app/api/record/export",
            json={"from": today.isoformat(), "to": today.isoformat(), "format": "json"},
            headers=auth(ASSISTANT),
        ).json()
    assert answer["sent"] is False
    assert "did not accept the file" in answer["error"]


async def _today(desk: DeskServer) -> date:
    return desk.services.cover.today()


# requests ------------------------------------------------------------------------------


def test_when_an_foi_request_is_opened_and_closed_then_the_register_shows_it_and_then_not(
    desk: DeskServer,
) -> None:
    with desk.client() as client:
        opened = client.post(
            "/app/api/requests/foi",
            json={"requester": "Ms B Asker", "subject": "the grass cutting contract"},
            headers=auth(CLERK),
        ).json()["request"]
        reference = opened["reference"]
        listed = client.get("/app/api/requests", headers=auth(CHAIR)).json()["requests"]
        assert reference in [r["reference"] for r in listed]
        assert opened["days_left_text"] == "20 working days left"
        assert opened["hold"] == "holds the whole record from disposal"
        closed = client.post(f"/app/api/requests/{reference}/close", headers=auth(ASSISTANT))
        again = client.post(f"/app/api/requests/{reference}/close", headers=auth(CLERK))
        listed = client.get("/app/api/requests", headers=auth(CHAIR)).json()["requests"]
    assert closed.json()["request"]["open"] is False
    assert again.status_code == 400
    assert again.json()["error"] == f"{reference} is already closed."
    assert reference not in [r["reference"] for r in listed]


def test_when_a_subject_access_request_is_opened_then_its_hold_names_the_person(
    desk: DeskServer,
) -> None:
    with desk.client() as client:
        response = client.post(
            "/app/api/requests/sar",
            json={"subject": "Tom Griffiths", "aliases": "Tommy, T Griffiths", "received": ""},
            headers=auth(ASSISTANT),
        )
    request = response.json()["request"]
    assert request["reference"].startswith("SAR-")
    assert request["hold"] == "holds what concerns Tom Griffiths, Tommy, T Griffiths from disposal"
    assert request["days_left_text"].endswith("calendar days left")


def test_when_a_request_date_cannot_be_read_then_it_is_refused_in_plain_words(
    desk: DeskServer,
) -> None:
    with desk.client() as client:
        response = client.post(
            "/app/api/requests/foi",
            json={"requester": "X", "subject": "Y", "received": "the other day"},
            headers=auth(CLERK),
        )
    assert response.status_code == 400
    assert "is not a date" in response.json()["error"]


# today ---------------------------------------------------------------------------------


def test_when_the_clerk_opens_today_then_what_needs_them_now_is_there(desk: DeskServer) -> None:
    with desk.client() as client:
        today = client.get("/app/api/today", headers=auth(CLERK)).json()
    due = {r["reference"]: r for r in today["requests_due"]}
    assert due[desk.seeded.overdue_reference]["overdue"] is True
    assert desk.seeded.sar_reference not in due  # a month away
    assert today["reviews"]["open"] >= 1
    assert today["gaps"][0]["gap"] is True
    assert "every monitor is unavailable" in today["gaps"][0]["who"]
    assert today["chain"]["intact"] is True
    weeks = today["chart"]["weeks"]
    assert len(weeks) == 12
    assert weeks[-1]["removed"].get("personal_data") == 1
    assert weeks[-1]["warned"].get("unapproved_link") == 1
    assert all(not w["removed"] and not w["warned"] for w in weeks[:-1])


def test_when_the_chair_opens_today_then_reviews_are_left_out(desk: DeskServer) -> None:
    with desk.client() as client:
        today = client.get("/app/api/today", headers=auth(CHAIR)).json()
    assert "reviews" not in today
    assert "requests_due" in today


# reviews -------------------------------------------------------------------------------


def test_when_a_review_is_upheld_then_the_sender_is_told_and_the_answer_says_so(
    covered_desk: DeskServer,
) -> None:
    review = covered_desk.seeded.review_id
    before = len(covered_desk.fake.calls_to("sendMessage"))
    with covered_desk.client() as client:
        listed = client.get("/app/api/reviews", headers=auth(MONITOR)).json()["reviews"]
        assert [r["id"] for r in listed] == [review]
        assert listed[0]["sender"] == "Helen Moss"
        answer = client.post(
            f"/app/api/reviews/{review}",
            json={"outcome": "upheld", "note": "it named a resident"},
            headers=auth(MONITOR),
        ).json()
        again = client.post(
            f"/app/api/reviews/{review}", json={"outcome": "upheld"}, headers=auth(MONITOR)
        )
    assert answer["sender_told"] is True
    assert answer["review"]["outcome"] == "upheld"
    told = covered_desk.fake.calls_to("sendMessage")[before:]
    assert [str(c.params["chat_id"]) for c in told] == [str(COUNCILLOR)]
    assert "the removal is upheld" in told[0].params["text"]
    assert "Note: it named a resident" in told[0].params["text"]
    assert again.status_code == 400


def test_when_the_sender_cannot_be_told_of_a_review_then_the_answer_says_they_were_not(
    desk: DeskServer,
) -> None:
    desk.fake.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    with desk.client() as client:
        answer = client.post(
            f"/app/api/reviews/{desk.seeded.review_id}",
            json={"outcome": "reinstated"},
            headers=auth(CLERK),
        ).json()
    assert answer["review"]["outcome"] == "reinstated"
    assert answer["sender_told"] is False


# members -------------------------------------------------------------------------------


def test_when_members_are_listed_then_strikes_come_with_names(desk: DeskServer) -> None:
    with desk.client() as client:
        body = client.get("/app/api/members", headers=auth(CHAIR)).json()
    assert {"id": COUNCILLOR, "name": "Helen Moss", "strikes": 1} in body["strikes"]
    assert [m["name"] for m in body["monitors"]] == ["Ann Price"]
    assert {m["id"]: m["role"] for m in body["members"]}[ASSISTANT] == "assistant_clerk"


def test_when_a_monitor_is_nominated_on_the_desk_then_it_goes_on_the_record(
    desk: DeskServer,
) -> None:
    with desk.client() as client:
        first = client.post(
            f"/app/api/members/{COUNCILLOR}/monitor", json={"monitor": True}, headers=auth(CLERK)
        ).json()
        again = client.post(
            f"/app/api/members/{COUNCILLOR}/monitor", json={"monitor": True}, headers=auth(CLERK)
        )
        down = client.post(
            f"/app/api/members/{COUNCILLOR}/role", json={"role": "vice_chair"}, headers=auth(CLERK)
        ).json()
        back = client.post(
            f"/app/api/members/{COUNCILLOR}/role", json={"role": "councillor"}, headers=auth(CLERK)
        )
    assert first["member"]["monitor"] is True
    assert isinstance(first["record_entry"], int)
    assert again.status_code == 400
    assert again.json()["error"] == "Helen Moss is already a monitor."
    # A monitor stood down by a role change is on the record too, as with /role.
    assert down["member"]["monitor"] is False
    assert isinstance(down["record_entry"], int)
    assert back.status_code == 200
    with desk.client() as client:
        hits = client.get(
            "/app/api/record", params={"q": "social-media monitor"}, headers=auth(CLERK)
        ).json()["hits"]
    assert {h["seq"] for h in hits} >= {first["record_entry"], down["record_entry"]}


def test_when_an_invitation_is_made_then_a_one_time_link_to_the_bot_comes_back(
    desk: DeskServer,
) -> None:
    with desk.client() as client:
        body = client.post(
            "/app/api/members/invite",
            json={"role": "councillor", "name": "Ann Example"},
            headers=auth(ASSISTANT),
        ).json()
    assert body["link"] == f"https://t.me/councilbot_test_bot?start={body['code']}"
    assert body["expires"]["shown"]


def test_when_the_assistant_clerk_pardons_a_sender_then_their_strikes_are_cleared(
    covered_desk: DeskServer,
) -> None:
    with covered_desk.client() as client:
        cleared = client.post(
            f"/app/api/members/{COUNCILLOR}/pardon", headers=auth(ASSISTANT)
        ).json()
        strikes = client.get("/app/api/members", headers=auth(CLERK)).json()["strikes"]
    assert cleared == {"id": COUNCILLOR, "cleared": 1}
    assert strikes == []


# cover ---------------------------------------------------------------------------------


def test_when_leave_is_added_and_cancelled_on_the_desk_then_the_cover_shows_it(
    desk: DeskServer,
) -> None:
    today = desk.call(_today(desk))
    start = today + timedelta(days=40)
    with desk.client() as client:
        added = client.post(
            "/app/api/leave",
            json={"from": start.isoformat(), "to": (start + timedelta(days=2)).isoformat()},
            headers=auth(ASSISTANT),
        ).json()
        leave = added["leave"]
        assert (leave["name"], leave["days"], leave["kind"]) == ("Bob Jones", 3, "leave")
        assert added["while_away"][0]["who"] == "Clerk Jane Smith"
        cover = client.get("/app/api/cover", headers=auth(CLERK)).json()
        assert leave["id"] in [a["id"] for a in cover["leave"]]
        # Someone else's leave is not the Assistant Clerk's to cancel; the Clerk may cancel any.
        clerks = next(a["id"] for a in cover["leave"] if a["member_id"] == CLERK)
        refused = client.post(f"/app/api/leave/{clerks}/cancel", headers=auth(ASSISTANT))
        cancelled = client.post(f"/app/api/leave/{leave['id']}/cancel", headers=auth(CLERK))
        cover = client.get("/app/api/cover", headers=auth(CLERK)).json()
    assert refused.status_code == 404
    assert clerks in [a["id"] for a in cover["leave"]]
    assert cancelled.json()["leave"]["id"] == leave["id"]
    assert leave["id"] not in [a["id"] for a in cover["leave"]]


def test_when_the_assistant_clerk_records_leave_for_someone_else_then_it_is_refused(
    desk: DeskServer,
) -> None:
    today = desk.call(_today(desk))
    with desk.client() as client:
        response = client.post(
            "/app/api/leave",
            json={"from": (today + timedelta(days=50)).isoformat(), "member_id": CLERK},
            headers=auth(ASSISTANT),
        )
    assert response.status_code == 403
    assert response.json()["error"] == "Only the Clerk records leave for someone else."


def test_when_a_covering_monitor_opens_cover_then_they_see_only_their_own_leave(
    covered_desk: DeskServer,
) -> None:
    with covered_desk.client() as client:
        cover = client.get("/app/api/cover", headers=auth(MONITOR)).json()
    assert cover["leave"] == []  # the clerks' leave is theirs to see
    assert cover["periods"][0]["who"] == "Monitor Ann Price"
