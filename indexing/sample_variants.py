"""Sample reports in the layouts other offices print (see ``../shared/DOMAIN.md``).

Each is a ``Spec`` for the sample generator: organisational-effectiveness outcomes
(``_O_``) and outcomes with no RESOURCES block or no indicator tables, a regional office
whose code prefix is not a country, an office's two-letter prefix, indicators led by a
Strategic Plan code, notes of two data years in one file, other plan periods, and two
editions (data years) of one report.
"""

from __future__ import annotations

from dataclasses import replace

from .samples import Spec

# Editions of one report share everything but their file and the years they show.
BRAZIL_2021 = Spec(
    "sample_brazil_2021.pdf",
    "resultsqa-variant-bra",
    "BRA",
    "Brazil",
    "Brasília",
    "Bahia",
    plan_period="2017-2023",
    data_years=(2021,),
    themes=1,
)

VARIANTS = [
    # Timor-Leste: no RESOURCES anywhere; the _O_ outcome is statement, details and notes.
    Spec(
        "sample_timor-leste.pdf",
        "resultsqa-variant-tls",
        "TLS",
        "Timor-Leste",
        "Dili",
        "Baucau",
        header="UN Women Timor-Leste Country Office",
        plan_period="2018-2022",
        data_years=(2022,),
        outcomes=(("D", False, True), ("O", False, False)),
    ),
    # A regional office: ECA is no country; its indicators carry Strategic Plan codes.
    Spec(
        "sample_europe_central_asia.pdf",
        "resultsqa-variant-eca",
        "ECA",
        "Europe and Central Asia",
        "Istanbul",
        "the Western Balkans",
        header="Europe and Central Asia Regional Office",
        plan_period="2022-2025",
        data_years=(2023,),
        outcomes=(("D", True, True), ("O", False, True)),
        sp_codes=True,
    ),
    # An office whose codes carry its own two letters, not its country's ISO3.
    Spec(
        "sample_moldova.pdf",
        "resultsqa-variant-mda",
        "RD",
        "Moldova",
        "Chișinău",
        "Cahul",
        header="UN Women Moldova Country Office",
        plan_period="2023-2027",
        data_years=(2023,),
        outcomes=(("D", True, True), ("O", False, False)),
        sp_codes=True,
    ),
    # Two editions of one report: 2021's, and 2023's that holds the notes of 2022 and 2023.
    BRAZIL_2021,
    replace(BRAZIL_2021, file="sample_brazil_2023.pdf", data_years=(2022, 2023)),
]
