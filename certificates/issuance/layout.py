# ruff: noqa: E501  (HTML and CSS of the default layout, kept readable as the dinas sees it)
"""The default certificate layout (HTML + CSS, Django template syntax). A dinas edits a copy
(CertificateTemplate); the context holds only plain strings and lists, never model objects."""

DEFAULT_HTML = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>{{ number }}</title></head>
<body>
<section class="page front">
  <header>
    {% if logo_src %}<img class="logo" src="{{ logo_src }}" alt="">{% endif %}
    <div class="issuer">
      <p class="office">{{ issuer }}</p>
      <p class="office-en">{{ region_name }}</p>
    </div>
  </header>
  <h1>SERTIFIKAT {% if kind == "course" %}PENYELESAIAN KURSUS{% else %}KOMPETENSI{% endif %}</h1>
  <p class="en">Certificate of {% if kind == "course" %}Course Completion{% else %}Competence{% endif %}</p>
  <p class="number">Nomor / <i>Number</i>: <b>{{ number }}</b></p>
  <p class="given">Diberikan kepada / <i>This is to certify that</i></p>
  <p class="holder">{{ holder_name }}</p>
  {% if kind == "course" %}
  <p class="body">telah menyelesaikan kursus / <i>has completed the course</i></p>
  <p class="scheme">{{ course_title }}</p>
  {% else %}
  <p class="body">telah dinyatakan <b>KOMPETEN</b> pada skema sertifikasi /
    <i>has been assessed competent in the certification scheme</i></p>
  <p class="scheme">{{ scheme_title }} ({{ scheme_code }} versi {{ scheme_version }})</p>
  <p class="batch">{{ batch_name }} · {{ units|length }} unit kompetensi / <i>competency units</i></p>
  {% endif %}
  <table class="facts">
    <tr><th>Tanggal terbit <i>Issued on</i></th><td>{{ issued_on }}</td></tr>
    <tr><th>Berlaku sampai <i>Valid until</i></th><td>{{ valid_until|default:"Tanpa batas / no expiry" }}</td></tr>
  </table>
  <footer>
    <div class="qr"><img src="{{ qr_src }}" alt="QR"><p>Periksa keaslian / <i>Verify</i>:<br>{{ verify_url }}</p></div>
    <div class="sign">
      <p>{{ place }}, {{ issued_on }}</p>
      <p>{{ signatory_title }}</p>
      {% if signature_src %}<img class="signature" src="{{ signature_src }}" alt="">{% else %}<div class="signature"></div>{% endif %}
      <p class="signatory">{{ signatory_name }}</p>
    </div>
  </footer>
</section>
{% if units %}
<section class="page transcript">
  <h2>Daftar Unit Kompetensi <i>/ Competency units</i></h2>
  <p>{{ holder_name }} · {{ number }}</p>
  <table class="units">
    <thead><tr><th>No.</th><th>Kode unit <i>Code</i></th><th>Judul unit <i>Title</i></th><th>Hasil <i>Result</i></th></tr></thead>
    <tbody>{% for unit in units %}<tr><td>{{ forloop.counter }}</td><td>{{ unit.code }}</td><td>{{ unit.title }}</td><td>Kompeten <i>Competent</i></td></tr>{% endfor %}</tbody>
  </table>
</section>
{% endif %}
</body></html>
"""

DEFAULT_CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: "DejaVu Sans", sans-serif; color: #1f2933; font-size: 10.5pt; }
i { color: #52606d; font-weight: normal; }
.page { page-break-after: always; }
.page:last-child { page-break-after: auto; }
.front { border: 3px double #0b6e4f; padding: 10mm 12mm; height: 255mm; box-sizing: border-box; text-align: center; }
header { display: flex; align-items: center; gap: 6mm; text-align: left; }
.logo { width: 22mm; height: 22mm; }
.office { font-weight: bold; font-size: 12pt; margin: 0; }
.office-en { margin: 0; color: #52606d; }
h1 { margin: 14mm 0 0; font-size: 24pt; letter-spacing: 1px; color: #0b6e4f; }
.en { margin: 0; font-style: italic; color: #52606d; }
.number { margin-top: 6mm; }
.given { margin-top: 12mm; }
.holder { font-size: 22pt; font-weight: bold; margin: 3mm 0 6mm; }
.scheme { font-size: 14pt; font-weight: bold; margin: 2mm 0; }
.facts { margin: 10mm auto 0; border-collapse: collapse; }
.facts th { text-align: left; padding: 1mm 4mm; font-weight: normal; }
.facts td { font-weight: bold; padding: 1mm 4mm; }
footer { position: absolute; bottom: 26mm; left: 26mm; right: 26mm; display: flex; justify-content: space-between; align-items: flex-end; }
.qr { text-align: left; font-size: 7.5pt; width: 70mm; }
.qr img { width: 30mm; height: 30mm; }
.sign { text-align: center; width: 70mm; }
.sign p { margin: 0; }
.signature { height: 18mm; margin: 2mm 0; }
.signatory { font-weight: bold; text-decoration: underline; }
.transcript h2 { color: #0b6e4f; }
.units { width: 100%; border-collapse: collapse; margin-top: 6mm; }
.units th, .units td { border: 1px solid #9aa5b1; padding: 2mm; text-align: left; vertical-align: top; }
"""

DEFAULT_SIGNATORY_NAME = "Kepala Dinas"
DEFAULT_SIGNATORY_TITLE = "Kepala Dinas Koperasi dan UKM"
