"""Concatenate stored certificate PDFs into one print-ready PDF, one file at a time.

The venv has no PDF reading library (pypdf is not a dependency; WeasyPrint and pydyf only
write), and the merged file must be built from the issued PDFs, not re-rendered: a dinas may
have edited its layout since. So this is a deliberately small reader and writer for the PDFs
our own worker writes (WeasyPrint/pydyf: PDF 1.7, cross-reference and object streams) and for
plain PDFs with a classic cross-reference table. It copies each page with every object it
reaches, renumbered, under one new page tree. It is not a general PDF library: encrypted
files and unknown stream filters in a cross-reference stream are refused with `PdfError`.

Memory: the output goes to a file; only one input PDF is held at a time.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

SPACE = re.compile(rb"(?:[\x00\t\n\x0c\r ]|%[^\r\n]*)*")  # whitespace and comments
REGULAR = re.compile(rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]*")  # a number, keyword or name
INHERITED = (b"/Resources", b"/MediaBox", b"/CropBox", b"/Rotate")
INTEGER = re.compile(rb"[+-]?\d+\Z")


class PdfError(ValueError):
    """A PDF this reader does not understand (or a damaged one)."""


class Raw(bytes):
    """A token written back as it was read: number, string, name, boolean, null."""


@dataclass(frozen=True)
class Ref:
    num: int
    gen: int = 0


@dataclass
class Stream:
    info: dict[bytes, Any]
    data: bytes  # still encoded, copied as it is


def _end(pattern: re.Pattern[bytes], buf: bytes, pos: int) -> int:
    found = pattern.match(buf, pos)
    return found.end() if found else pos


class _Lexer:
    def __init__(self, buf: bytes, pos: int = 0) -> None:
        self.buf = buf
        self.pos = pos

    def skip(self) -> None:
        """Past whitespace and comments."""
        self.pos = _end(SPACE, self.buf, self.pos)

    def token(self) -> bytes:
        self.skip()
        start = self.pos
        self.pos = _end(REGULAR, self.buf, start)
        return self.buf[start : self.pos]

    def value(self) -> Any:
        """The next object: dict, list, Ref or a Raw token (strings and names kept as read)."""
        self.skip()
        buf, start = self.buf, self.pos
        head = buf[start : start + 2]
        if head == b"<<":
            return self._dict()
        if head[:1] == b"<":  # hex string
            self.pos = buf.index(b">", start) + 1
            return Raw(buf[start : self.pos])
        if head[:1] == b"(":
            return self._literal()
        if head[:1] == b"[":
            return self._array()
        if head[:1] == b"/":
            self.pos += 1
            return Raw(b"/" + self.token())
        return self._word(start)

    def _dict(self) -> dict[bytes, Any]:
        self.pos += 2
        result: dict[bytes, Any] = {}
        while True:
            self.skip()
            if self.buf[self.pos : self.pos + 2] == b">>":
                self.pos += 2
                return result
            key = self.value()
            if not isinstance(key, Raw) or not key.startswith(b"/"):
                raise PdfError("dictionary key is not a name")
            result[bytes(key)] = self.value()

    def _array(self) -> list[Any]:
        self.pos += 1
        items: list[Any] = []
        while True:
            self.skip()
            if self.buf[self.pos : self.pos + 1] == b"]":
                self.pos += 1
                return items
            if self.pos >= len(self.buf):
                raise PdfError("unterminated array")
            items.append(self.value())

    def _word(self, start: int) -> Any:
        """A number, keyword or `<num> <gen> R` reference."""
        word = self.token()
        if not word:
            raise PdfError(f"unexpected byte at {start}")
        if INTEGER.match(word):
            after = self.pos
            gen = self.token()
            if INTEGER.match(gen) and self.token() == b"R":
                return Ref(int(word), int(gen))
            self.pos = after
        return Raw(word)

    def _literal(self) -> Raw:
        buf, depth, start = self.buf, 0, self.pos
        while self.pos < len(buf):
            c = buf[self.pos]
            self.pos += 1
            if c == 0x5C:  # backslash: the next byte is escaped
                self.pos += 1
            elif c == 0x28:
                depth += 1
            elif c == 0x29:
                depth -= 1
                if depth == 0:
                    return Raw(buf[start : self.pos])
        raise PdfError("unterminated string")


def _unpredict(data: bytes, params: dict[bytes, Any]) -> bytes:
    """Undo a PNG predictor (cross-reference streams of other writers use Up)."""
    predictor = int(params.get(b"/Predictor", b"1"))
    if predictor < 10:
        return data
    columns = int(params.get(b"/Columns", b"1"))
    rows, previous = [], bytearray(columns)
    for start in range(0, len(data), columns + 1):
        kind, row = data[start], bytearray(data[start + 1 : start + 1 + columns])
        for i in range(len(row)):
            left = row[i - 1] if i else 0
            up, up_left = previous[i], previous[i - 1] if i else 0
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                near = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                row[i] = (row[i] + near) & 0xFF
        rows.append(bytes(row))
        previous = row
    return b"".join(rows)


def _decode(stream: Stream) -> bytes:
    filters = stream.info.get(b"/Filter", [])
    filters = filters if isinstance(filters, list) else [filters]
    params = stream.info.get(b"/DecodeParms", {})
    params = params[0] if isinstance(params, list) and params else params
    data = stream.data
    for name in filters:
        if name != b"/FlateDecode":
            raise PdfError(f"unsupported filter {name!r}")
        data = _unpredict(zlib.decompress(data), params if isinstance(params, dict) else {})
    return data


class Reader:
    """The objects and pages of one PDF held in memory."""

    def __init__(self, buf: bytes) -> None:
        self.buf = buf
        self.where: dict[int, tuple[int, int, int]] = {}  # num -> (kind, a, b)
        self.cache: dict[int, Any] = {}
        self.object_streams: dict[int, tuple[bytes, list[int]]] = {}
        self.trailer: dict[bytes, Any] = {}
        tail = buf.rfind(b"startxref")
        if not buf.startswith(b"%PDF") or tail < 0:
            raise PdfError("not a PDF")
        offset: int | None = int(_Lexer(buf, tail + 9).token())
        seen: set[int] = set()
        while offset is not None and offset not in seen:
            seen.add(offset)
            offset = self._xref(offset)
        if b"/Encrypt" in self.trailer:
            raise PdfError("encrypted PDF")

    def _xref(self, offset: int) -> int | None:
        lexer = _Lexer(self.buf, offset)
        if lexer.token() == b"xref":
            info = self._xref_table(lexer)
        else:
            lexer.pos = offset
            info = self._xref_stream(lexer)
        for key, value in info.items():
            self.trailer.setdefault(key, value)
        if isinstance(info.get(b"/XRefStm"), Raw):  # hybrid file: its stream comes first
            self._xref(int(info[b"/XRefStm"]))
        prev = info.get(b"/Prev")
        return int(prev) if isinstance(prev, Raw) else None

    def _xref_table(self, lexer: _Lexer) -> dict[bytes, Any]:
        while True:
            word = lexer.token()
            if word == b"trailer":
                trailer: dict[bytes, Any] = lexer.value()
                return trailer
            first, count = int(word), int(lexer.token())
            for num in range(first, first + count):
                at, _gen, used = int(lexer.token()), lexer.token(), lexer.token()
                if used == b"n":
                    self.where.setdefault(num, (1, at, 0))

    def _xref_stream(self, lexer: _Lexer) -> dict[bytes, Any]:
        stream = self._indirect(lexer)
        if not isinstance(stream, Stream):
            raise PdfError("cross-reference is not a stream")
        info = stream.info
        widths = [int(w) for w in info[b"/W"]]
        index = [int(i) for i in info.get(b"/Index", [Raw(b"0"), info[b"/Size"]])]
        data, size, pos = _decode(stream), sum(widths), 0
        for first, count in zip(index[::2], index[1::2], strict=True):
            for num in range(first, first + count):
                fields = [
                    int.from_bytes(data[pos + sum(widths[:i]) : pos + sum(widths[: i + 1])])
                    for i in range(3)
                ]
                pos += size
                kind = fields[0] if widths[0] else 1
                if kind in (1, 2):
                    self.where.setdefault(num, (kind, fields[1], fields[2]))
        return info

    def _indirect(self, lexer: _Lexer) -> Any:
        lexer.token()  # <num>
        lexer.token()  # <gen>
        if lexer.token() != b"obj":
            raise PdfError(f"no object at {lexer.pos}")
        value = lexer.value()
        lexer.skip()
        if not (isinstance(value, dict) and self.buf.startswith(b"stream", lexer.pos)):
            return value
        start = lexer.pos + 6
        start += 2 if self.buf[start : start + 2] == b"\r\n" else 1
        length = self.resolve(value.get(b"/Length"))
        end = start + int(length) if isinstance(length, Raw) else -1
        if end < 0 or not self.buf[end : end + 12].lstrip().startswith(b"endstream"):
            end = self.buf.index(b"endstream", start)  # a wrong /Length: trust the keyword
            end -= 2 if self.buf[end - 2 : end] == b"\r\n" else 1
        return Stream(value, self.buf[start:end])

    def get(self, num: int) -> Any:
        if num not in self.cache:
            kind, a, b = self.where.get(num, (0, 0, 0))
            if kind == 1:
                self.cache[num] = self._indirect(_Lexer(self.buf, a))
            elif kind == 2:
                self.cache[num] = self._from_object_stream(a, b)
            else:
                self.cache[num] = Raw(b"null")
        return self.cache[num]

    def _from_object_stream(self, stream_num: int, index: int) -> Any:
        if stream_num not in self.object_streams:  # decoded once, not once per object
            stream = self.get(stream_num)
            data, count = _decode(stream), int(stream.info[b"/N"])
            header, first = _Lexer(data), int(stream.info[b"/First"])
            offsets = [(header.token(), first + int(header.token()))[1] for _ in range(count)]
            self.object_streams[stream_num] = (data, offsets)
        data, offsets = self.object_streams[stream_num]
        return _Lexer(data, offsets[index]).value()

    def resolve(self, value: Any) -> Any:
        return self.get(value.num) if isinstance(value, Ref) else value

    def pages(self) -> Iterator[tuple[int, dict[bytes, Any]]]:
        """(object number, page dictionary with inherited attributes filled in), in order."""
        root = self.resolve(self.trailer[b"/Root"])
        yield from self._walk(root[b"/Pages"], {}, set())

    def page_tree_nodes(self) -> set[int]:
        root = self.resolve(self.trailer[b"/Root"])
        nodes, todo = set(), [root[b"/Pages"]]
        while todo:
            ref = todo.pop()
            if isinstance(ref, Ref) and ref.num not in nodes:
                node = self.get(ref.num)
                if node.get(b"/Type") == b"/Pages":
                    nodes.add(ref.num)
                    todo.extend(self.resolve(node.get(b"/Kids", [])))
        return nodes

    def _walk(
        self, ref: Any, inherited: dict[bytes, Any], seen: set[int]
    ) -> Iterator[tuple[int, dict[bytes, Any]]]:
        if not isinstance(ref, Ref) or ref.num in seen:
            return
        seen.add(ref.num)
        node = self.get(ref.num)
        if node.get(b"/Type") == b"/Pages" or b"/Kids" in node:
            passed = {**inherited, **{k: node[k] for k in INHERITED if k in node}}
            for kid in self.resolve(node.get(b"/Kids", [])):
                yield from self._walk(kid, passed, seen)
        else:
            yield ref.num, {**inherited, **node}


class Merger:
    """Write pages of several PDFs into `out`: `append(pdf_bytes)` each, then `finish()`."""

    PAGES, CATALOG = 1, 2

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.offsets: dict[int, int] = {}
        self.next_num = 3
        self.kids: list[int] = []
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def append(self, pdf: bytes) -> int:
        """Copy every page of `pdf` (and what it uses); returns how many pages it had."""
        reader = Reader(pdf)
        mapping = dict.fromkeys(reader.page_tree_nodes(), self.PAGES)
        queue: list[int] = []
        pages = list(reader.pages())
        for num, _page in pages:
            mapping[num] = self._allocate()
        for num, page in pages:
            page = {k: v for k, v in page.items() if k not in (b"/Parent", b"/StructParents")}
            page[b"/Parent"] = Ref(self.PAGES)
            self._write(mapping[num], self._serialise(page, mapping, queue))
            self.kids.append(mapping[num])
        while queue:
            old = queue.pop()
            self._write(mapping[old], self._serialise(reader.get(old), mapping, queue))
        return len(pages)

    def finish(self) -> int:
        """Write the page tree, catalogue and cross-reference table; returns the page count."""
        kids = b" ".join(b"%d 0 R" % k for k in self.kids)
        self._write(self.PAGES, b"<</Type /Pages /Kids [%s] /Count %d>>" % (kids, len(self.kids)))
        self._write(self.CATALOG, b"<</Type /Catalog /Pages %d 0 R>>" % self.PAGES)
        start = self.out.tell()
        self.out.write(b"xref\n0 %d\n0000000000 65535 f \n" % self.next_num)
        for num in range(1, self.next_num):
            self.out.write(b"%010d 00000 n \n" % self.offsets[num])
        self.out.write(
            b"trailer\n<</Size %d /Root %d 0 R>>\nstartxref\n%d\n%%%%EOF\n"
            % (self.next_num, self.CATALOG, start)
        )
        return len(self.kids)

    def _allocate(self) -> int:
        self.next_num += 1
        return self.next_num - 1

    def _write(self, num: int, body: bytes) -> None:
        self.offsets[num] = self.out.tell()
        self.out.write(b"%d 0 obj\n%s\nendobj\n" % (num, body))

    def _serialise(self, value: Any, mapping: dict[int, int], queue: list[int]) -> bytes:
        def walk(item: Any) -> bytes:
            if isinstance(item, Ref):
                if item.num not in mapping:
                    mapping[item.num] = self._allocate()
                    queue.append(item.num)
                return b"%d 0 R" % mapping[item.num]
            if isinstance(item, dict):
                return b"<<" + b"".join(k + b" " + walk(v) for k, v in item.items()) + b">>"
            if isinstance(item, list):
                return b"[" + b" ".join(walk(v) for v in item) + b"]"
            if isinstance(item, Stream):
                info = {**item.info, b"/Length": Raw(b"%d" % len(item.data))}
                return walk(info) + b"\nstream\n" + item.data + b"\nendstream"
            return bytes(item)

        return walk(value)


def page_count(pdf: bytes) -> int:
    return sum(1 for _ in Reader(pdf).pages())
