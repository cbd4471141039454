"""Questions as people type them: accents, the language they are in, and typing errors.

A word is corrected only when it is neither a word of the reports nor a common word of
English, Spanish or French (``wordfreq``), and a word of the reports or of the question
vocabulary is close to it (``rapidfuzz``). Codes are never corrected: a code must match
exactly, or is offered as "did you mean".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Words that tell one language from the others in a short question.
_ES = """el la los las del de que cual cuales cuanto cuanta cuantos cuantas como donde por
para fue fueron es son y en un una al se su sus este esta hubo tiene sobre contra entre sin
hasta desde durante segun ante bajo tras mas muy ha han"""
_FR = """le la les des du de quel quelle quels quelles combien est sont et en un une au aux
pour par sur a ete dans ce cette qui que ses son sous contre entre sans avec chez vers pendant
depuis selon dont ou plus moins tres ont il elle"""
_EN = """the what which how who was were is are and in of for on did does much many to a an
with by from this that"""
# Words that tell one language from the others in a short question.
LANGUAGE_WORDS = {"es": set(_ES.split()), "fr": set(_FR.split()), "en": set(_EN.split())}
COMMON = 3.0  # zipf frequency from which a word is an ordinary word of the language
WORD = re.compile(r"[a-z][a-z'\-]*")


def strip_accents(text: str) -> str:
    """ "déficit" → "deficit", "¿Cuál" → "¿Cual": the vocabulary is written without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def language(text: str) -> str:
    """ "en", "es" or "fr": the language with the most of its small words in ``text``."""
    words = WORD.findall(strip_accents(text.lower().replace("’", "'")))
    words = [w.split("'")[-1] for w in words]  # "l'extrant" → "extrant", "d'" → ""
    counts = {
        lang: sum(w in vocabulary for w in words) for lang, vocabulary in LANGUAGE_WORDS.items()
    }
    if text.strip().startswith(("¿", "¡")):
        counts["es"] += 2
    best = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    return best if counts[best] > counts["en"] else "en"


@lru_cache(maxsize=4096)
def _common(word: str) -> bool:
    from wordfreq import zipf_frequency

    return any(zipf_frequency(word, lang) >= COMMON for lang in ("en", "es", "fr"))


class Speller:
    """Corrects typing errors against the words the reports and the question vocabulary use."""

    def __init__(self, known: Iterable[str], candidates: Iterable[str]):
        self.known = set(known)
        self.candidates = sorted({c for c in candidates if len(c) >= 4})

    def correct(self, lower: str) -> tuple[str, list[tuple[str, str]]]:
        """``lower`` (lower case, accents off) with its typing errors corrected, and the
        corrections made as (typed, read)."""
        from rapidfuzz import fuzz, process

        corrections: list[tuple[str, str]] = []

        def fix(match: re.Match) -> str:
            word = match.group(0)
            if len(word) < 4 or word in self.known or "_" in word or _common(word):
                return word
            if word.startswith(("un", "non", "re", "over", "under")) and any(
                word[len(prefix) :] in self.known
                for prefix in ("un", "non", "re", "over", "under")
                if word.startswith(prefix)
            ):
                return word  # "unspent", "overspent": a prefix on a word of the reports
            found = process.extractOne(
                word, self.candidates, scorer=fuzz.ratio, score_cutoff=_cutoff(word)
            )
            if found is None or found[0] == word:
                return word
            corrections.append((word, found[0]))
            return found[0]

        # Codes (KEN_D_1.3.2) and words joined to digits are left as typed.
        return re.sub(r"(?<![\w.])[a-z][a-z]+(?![\w.])", fix, lower), corrections


def _cutoff(word: str) -> float:
    # One wrong letter in a short word is a larger share of it.
    return 80.0 if len(word) >= 5 else 85.0
