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
from functools import cached_property, lru_cache

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

    @cached_property
    def vocabulary(self) -> set[str]:
        return set(self.candidates)

    def english(self, lower: str, keep: set[str]) -> tuple[str, list[tuple[str, str]]]:
        """A Spanish or French question's words that are cognates of the reports' English
        words, in English; the others (and those in ``keep``) as typed."""
        found: list[tuple[str, str]] = []

        def swap(match: re.Match) -> str:
            word = match.group(0)
            if (
                word in keep
                or word in self.vocabulary
                or any(word in small for small in LANGUAGE_WORDS.values())
            ):
                return word
            english = cognate(word, self.vocabulary, self.candidates)
            if english is None or english == word:
                return word
            found.append((word, english))
            return english

        return re.sub(r"(?<![\w.])[a-z][a-z]+(?![\w.])", swap, lower), found

    def _split(self, word: str) -> str:
        """ "peacebuilding" → "peace building": two words of the reports typed as one."""
        if len(word) < 8:
            return ""
        for cut in range(4, len(word) - 3):
            first, second = word[:cut], word[cut:]
            if first in self.vocabulary and second in self.vocabulary:
                return f"{first} {second}"
        return ""

    def correct(self, lower: str, keep=()) -> tuple[str, list[tuple[str, str]]]:
        """``lower`` (lower case, accents off) with its typing errors corrected, and the
        corrections made as (typed, read); the words of ``keep`` stay as typed."""
        from rapidfuzz import fuzz, process

        corrections: list[tuple[str, str]] = []

        def fix(match: re.Match) -> str:
            word = match.group(0)
            if len(word) < 4 or word in self.known or "_" in word or word in keep:
                return word
            if _common(word):
                return word
            if word.startswith(("un", "non", "re", "over", "under")) and any(
                word[len(prefix) :] in self.known
                for prefix in ("un", "non", "re", "over", "under")
                if word.startswith(prefix)
            ):
                return word  # "unspent", "overspent": a prefix on a word of the reports
            joined = self._split(word)
            if joined:
                corrections.append((word, joined))
                return joined
            found = process.extractOne(
                word, self.candidates, scorer=fuzz.ratio, score_cutoff=_cutoff(word)
            )
            if found is None or found[0] == word:
                return word
            corrections.append((word, found[0]))
            return found[0]

        # Codes (KEN_D_1.3.2) and words joined to digits are left as typed.
        return re.sub(r"(?<![\w.])[a-z][a-z]+(?![\w.])", fix, lower), corrections


# How Spanish and French words of Latin stock end where English ones end otherwise
# ("delegaciones" → "delegations", "paritaria" → "paritary", "securite" → "security"): the
# regular correspondences, tried before a near spelling.
COGNATE_ENDINGS = (
    ("ciones", "tions"),
    ("cion", "tion"),
    ("siones", "sions"),
    ("sion", "sion"),
    ("dades", "ties"),
    ("dad", "ty"),
    ("ite", "ity"),
    ("ites", "ities"),
    ("icas", "ic"),
    ("icos", "ic"),
    ("ica", "ic"),
    ("ico", "ic"),
    ("ique", "ic"),
    ("iques", "ics"),
    ("ivas", "ive"),
    ("ivos", "ive"),
    ("iva", "ive"),
    ("ivo", "ive"),
    ("osas", "ous"),
    ("osos", "ous"),
    ("osa", "ous"),
    ("oso", "ous"),
    ("euses", "ous"),
    ("eux", "ous"),
    ("encia", "ence"),
    ("ancia", "ance"),
    ("arias", "ary"),
    ("arios", "ary"),
    ("aria", "ary"),
    ("ario", "ary"),
    ("aire", "ary"),
    ("aires", "aries"),
    ("istas", "ists"),
    ("ista", "ist"),
    ("iste", "ist"),
    ("ismo", "ism"),
    ("isme", "ism"),
    ("mente", "ly"),
    ("ement", "ly"),
    ("ados", "ed"),
    ("adas", "ed"),
    ("ado", "ed"),
    ("ada", "ed"),
    ("es", "s"),
    ("os", "s"),
    ("as", "s"),
    ("o", ""),
    ("a", ""),
    ("e", ""),
    ("s", "s"),
)


def cognate(word: str, vocabulary: set[str], candidates: list[str]) -> str | None:
    """The English word of the reports a Spanish or French word is a cognate of
    ("formales" → "formal", "piloto" → "pilot", "delegaciones" → "delegations"), if any."""
    from rapidfuzz import fuzz, process

    if len(word) < 5:
        return None
    for ending, english in COGNATE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            guess = word[: len(word) - len(ending)] + english
            if guess in vocabulary:
                return guess
    found = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=82)
    if found and found[0][:3] == word[:3]:
        return found[0]
    return None


def _cutoff(word: str) -> float:
    # One wrong letter in a short word is a larger share of it.
    return 80.0 if len(word) >= 5 else 85.0
