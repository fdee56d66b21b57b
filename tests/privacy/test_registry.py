"""The personal-data registry covers every installed model that holds a person's data."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.test.utils import isolate_apps

from lms.privacy import registry

pytestmark = pytest.mark.django_db
CAPABILITIES = ("courses", "school_coops", "certificates")


def test_every_model_with_personal_fields_has_an_exporter_and_eraser_or_a_reason() -> None:
    missing = registry.unregistered_personal_models()
    assert missing == {}, (
        "Register these models in their app's privacy.py (register/register_actor), or "
        f"declare not_personal(model, reason=...): {missing}"
    )


@isolate_apps("lms.privacy")
def test_the_heuristics_catch_a_new_model_with_a_phone_number_or_a_user_link() -> None:
    class Contact(models.Model):  # noqa: DJ008
        phone = models.CharField(max_length=20)
        title = models.CharField(max_length=20)

        class Meta:
            app_label = "privacy"

    class Note(models.Model):  # noqa: DJ008
        student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

        class Meta:
            app_label = "privacy"

    class Saving(models.Model):  # noqa: DJ008
        membership = models.ForeignKey("school_coops.Membership", on_delete=models.CASCADE)

        class Meta:
            app_label = "privacy"

    assert registry.personal_fields(Contact) == ["phone"]
    assert registry.personal_fields(Note) == ["student"]
    # Membership is registered with identifies_person=True: links to it are personal too.
    assert registry.personal_fields(Saving) == ["membership"]


def test_every_allow_list_entry_names_an_installed_model_and_a_reason() -> None:
    from django.apps import apps

    for label, reason in registry._registry.allowed.items():
        assert apps.get_model(label) is not None
        assert reason.strip(), label


def test_every_exporter_runs_and_returns_json_for_a_person_without_data(student) -> None:
    for handler in registry.handlers():
        rows = handler.export(student)
        assert isinstance(rows, list), handler.label
        json.dumps(rows, cls=DjangoJSONEncoder)


def test_the_user_row_is_erased_last() -> None:
    assert registry.handlers()[-1].label == settings.AUTH_USER_MODEL


def test_the_privacy_core_imports_no_capability() -> None:
    core = Path(__file__).resolve().parents[2] / "lms" / "privacy"
    for path in core.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert not name.startswith(CAPABILITIES), f"{path.name} imports {name}"
