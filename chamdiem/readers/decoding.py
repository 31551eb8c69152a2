"""Bytes to NFC text that survives a few damaged bytes: they are replaced with U+FFFD and reported
(where and how many), so one flipped byte does not lose a whole report. Only damage beyond the
limits of catalogs/input_checks.toml refuses the file, naming the true byte position.

Encodings tried: UTF-16 when a BOM says so, else UTF-8 (with or without BOM), else Windows-1258."""
from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.findings import finding
from chamdiem.model.errors import UndecodableText
from chamdiem.model.observations import Finding

_bad: list[tuple[int, int]] = []
_NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp1258": "Windows-1258"}


def _name(encoding: str) -> str:
    return _NAMES.get(encoding, encoding)


def _record(exc: UnicodeDecodeError):
    _bad.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error("chamdiem-record", _record)


class BadPlace(NamedTuple):
    """Adjacent damaged bytes (a damaged letter) and the replacement characters they became."""
    start: int
    end: int
    chars: int


@dataclass
class Decoded:
    text: str
    encoding: str
    bad: list[BadPlace] = field(default_factory=list)   # byte ranges replaced, U+FFFD each

    @property
    def bad_bytes(self) -> int:
        return sum(e - s for s, e, _ in self.bad)

    def damage_note(self, data: bytes) -> Finding | None:
        """The finding that bytes were replaced, its span the first replacement."""
        if not self.bad:
            return None
        first, _, chars = self.bad[0]
        offsets = ", ".join(f"{s}" for s, _, _ in self.bad[:10]) + (" …" if len(self.bad) > 10 else "")
        prefix = _decode_prefix(data, first, self.encoding)
        return finding("damaged_bytes_replaced", start=prefix, end=prefix + chars, bytes=self.bad_bytes,
                       places=len(self.bad), encoding=_name(self.encoding), offsets=offsets)


def _decode_prefix(data: bytes, upto: int, encoding: str) -> int:
    return len(unicodedata.normalize("NFC", data[:upto].decode(encoding, "replace")))


def _attempt(data: bytes, encoding: str) -> Decoded:
    del _bad[:]
    text = data.decode(encoding, "chamdiem-record")
    return Decoded(text, encoding, _places(_bad))


def _places(bad: list[tuple[int, int]]) -> list[BadPlace]:
    """Adjacent bad bytes are one place (a damaged letter)."""
    out: list[BadPlace] = []
    for start, end in bad:
        if out and out[-1].end == start:
            out[-1] = out[-1]._replace(end=end, chars=out[-1].chars + 1)
        else:
            out.append(BadPlace(start, end, 1))
    return out


def allowed_bad_bytes(size: int) -> int:
    lim = catalog("input_checks")["text"]
    # a few bytes in any file of some size; never most of a tiny one
    return int(min(lim["max_bad_bytes_absolute"], max(lim["max_bad_byte_share"] * size, min(8, size / 10))))


def decode_text(data: bytes, path: str, declared: str | None = None) -> Decoded:
    """The best reading of ``data``: ``declared`` (an HTML charset) first when given, then UTF-16 by
    BOM, UTF-8, Windows-1258, each accepted when its damaged bytes stay within the limit."""
    allowed = allowed_bad_bytes(len(data))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        order = ["utf-16"]
    else:
        order = ["utf-8-sig", "cp1258"]
        if declared:
            try:
                declared = codecs.lookup(declared).name
            except LookupError:
                declared = None
        if declared and declared not in ("utf-8", "utf-16"):
            order.insert(0, declared)
    tries: list[Decoded] = []
    for enc in order:
        decoded = _attempt(data, enc)
        if not decoded.bad:
            return _nfc(decoded)
        tries.append(decoded)
    best = min(tries, key=lambda decoded: decoded.bad_bytes)
    if best.bad_bytes <= allowed:
        return _nfc(best)
    first = tries[0]
    bad_start, bad_end, _ = first.bad[0]
    raise UndecodableText(path, f"not text in UTF-8, UTF-16 or Windows-1258: byte offset {bad_start} "
                                f"(0x{data[bad_start:bad_end].hex()}) is the first that is not "
                                f"{_name(first.encoding)}; "
                                + "; ".join(f"{tried.bad_bytes} of {len(data)} bytes are not {_name(tried.encoding)}"
                                            for tried in tries)
                                + f" (at most {allowed} damaged bytes are replaced)")


def _nfc(decoded: Decoded) -> Decoded:
    decoded.text = unicodedata.normalize("NFC", decoded.text)
    return decoded
