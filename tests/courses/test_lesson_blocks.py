import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from courses.models import LessonPage
from tests.courses.factories import course_index
from tests.factories import make_student

pytestmark = pytest.mark.django_db


def _image(width: int = 1600, name: str = "siklus") -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, width // 2), "#0b6e4f").save(buffer, "PNG")
    return Image.objects.create(title="Siklus", file=ImageFile(buffer, name=f"{name}.png"))


def test_every_block_renders_and_images_are_small_webp_renditions(
    client, classroom, django_assert_max_num_queries
):
    from django.core.files.base import ContentFile

    from courses.models import CoursePage

    course = CoursePage(title="Blok", slug="blok")
    course_index().add_child(instance=course)
    document = Document.objects.create(
        title="Lembar kerja buku kas", file=ContentFile(b"tanggal,masuk,keluar\n", "kas.csv")
    )
    lesson = LessonPage(
        title="Semua blok",
        slug="semua-blok",
        body=[
            {"type": "heading", "value": "Subjudul"},
            {"type": "text", "value": "<p>Teks biasa</p>"},
            {
                "type": "image",
                "value": {
                    "image": _image().pk,
                    "alt": "Diagram siklus pembukuan",
                    "caption": "Siklus pembukuan",
                },
            },
            {
                "type": "video",
                "value": {"url": "https://example.org/video", "title": "Video RAT", "minutes": 4},
            },
            {
                "type": "callout",
                "value": {"kind": "definition", "title": "SHU", "text": "<p>Sisa hasil usaha</p>"},
            },
            {
                "type": "worked_example",
                "value": {
                    "title": "Kas",
                    "problem": "<p>Soal</p>",
                    "steps": ["<p>Langkah 1</p>"],
                    "answer": "<p>Rp 205.000</p>",
                },
            },
            {"type": "worksheet", "value": {"document": document.pk, "description": "Unduh"}},
        ],
    )
    course.add_child(instance=lesson)
    client.force_login(make_student(classroom, username="pembaca"))
    client.get(lesson.url)  # renditions are created once
    with django_assert_max_num_queries(12):
        html = client.get(lesson.url).content.decode()
    assert 'alt="Diagram siklus pembukuan"' in html and "Siklus pembukuan" in html
    srcset = re.search(r'srcset="([^"]+)"', html).group(1)
    widths = [int(w) for w in re.findall(r" (\d+)w", srcset)]
    assert widths == [400, 800] and all(".webp" in part for part in srcset.split(","))
    assert 'loading="lazy"' in html and "<iframe" not in html
    assert "video opsional" in html and 'href="https://example.org/video"' in html
    assert "Sisa hasil usaha" in html and "Rp 205.000" in html
    assert "Lembar kerja buku kas" in html


def test_a_lesson_with_a_diagram_and_a_quiz_fits_the_budget_on_a_cold_cache(
    client, classroom, quiz, django_assert_max_num_queries
):
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    from courses.models import CoursePage

    # given: a lesson like the demo's "Bukti transaksi": text, a diagram and the quiz
    course = CoursePage(title="Pembukuan", slug="pembukuan")
    course_index().add_child(instance=course)
    lesson = LessonPage(
        title="Bukti transaksi",
        slug="bukti-transaksi",
        body=[
            {"type": "text", "value": "<p>Setiap transaksi punya bukti.</p>"},
            {
                "type": "image",
                "value": {"image": _image(name="bukti").pk, "alt": "Siklus", "caption": ""},
            },
            {"type": "quiz", "value": {"quiz": quiz.pk, "intro": ""}},
        ],
    )
    course.add_child(instance=lesson)
    client.force_login(make_student(classroom, username="pembaca"))
    url = lesson.url
    cache.clear()  # the cache outlives tests, and SQLite hands out image ids again
    client.get(url)  # renditions are created once, by whoever opens the lesson first
    # when: a freshly started worker serves it (empty cache, no content types known)
    cache.clear()
    ContentType.objects.clear_cache()
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    # then
    assert ".webp" in html and "Mulai kuis" in html


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=10", "youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://m.youtube.com/watch?feature=x&v=dQw4w9WgXcQ", "embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "player.vimeo.com/video/76979871?dnt=1"),
        ("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", ""),
        ("https://example.org/video", ""),
    ],
)
def test_only_known_video_hosts_get_a_player_and_only_on_request(url, embed):
    from courses.blocks import VideoBlock, video_embed_url

    assert (embed in video_embed_url(url)) if embed else video_embed_url(url) == ""
    block = VideoBlock()
    html = block.render(block.to_python({"url": url, "title": "Video RAT", "minutes": 3}))
    assert "<iframe" not in html and "video opsional, memakai kuota" in html
    assert ("data-embed=" in html and "Putar di sini" in html) == bool(embed)


def test_lesson_pages_allow_only_the_privacy_friendly_video_players(client):
    policy = client.get("/akun/masuk/")["Content-Security-Policy"]
    frames = next(p for p in policy.split(";") if p.strip().startswith("frame-src"))
    assert frames.split()[1:] == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
