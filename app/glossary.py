"""Spanish and French words of a question, read in English (``glossary.yaml``).

The reports and the embedding model are English: a question in another language reaches
them through these words. The hand-checked ``core`` pairs come first; of the ``terms``, a
pair is kept only when the lexicon reads the two sides alike, so that no translation changes
what a question is taken to ask ("donantes" asks who gave money; "partners" would not), and
no single word the lexicon reads itself ("productos") or reads as part of a phrase
("alcance humanitario") is translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

SOURCE = Path(__file__).with_name("glossary.yaml")


@lru_cache(maxsize=1)
def _table() -> dict:
    import yaml

    return yaml.safe_load(SOURCE.read_text(encoding="utf-8"))


def pairs(lang: str, reads: Callable[[str], frozenset], phrase_words: set[str]) -> list:
    """The (foreign, english) pairs of ``lang``, core first: ``reads`` says what the lexicon
    reads in a text, ``phrase_words`` are the words of its phrases of several words."""
    section = _table().get(lang) or {}
    out, seen = [], set()
    for foreign, english in section.get("core") or []:
        if foreign not in seen:
            seen.add(foreign)
            out.append((foreign, english))
    for foreign, english in section.get("terms") or []:
        if foreign in seen:
            continue
        single = " " not in foreign
        read = reads(foreign)
        if read != reads(english) or (single and (read or foreign in phrase_words)):
            continue  # a word the lexicon reads itself ("productos") is left to it
        seen.add(foreign)
        out.append((foreign, english))
    return out


def words(lang: str) -> set[str]:
    """Every word of either side: read as itself, never as a typing error or a cognate
    ("fourni" is read "provided", which stays "provided")."""
    section = _table().get(lang) or {}
    return {
        w
        for part in ("core", "terms")
        for pair in section.get(part) or []
        for side in pair
        for w in re.findall(r"[a-z']+", side)
    }
