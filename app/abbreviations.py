"""Abbreviations spelled out before a question is read: UN Women's acronyms ("EVAW", "GBV",
"WPS"), the shorthand staff type ("tgt", "bdgt", "w/", "&", "#") and two-letter country codes
("KE", "MX") for the countries whose reports are indexed.

The acronyms and shorthand are a closed list (``abbreviations.yaml``); country codes come
from ISO 3166 (pycountry). "CO" is both Colombia and a country office: it is the office
when the question names (or a follow-up inherits) another country; else Colombia.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

SOURCE = Path(__file__).with_name("abbreviations.yaml")
# An uppercase token of 2-6 letters: what an abbreviation looks like when typed.
CAPS = re.compile(r"(?<![\w/&#])([A-Z][A-Za-z]{1,5})(?![\w/&#])")


@lru_cache(maxsize=1)
def table() -> dict[str, dict[str, str]]:
    import yaml

    return yaml.safe_load(SOURCE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _any_case() -> re.Pattern:
    words = {**table()["jargon"], **table()["shorthand"], **table()["nicknames"]}
    keys = sorted(words, key=len, reverse=True)
    alternatives = "|".join(re.escape(k) for k in keys)
    # Whole words; "&" and "#" stand between spaces or before a word.
    return re.compile(rf"(?<![\w/])({alternatives})(?![\w/])", re.IGNORECASE)


def spell_out(question: str, language: str = "en") -> tuple[str, list[tuple[str, str]]]:
    """``question`` with its abbreviations spelled out, and each (typed, spelled out). The
    English shorthand ("para", "re") stays as typed in a Spanish or French question, where it
    can be a word ("para" is "for"); UN Women's acronyms are read in any language."""
    done: list[tuple[str, str]] = []
    words = {**table()["jargon"], **table()["nicknames"]}
    if language == "en":
        words.update(table()["shorthand"])
    capitals = table()["capitals"]
    # "WPS/HA", "EVAW/GBV": two acronyms joined by a slash are read one by one ("w/" stays).
    question = re.sub(r"\b([A-Z]{2,6})/([A-Z]{2,6})\b", r"\1 / \2", question)

    def capital(match: re.Match) -> str:
        typed = match.group(1)
        if typed in capitals and typed != "CO":
            done.append((typed, capitals[typed]))
            return capitals[typed]
        return typed

    text = CAPS.sub(capital, question)

    def other(match: re.Match) -> str:
        typed = match.group(1)
        full = words.get(typed.lower(), words.get(typed))
        if full is None:
            return typed
        if typed.isupper() is False and typed.lower() in table()["jargon"] and len(typed) <= 3:
            # "wee" and "leap" are words too: in lower case only when not one.
            from .spelling import _common

            if _common(typed.lower()):
                return typed
        done.append((typed, full))
        return full

    text = _any_case().sub(other, text)
    return text, done


# Two-letter words a question can open with.
SHORT_WORDS = set(
    [
        "co",
        "me",
        "my",
        "in",
        "on",
        "to",
        "is",
        "it",
        "of",
        "or",
        "at",
        "as",
        "an",
        "am",
        "us",
        "no",
        "so",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "up",
        "we",
        "ok",
        "hi",
        "oh",
    ]
)


def country_codes(question: str, indexed: set[str], names_a_country: bool) -> list[tuple[str, str]]:
    """(ISO3, code as typed) of the indexed countries a question names by their two-letter
    code ("KE", "MX"), as typed in capitals. "CO" is Colombia unless it reads as "country
    office" (see the module's note)."""
    import pycountry

    found = []
    typed = []
    for match in re.finditer(r"(?<![\w_])([A-Z]{2})(?![\w_])", question):
        country = pycountry.countries.get(alpha_2=match.group(1))
        if country is not None and country.alpha_3 in indexed:
            typed.append((match, country))
    # "mx CO, the WEE output …": a code typed in lower case, opening the question, that is no
    # word of its own.
    opening = re.match(r"\W*([a-z]{2})(?=[\s,:;\-])", question)
    if opening and opening.group(1) not in SHORT_WORDS:
        country = pycountry.countries.get(alpha_2=opening.group(1).upper())
        if country is not None and country.alpha_3 in indexed:
            typed.insert(0, (opening, country))
    others = any(match.group(1) != "CO" for match, _ in typed)
    for match, country in typed:
        token = match.group(1)
        if token.upper() == "CO" and (names_a_country or others):
            # Beside another country "CO" is that country's office; alone it can only be
            # Colombia (a country office of no country answers nothing).
            continue
        if (country.alpha_3, token) not in found:
            found.append((country.alpha_3, token))
    return found


UPPER = re.compile(r"(?<![\w_/])([A-Z]{2,6})(?![\w_])")


def unknown(question: str, known) -> list[str]:
    """The abbreviations typed in capitals that nothing here knows ("UNFT" for "UNTF"):
    not a UN Women acronym or shorthand, a country or office code, a partner's short name,
    a word of the reports or a common word. ``known(token)`` says what the reports know."""
    import pycountry

    listed = {k.lower() for group in table().values() for k in group}
    out = []
    for match in UPPER.finditer(question):
        token = match.group(1)
        lower = token.lower()
        if lower in listed or known(token):
            continue
        if len(token) == 2 and pycountry.countries.get(alpha_2=token):
            continue
        if len(token) == 3 and pycountry.countries.get(alpha_3=token):
            continue
        if token not in out:
            out.append(token)
    return out
