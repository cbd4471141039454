"""Report text for a terminal: shown as itself, never obeyed.

A PDF's text layer can hold escape sequences (colours, cursor moves, a new window title),
BEL, NUL and bidirectional overrides that make a line read in another order than it is
stored. Printed raw, the terminal acts on them. Here every such character is made visible
instead: a C0 control as its Unicode control picture (ESC → ␛, BEL → ␇, NUL → ␀), DEL as
␡, and C1 controls and bidi formatting characters as ``<U+202E>``. ``--json`` keeps the raw
text (JSON escapes the controls itself).
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls; bidi embeddings, overrides, isolates
# and marks; the line and paragraph separators some terminals break lines on.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _visible(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def plain(text: str) -> str:
    """``text`` with every character a terminal would act on made visible."""
    return UNSAFE.sub(_visible, text)


def one_line(text: str) -> str:
    """``text`` for a field that must stay on its line (a file name in Sources or in
    ``status``): :func:`plain`, and a newline shown as ␤, so a name can't forge a line."""
    return plain(text).replace("\n", "\u2424")
