"""Country names for the ISO 3166 alpha-3 codes that lead every outcome code."""

from __future__ import annotations

import os
import re
from functools import lru_cache


@lru_cache(maxsize=512)
def country_name(iso3: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3.upper())
    if country is None:
        return iso3
    return getattr(country, "common_name", None) or country.name


# Languages UN Women's offices brief in, besides English: their names for countries count.
NAME_LANGUAGES = ("es", "fr")


@lru_cache(maxsize=1)
def name_index() -> dict[str, str]:
    """Lower-case names → ISO3, for finding countries in questions: official, common and
    short names (pycountry), and the Spanish and French names (CLDR, via Babel: "Kenia",
    "Mexique"), with and without accents."""
    import unicodedata

    import pycountry
    from babel import Locale

    def plain(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    names: dict[str, str] = {}
    locales = [Locale(language) for language in NAME_LANGUAGES]
    for country in pycountry.countries:
        values = [getattr(country, a, None) for a in ("name", "common_name", "official_name")]
        values += [locale.territories.get(country.alpha_2) for locale in locales]
        for value in filter(None, values):
            for name in (value.lower(), value.split(",")[0].lower()):
                names.setdefault(name, country.alpha_3)
                names.setdefault(plain(name), country.alpha_3)
    return names


# How a people's or a country's adjective ends: "Nepali", "Peruvian", "German", "Japanese".
DEMONYM_ENDINGS = ("n", "an", "ian", "ians", "ans", "ese", "i", "is", "ish", "ic")


@lru_cache(maxsize=1)
def _one_word_names() -> dict[str, str]:
    return {name: iso3 for name, iso3 in name_index().items() if name.isalpha() and len(name) >= 4}


@lru_cache(maxsize=4096)
def demonym(word: str) -> str | None:
    """The ISO3 of the country whose people or things ``word`` names ("nepali" → NPL), when
    it reads as one: the start of a one-word country name and an adjective's ending."""
    if len(word) < 5 or not word.endswith(DEMONYM_ENDINGS):
        return None
    best, best_length = None, 0
    for name, iso3 in _one_word_names().items():
        stem = name[: min(5, len(name))]
        if word != name and word.startswith(stem) and len(word) <= len(name) + 4:
            # The longest name it starts like: "Austrian" is Austria's, not Australia's.
            length = len(os.path.commonprefix([word, name]))
            if length > best_length:
                best, best_length = iso3, length
    return best


# How a people's adjective ends in Spanish ("japonés", "sueco", "coreano", "canadiense") and
# in French ("japonais", "suédois", "norvégien", "coréen", "allemand"), accents off.
FOREIGN_DEMONYM_ENDINGS = {
    "es": ("es", "esa", "eses", "o", "a", "os", "as", "an", "ana", "anos", "ense", "eno", "ino"),
    "fr": ("ais", "aise", "ois", "oise", "ien", "ienne", "een", "eenne", "ain", "aine", "and"),
}


@lru_cache(maxsize=4096)
def foreign_demonym(word: str, lang: str) -> list[str]:
    """The countries whose Spanish or French name ``word`` could be the adjective of
    ("sueco" → SWE, "norvegien" → NOR): it shares the name's first four letters and ends
    like an adjective of that language. Loose by design: the caller keeps only countries
    that matter (donors the reports name)."""
    word = word.lower()
    if len(word) < 5 or not word.endswith(FOREIGN_DEMONYM_ENDINGS.get(lang, ())):
        return []
    import unicodedata

    from babel import Locale

    found: dict[str, int] = {}
    for alpha2, name in Locale(lang).territories.items():
        name = unicodedata.normalize("NFKD", name.lower())
        # "Corea del Sur", "Royaume-Uni": the adjective is formed on the first word.
        name = "".join(c for c in name if not unicodedata.combining(c)).split(" ")[0]
        if not name.isalpha() or len(name) < 4 or word == name or len(alpha2) != 2:
            continue
        shared = len(os.path.commonprefix([word, name]))
        if shared >= 4 and len(word) <= len(name) + 5:
            import pycountry

            country = pycountry.countries.get(alpha_2=alpha2)
            if country is not None:
                found[country.alpha_3] = shared
    # The name it starts most like: "australiano" is Australia's, not Austria's.
    most = max(found.values(), default=0)
    return sorted(iso3 for iso3, shared in found.items() if shared == most)


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """A people's adjective, lower case → ISO3 ("swedish" → SWE, "dutch" → NLD), from
    countryinfo's data."""
    from countryinfo import all_countries

    found: dict[str, tuple[int, str]] = {}
    for country in all_countries():
        try:
            iso3, adjective = country.iso(3), country.demonym()
            population = int(country.population() or 0)
        except Exception:  # an entry without the data
            continue
        # "American" is the United States', not a territory's that shares the word.
        if iso3 and adjective and population >= found.get(adjective.lower(), (-1, ""))[0]:
            found[adjective.lower()] = (population, iso3)
    return {adjective: iso3 for adjective, (_, iso3) in found.items()}


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """A capital city, lower case and accents off → ISO3: a government named by its seat
    ("what did Ottawa give?"), from countryinfo's data."""
    import unicodedata

    from countryinfo import all_countries

    found: dict[str, tuple[int, str]] = {}
    for country in all_countries():
        try:
            iso3, capital = country.iso(3), country.capital()
            population = int(country.population() or 0)
        except Exception:  # an entry without the data
            continue
        capitals = capital if isinstance(capital, list) else [capital]
        for one in filter(None, capitals):
            if not iso3 or not isinstance(one, str):
                continue
            name = unicodedata.normalize("NFKD", one.lower())
            name = "".join(c for c in name if not unicodedata.combining(c))
            if population >= found.get(name, (-1, ""))[0]:
                found[name] = (population, iso3)
    return {name: iso3 for name, (_, iso3) in found.items()}


def capital_of(word: str) -> str | None:
    """The ISO3 of the country whose capital ``word`` is, if it is one."""
    return _capitals().get(word.lower())


@lru_cache(maxsize=4096)
def people(word: str) -> str | None:
    """The ISO3 of the country whose people or things ``word`` names: its adjective
    ("swedish", "japanese", "dutch"), the people in the plural ("norwegians", "swedes",
    "danes"), or an adjective formed on the name (:func:`demonym`). A country's own name
    is not one."""
    word = word.lower()
    if len(word) < 4 or word in name_index():
        return None
    adjectives = _demonyms()
    if word in adjectives:
        return adjectives[word]
    if word.endswith("s") and word[:-1] in adjectives:
        return adjectives[word[:-1]]  # "Norwegians", "Canadians"
    if word.endswith("es"):
        # "Swedes", "Danes", "Finns": the adjective in -ish less its ending, as a noun.
        for adjective, iso3 in adjectives.items():
            if adjective.endswith("ish") and word[:-2] == adjective[:-3] + (
                "e" if not adjective[:-3].endswith("e") else ""
            ):
                return iso3
            if adjective.endswith("ish") and word[:-1] == adjective[:-3] + "e":
                return iso3
    return demonym(word)


def is_country(code: str) -> bool:
    """Whether an office prefix is an ISO 3166 alpha-3 country code (ECA and RD are not)."""
    import pycountry

    return len(code) == 3 and code.isalpha() and pycountry.countries.get(alpha_3=code) is not None


OFFICE_WORDS = re.compile(
    r"\b(?:UN[ -]Women|(?:Multi-|Sub-)?(?:Country|Regional|Liaison|Programme) Office|in|for)\b",
    re.IGNORECASE,
)


def country_in(office: str) -> str:
    """The ISO3 of the country an office's name names ("Kenya Country Office" → KEN), or ""."""
    name = " ".join(OFFICE_WORDS.sub(" ", office).split()).strip(" ,-").lower()
    return name_index().get(name, "") if name else ""
