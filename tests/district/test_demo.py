"""`make demo`: the dinas login sees a populated overview of Kabupaten Muara Enim."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from lms.accounts.models import User
from school_coops.models import Cooperative

pytestmark = pytest.mark.django_db


def test_demo_dinas_sees_a_populated_overview_and_seeding_twice_changes_nothing():
    call_command("demo_seed", verbosity=0)
    coops = Cooperative.objects.count()
    call_command("demo_seed", verbosity=0)
    assert Cooperative.objects.count() == coops
    client = Client()
    client.force_login(User.objects.get(username="dinas"))
    text = client.get(reverse("schools:district-overview")).content.decode()
    assert "Kabupaten Muara Enim" in text and "Angka per" in text
    assert "Tidak aktif" in text and "<svg" in text
    listing = client.get(reverse("coop_district:list")).content.decode()
    assert "Kopsis SMK Negeri 2 Muara Enim (demo)" in listing
    province = Client()
    province.force_login(User.objects.get(username="dinasprov"))
    text = province.get(reverse("schools:district-overview")).content.decode()
    assert "Per kabupaten/kota" in text
