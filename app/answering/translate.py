"""An answer's own words in the question's language: Spanish or French phrases for the
English ones answers are composed with (``app/vocabulary.py``), never inside a quote, never
a figure or a name."""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocabulary import ANSWER_WORDS

QUOTE = re.compile(r"“[^”]*”")


def translate(text: str, language: str) -> str:
    """``text`` with its composed phrases in ``language`` ("es", "fr"); English as it is."""
    if language not in ANSWER_WORDS:
        return text
    pieces, last = [], 0
    for quote in QUOTE.finditer(text):
        pieces += [_words(text[last : quote.start()], language), quote.group(0)]
        last = quote.end()
    pieces.append(_words(text[last:], language))
    return "".join(pieces)


def _words(text: str, language: str) -> str:
    # "Mexico's economic empowerment outcome (MEX_D_2.1)" reads in Spanish or French with
    # the code first: "resultado MEX_D_2.1 (Mexico, economic empowerment)".
    word = OUTCOME_WORD[language]
    text = NAMED_OUTCOME.sub(
        lambda m: (
            f"{word} {m['code']} ({m['country']}" + (f", {m['label']})" if m["label"] else ")")
        ),
        text,
    )
    text = OUTPUT_OF.sub(r"\1, ", text)  # "Output X of …": "Producto X, resultado …"
    for pattern, local in _patterns(language):
        text = pattern.sub(local, text)
    return text


OUTPUT_OF = re.compile(r"\b(Output [A-Z]{2,4}_[A-Z]_[\d.]+) of ")


NAMED_OUTCOME = re.compile(
    r"(?P<country>[A-Z][A-Za-z .’'-]*?)'s (?:(?P<label>[a-z][a-z ,]*?) )?outcome "
    r"\((?P<code>[A-Z]{2,4}_[A-Z]_[\d.]+)\)"
)
OUTCOME_WORD = {"es": "resultado", "fr": "résultat"}


@lru_cache(maxsize=4)
def _patterns(language: str) -> list[tuple[re.Pattern, str]]:
    pairs = sorted(ANSWER_WORDS[language], key=lambda pair: -len(pair[0]))
    return [
        (re.compile(("(?<![\\w])" if a[0].isalnum() else "") + re.escape(a) + r"(?![\w])"), b)
        for a, b in pairs
    ]
