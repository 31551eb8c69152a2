"""Text from outside (file names above all) as a terminal may show it: control and format
characters (ESC, BEL, carriage return, bidi overrides…) become escapes such as ``\\x1b`` and
``\\u202e``, so a file name cannot move the cursor, recolour the terminal or reorder a line."""
from __future__ import annotations


def shown(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every character that is not printable escaped (a space stays a space, and a
    line end stays one when ``keep_newlines``)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " or (keep_newlines and ch == "\n") else _escape(ch)
                   for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
