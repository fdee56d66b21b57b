"""StreamField blocks of a lesson body."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Gambar"))
    alt = blocks.CharBlock(
        label=_("Teks alternatif"),
        max_length=200,
        help_text=_("Jelaskan isi gambar untuk pembaca layar."),
    )
    caption = blocks.CharBlock(label=_("Keterangan"), max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "courses/blocks/image.html"


_YOUTUBE = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/)"
    r"([A-Za-z0-9_-]{11})"
)
_VIMEO = re.compile(r"^https?://(?:www\.)?vimeo\.com/(\d+)")


def video_embed_url(url: str) -> str:
    """The privacy-friendly player address for YouTube or Vimeo links, else ""."""
    if match := _YOUTUBE.match(url):
        return f"https://www.youtube-nocookie.com/embed/{match.group(1)}"
    if match := _VIMEO.match(url):
        return f"https://player.vimeo.com/video/{match.group(1)}?dnt=1"
    return ""


class VideoBlock(blocks.StructBlock):
    """A video that loads nothing until the student asks: a link, and for YouTube or Vimeo a
    "play here" button that only then puts the player on the page (metered data)."""

    url = blocks.URLBlock(label=_("Alamat video"))
    title = blocks.CharBlock(label=_("Judul"), max_length=200)
    minutes = blocks.IntegerBlock(label=_("Durasi (menit)"), required=False, min_value=1)

    class Meta:
        icon = "media"
        template = "courses/blocks/video.html"
        help_text = _("Video selalu opsional: materi dan kuis harus bisa diselesaikan tanpanya.")

    def get_context(self, value: Any, parent_context: dict | None = None) -> dict:
        context = super().get_context(value, parent_context=parent_context)
        context["embed_url"] = video_embed_url(value["url"])
        return context


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Jenis"),
        choices=[("tip", _("Tips")), ("warning", _("Perhatian")), ("definition", _("Istilah"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Judul/istilah"), max_length=150)
    text = blocks.RichTextBlock(label=_("Isi"), features=RICH_FEATURES)

    class Meta:
        icon = "help"
        template = "courses/blocks/callout.html"


class WorkedExampleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Judul"), max_length=150)
    problem = blocks.RichTextBlock(label=_("Soal"), features=RICH_FEATURES)
    steps = blocks.ListBlock(
        blocks.RichTextBlock(label=_("Langkah"), features=RICH_FEATURES), label=_("Langkah-langkah")
    )
    answer = blocks.RichTextBlock(label=_("Jawaban"), features=RICH_FEATURES)

    class Meta:
        icon = "list-ol"
        template = "courses/blocks/worked_example.html"


class WorksheetBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokumen"))
    description = blocks.CharBlock(label=_("Keterangan"), max_length=250, required=False)

    class Meta:
        icon = "doc-full"
        template = "courses/blocks/worksheet.html"


class QuizBlock(blocks.StructBlock):
    quiz = SnippetChooserBlock("courses.Quiz", label=_("Kuis"))
    intro = blocks.CharBlock(label=_("Pengantar"), max_length=250, required=False)

    class Meta:
        icon = "tick-inverse"
        # Rendered by the lesson template: it needs the student's attempts.
        template = "courses/blocks/quiz_placeholder.html"


class LessonBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Subjudul"),
        max_length=150,
        form_classname="title",
        template="courses/blocks/heading.html",
    )
    text = blocks.RichTextBlock(label=_("Teks"), features=[*RICH_FEATURES, "h3", "h4"])
    image = ImageBlock(label=_("Gambar"))
    video = VideoBlock(label=_("Video"))
    callout = CalloutBlock(label=_("Kotak info"))
    worked_example = WorkedExampleBlock(label=_("Contoh soal"))
    worksheet = WorksheetBlock(label=_("Lembar kerja"))
    quiz = QuizBlock(label=_("Kuis"))

    class Meta:
        block_counts = {"quiz": {"max_num": 1}}
