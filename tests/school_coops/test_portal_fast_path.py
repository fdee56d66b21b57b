"""lms.fastpage on the member portal: a student's /koperasi/saya/ from the cache, never stale
after a deposit, a withdrawal or the end of the membership, never another member's, gone at
logout; a hit sends the headers of the full path."""

import gzip
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from school_coops.models import Membership
from school_coops.services.members import membership_end, membership_register
from school_coops.services.savings import savings_deposit, savings_withdraw
from tests.factories import make_student

pytestmark = pytest.mark.django_db
PORTAL = "/koperasi/saya/"


def _get(client, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PORTAL, headers=headers)
    assert response.status_code == 200
    return response, len(queries)


def _sukarela(response):
    html = response.content.decode()
    return re.search(r'data-testid="portal-sukarela">([^<]*)<', html).group(1)


def test_a_deposit_and_a_withdrawal_by_the_treasurer_show_at_once(
    client, coop, member, student, treasurer
):
    client.force_login(student)
    before, _ = _get(client)
    again, hit_queries = _get(client)
    assert hit_queries == 0 and _sukarela(again) == _sukarela(before)
    savings_deposit(membership=member, amount=Decimal(7000), by=treasurer)
    after, queries = _get(client)
    assert queries > 0 and "7.000" in _sukarela(after)
    _get(client)  # stored again
    savings_withdraw(membership=member, amount=Decimal(2000), by=treasurer)
    after_withdrawal, _ = _get(client)
    assert "5.000" in _sukarela(after_withdrawal)
    _, hits = _get(client)
    assert hits == 0


def test_two_members_never_see_each_others_portal(
    client, coop, member, student, treasurer, classroom, teacher
):
    other = make_student(classroom, username="teman-koperasi")
    membership_register(
        coop=coop, member=other, category=Membership.Category.STUDENT, by=teacher, date=None
    )
    savings_deposit(membership=member, amount=Decimal(9000), by=treasurer)
    client.force_login(student)
    _get(client)
    mine, hits = _get(client)
    assert hits == 0 and "9.000" in _sukarela(mine)
    client.logout()
    client.force_login(other)
    _get(client)
    theirs, hits = _get(client)
    assert hits == 0
    assert "9.000" not in _sukarela(theirs) and student.full_name not in theirs.content.decode()


def test_the_end_of_the_membership_shows_at_once(client, coop, member, student, teacher):
    client.force_login(student)
    _get(client)
    _get(client)
    membership_end(membership=member, reason=Membership.EndReason.values[0], by=teacher)
    html = _get(client)[0].content.decode()
    member.refresh_from_db()
    assert member.get_status_display() in html


def test_after_logout_the_cached_portal_is_gone(client, coop, member, student):
    client.force_login(student)
    _get(client)
    _get(client)
    session_cookie = client.cookies["sessionid"].value
    client.post(reverse("accounts:logout"))
    client.cookies["sessionid"] = session_cookie
    response = client.get(PORTAL)
    assert response.status_code != 200 or "Keluar" not in response.content.decode()


def test_a_hit_sends_the_headers_of_the_full_path_and_a_valid_gzip(client, coop, member, student):
    client.force_login(student)
    miss, miss_queries = _get(client, **{"Accept-Encoding": "gzip, deflate"})
    hit, hit_queries = _get(client, **{"Accept-Encoding": "gzip, deflate"})
    assert miss_queries > 0 and hit_queries == 0
    per_request = {"Content-Length", "Set-Cookie"}
    assert set(hit.headers) - per_request == set(miss.headers) - per_request
    for name in set(miss.headers) - per_request - {"Content-Security-Policy"}:
        assert hit[name] == miss[name], name
    assert hit["Content-Encoding"] == "gzip" and "Accept-Encoding" in hit["Vary"]
    assert "no-store" in hit["Cache-Control"] and "private" in hit["Cache-Control"]
    for name in ("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"):
        assert hit[name] == miss[name]
    # Python's gzip checks the CRC and the length: the assembled member is a valid stream.
    html = gzip.decompress(hit.content).decode()
    nonce = re.escape("'nonce-") + r"[^']*'"
    assert re.sub(nonce, "", hit["Content-Security-Policy"]) == re.sub(
        nonce, "", miss["Content-Security-Policy"]
    )
    header_nonce = hit["Content-Security-Policy"].split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'nonce="{header_nonce}"' in html  # the body's nonce is this response's
    tokens = re.compile(r'"[A-Za-z0-9]{64}"|nonce="[^"]*"')
    assert tokens.sub("", html) == tokens.sub("", gzip.decompress(miss.content).decode())
    assert int(hit["Content-Length"]) == len(hit.content)
    # Without gzip: the same page, uncompressed, and the token works for a POST.
    plain, _ = _get(client)
    assert "Content-Encoding" not in plain and tokens.sub("", plain.content.decode()) == (
        tokens.sub("", html)
    )
