"""The question bank (Wagtail snippets), quizzes, and the attempts students make."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from courses.admin_forms import QuestionAdminForm


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Pilihan ganda (satu jawaban)")
    MULTIPLE = "multiple", _("Pilihan ganda (beberapa jawaban)")
    TRUE_FALSE = "true_false", _("Benar/salah")
    NUMERIC = "numeric", _("Jawaban angka")
    SHORT_TEXT = "short_text", _("Isian singkat")
    MATCHING = "matching", _("Menjodohkan")
    ORDERING = "ordering", _("Mengurutkan")


CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE}
ITEM_KINDS = {
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.MATCHING,
    QuestionKind.ORDERING,
}


class Question(index.Indexed, ClusterableModel):
    """One question in the bank; its options, pairs or items are `Choice` rows."""

    kind = models.CharField(_("jenis"), max_length=12, choices=QuestionKind.choices)
    topic = models.CharField(_("topik"), max_length=120, blank=True)
    prompt = models.TextField(_("pertanyaan"))
    explanation = models.TextField(
        _("pembahasan"), blank=True, help_text=_("Ditampilkan setelah kuis dikirim.")
    )
    correct_bool = models.BooleanField(_("jawaban benar/salah"), null=True, blank=True)
    numeric_answer = models.DecimalField(
        _("jawaban angka"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    numeric_tolerance = models.DecimalField(
        _("toleransi"),
        max_digits=18,
        decimal_places=2,
        default=Decimal(0),
        help_text=_("Selisih yang masih dianggap benar, misalnya 1 untuk pembulatan rupiah."),
    )
    unit = models.CharField(_("satuan"), max_length=20, blank=True, help_text="Rp, %, ...")
    accepted_answers = models.TextField(
        _("jawaban isian yang diterima"),
        blank=True,
        help_text=_("Satu jawaban per baris; huruf besar/kecil dan spasi berlebih diabaikan."),
    )

    # Each kind-specific panel names the kinds it belongs to; static/js/question_form.js shows
    # only those of the chosen kind (courses/wagtail_hooks.py loads it, no inline script).
    panels = [
        FieldPanel("kind"),
        FieldPanel("topic"),
        FieldPanel("prompt"),
        InlinePanel(
            "choices",
            label=_("Pilihan / pasangan / urutan"),
            help_text=_(
                "Pilihan ganda: centang yang benar. Menjodohkan: isi pasangan. "
                "Mengurutkan: susun dalam urutan yang benar."
            ),
            attrs={"data-question-kinds": "single multiple matching ordering"},
        ),
        MultiFieldPanel(
            [FieldPanel("correct_bool")],
            heading=_("Benar/salah"),
            attrs={"data-question-kinds": "true_false"},
        ),
        MultiFieldPanel(
            [FieldPanel("numeric_answer"), FieldPanel("numeric_tolerance"), FieldPanel("unit")],
            heading=_("Jawaban angka"),
            attrs={"data-question-kinds": "numeric"},
        ),
        FieldPanel("accepted_answers", attrs={"data-question-kinds": "short_text"}),
        FieldPanel("explanation"),
    ]
    # The snippet editor refuses questions that could not be graded (courses/admin_forms.py).
    base_form_class = QuestionAdminForm
    search_fields = [
        index.SearchField("prompt"),
        index.SearchField("topic"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("soal")
        verbose_name_plural = _("bank soal")
        ordering = ["topic", "pk"]

    def __str__(self) -> str:
        return f"{self.topic}: {self.prompt[:70]}" if self.topic else self.prompt[:80]


class Choice(Orderable):
    """An option (choice kinds), a left/right pair (matching) or an item (ordering).

    For ordering questions the editor's `sort_order` is the correct order.
    """

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("teks"), max_length=300)
    is_correct = models.BooleanField(_("benar"), default=False)
    match_text = models.CharField(_("pasangan (menjodohkan)"), max_length=300, blank=True)

    panels = [
        FieldPanel("text"),
        FieldPanel("is_correct", attrs={"data-question-kinds": "single multiple"}),
        FieldPanel("match_text", attrs={"data-question-kinds": "matching"}),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("pilihan")

    def __str__(self) -> str:
        return self.text


class Quiz(index.Indexed, ClusterableModel):
    title = models.CharField(_("judul"), max_length=200)
    shuffle_questions = models.BooleanField(_("acak urutan soal"), default=True)
    shuffle_options = models.BooleanField(_("acak urutan pilihan"), default=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("nilai lulus (%)"), default=70, help_text=_("Persentase jawaban benar untuk lulus.")
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("batas percobaan"), default=3, help_text=_("0 berarti tidak dibatasi.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("batas waktu (menit)"),
        null=True,
        blank=True,
        help_text=_("Kosongkan jika tanpa batas waktu. Dihitung dengan jam server."),
    )
    show_feedback = models.BooleanField(_("tampilkan pembahasan per soal"), default=True)

    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_options"),
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("show_feedback"),
            ],
            heading=_("Pengaturan"),
        ),
        InlinePanel("quiz_questions", label=_("Soal"), min_num=1),
    ]
    search_fields = [index.SearchField("title")]

    class Meta:
        verbose_name = _("kuis")
        verbose_name_plural = _("kuis")
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="quiz_pass_mark_range"),
        ]

    def __str__(self) -> str:
        return self.title


class QuizQuestion(Orderable):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="quiz_questions")
    question = models.ForeignKey(
        Question, verbose_name=_("soal"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["quiz", "question"], name="quiz_question_unique"),
        ]


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Sedang dikerjakan")
    SUBMITTED = "submitted", _("Dikirim")
    EXPIRED = "expired", _("Waktu habis")


class QuizAttempt(models.Model):
    """One try at a quiz. The shuffled order is stored so a resumed attempt looks the same."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    lesson = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    number = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=12, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS
    )
    question_order = models.JSONField(default=list)  # [question id, ...]
    item_orders = models.JSONField(default=dict)  # {"<question id>": [choice id, ...]}
    match_orders = models.JSONField(default=dict)  # right-hand sides of matching questions
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    correct_count = models.PositiveSmallIntegerField(default=0)
    question_count = models.PositiveSmallIntegerField(default=0)
    score_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("percobaan kuis")
        verbose_name_plural = _("percobaan kuis")
        constraints = [
            models.UniqueConstraint(
                fields=["student", "quiz", "number"], name="attempt_number_unique"
            ),
            # At most one open attempt per student and quiz, even under double clicks.
            models.UniqueConstraint(
                fields=["student", "quiz"],
                condition=Q(status="in_progress"),
                name="attempt_one_open",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "student"])]

    def __str__(self) -> str:
        return f"{self.quiz} #{self.number} ({self.student})"

    @property
    def is_open(self) -> bool:
        return self.status == AttemptStatus.IN_PROGRESS


class QuizAnswer(models.Model):
    """The answer to one question in one attempt; the student may change it until submitting."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    response = models.JSONField()
    is_correct = models.BooleanField()
    answered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("jawaban kuis")
        verbose_name_plural = _("jawaban kuis")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}/{self.question_id}"
