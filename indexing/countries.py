"""Country names for the ISO 3166 alpha-3 codes that lead every outcome code."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=512)
def country_name(iso3: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3.upper())
    if country is None:
        return iso3
    return getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=1)
def name_index() -> dict[str, str]:
    """Lower-case names (official, common, short) → ISO3, for finding countries in questions."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names[value.lower()] = country.alpha_3
                names[value.split(",")[0].lower()] = country.alpha_3
    return names
