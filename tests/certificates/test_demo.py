import pytest

from certificates.models import Batch, Candidate, Decision, ExternalCertificate, PracticalCase
from certificates.selectors import batch_board, decisions_ready_for_certificates

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_shows_every_state():
    from certificates import demo
    from lms.accounts import demo as core_demo

    core_demo.seed()
    demo.seed()
    counts = (
        Batch.objects.count(),
        Candidate.objects.count(),
        Decision.objects.count(),
        PracticalCase.objects.count(),
        ExternalCertificate.objects.count(),
    )
    demo.seed()
    assert (
        Batch.objects.count(),
        Candidate.objects.count(),
        Decision.objects.count(),
        PracticalCase.objects.count(),
        ExternalCertificate.objects.count(),
    ) == counts
    live = Batch.objects.get(name=demo.LIVE_BATCH)
    board = batch_board(batch=live)
    assert all(n >= 1 for key, _label, n in board["state_counts"]), board["state_counts"]
    done = Batch.objects.get(name=demo.DONE_BATCH)
    ready = list(decisions_ready_for_certificates(batch=done))
    assert sorted(d.candidate.user.username for d in ready) == ["jurubuku11", "jurubuku13"]

    from certificates.models import IssuedCertificate

    issued = dict(IssuedCertificate.objects.filter(batch=done).values_list("number", "status"))
    assert sorted(issued.values()) == ["dicabut", "diganti", "terbit"], issued

    from certificates.models import CertificateBundle

    bundles = CertificateBundle.objects.filter(batch=done)  # one ZIP, built once
    assert [(b.kind, b.status, b.total) for b in bundles] == [("zip", "done", 1)]


def test_demo_batches_train_with_the_juru_buku_course_and_its_written_test():
    from certificates import demo
    from courses import demo as courses_demo
    from courses.models import LessonPage
    from lms.accounts import demo as core_demo

    core_demo.seed()
    courses_demo.seed()
    demo.seed()
    for name in (demo.DONE_BATCH, demo.LIVE_BATCH):
        batch = Batch.objects.select_related("course", "written_quiz").get(name=name)
        assert batch.course.slug == demo.TRAINING_COURSE
        last = LessonPage.objects.descendant_of(batch.course).live().order_by("-path").first()
        assert last.slug == "tes-tulis-juru-buku" and batch.written_quiz.pk == last.quiz_id
        assert batch.written_quiz.quiz_questions.count() >= 10
