"""Hand-built spreadsheets for the roster tests: workbooks openpyxl would never write."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

from openpyxl import Workbook

CHUNK = b"A" * (1 << 20)


def workbook_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _raw_zip(members: list[tuple[str, int, bytes, int]]) -> bytes:
    """A zip of (name, crc, raw deflate data, uncompressed size), written by hand."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, crc, data, size in members:
        offset = out.tell()
        encoded = name.encode()
        out.write(
            struct.pack(
                "<4s2B4HL2L2H",
                b"PK\x03\x04",
                20,
                0,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(encoded),
                0,
            )
        )
        out.write(encoded + data)
        central.write(
            struct.pack(
                "<4s4B4HL2L5H2L",
                b"PK\x01\x02",
                20,
                0,
                20,
                0,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
        )
        central.write(encoded)
    directory = central.getvalue()
    start = out.tell()
    out.write(directory)
    out.write(
        struct.pack(
            "<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), start, 0
        )
    )
    return out.getvalue()


SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def with_shared_strings(data: bytes) -> dict[str, bytes]:
    """An openpyxl workbook's parts, rewritten as Excel saves them: strings in sharedStrings."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = {info.filename: archive.read(info) for info in archive.infolist()}
    strings: list[bytes] = []

    def to_index(match: re.Match[bytes]) -> bytes:
        strings.append(match.group(1))
        return b't="s"><v>%d</v>' % (len(strings) - 1)

    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        rb't="inlineStr"><is><t>(.*?)</t></is>', to_index, sheet
    )
    items = b"".join(b"<si><t>%s</t></si>" % text for text in strings)
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
        b'uniqueCount="%d">%s</sst>' % (len(strings), len(strings), items)
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/></Types>'
        % SST_TYPE.encode(),
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdSst" Type="%s" Target="sharedStrings.xml"/></Relationships>'
        % SST_REL.encode(),
    )
    return parts


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def shared_string_bomb(megabytes: int) -> bytes:
    """A roster whose one student name is a shared string of `megabytes` MiB of "A".

    The file is about 1 KB per MiB: the deflate stream is one compressed chunk repeated
    (after a full flush the compressor forgets its history, so each chunk packs the same).
    """
    parts = with_shared_strings(workbook_bytes([["nama", "kelas"], ["BOMB", "8A"]]))
    members = []
    for name, content in parts.items():
        if b"BOMB" not in content:
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            packed = packer.compress(content) + packer.flush()
            members.append((name, zlib.crc32(content), packed, len(content)))
            continue
        prefix, suffix = content.split(b"BOMB")
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        head = packer.compress(prefix) + packer.flush(zlib.Z_FULL_FLUSH)
        block = packer.compress(CHUNK) + packer.flush(zlib.Z_FULL_FLUSH)
        tail = packer.compress(suffix) + packer.flush()
        crc = zlib.crc32(prefix)
        for _ in range(megabytes):
            crc = zlib.crc32(CHUNK, crc)
        crc = zlib.crc32(suffix, crc)
        size = len(prefix) + megabytes * len(CHUNK) + len(suffix)
        members.append((name, crc, head + block * megabytes + tail, size))
    return _raw_zip(members)
