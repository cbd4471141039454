"""An answer's own words in the question's language: Spanish or French phrases for the
English ones answers are composed with (``ANSWER_WORDS``), never inside a quote, never a
figure or a name."""

from __future__ import annotations

import re
from functools import lru_cache

# The answer's own words in the question's language (quotes and names stay as printed).
# Longest first; matched as whole words, outside “quotes”.
ANSWER_WORDS = {
    "es": [
        (
            "is a fictional sample report; its figures are made up",
            "es un informe de muestra ficticio; sus cifras son inventadas",
        ),
        (
            "are fictional sample reports; their figures are made up",
            "son informes de muestra ficticios; sus cifras son inventadas",
        ),
        ("Fictional sample:", "Muestra ficticia:"),
        ("Not in the indexed reports", "No figura en los informes indexados"),
        ("Closest matches", "Lo más cercano"),
        ("Also:", "También:"),
        ("Reading this as", "Entendido como"),
        ("from the previous question", "de la pregunta anterior"),
        ("report showing data for", "informe con datos de"),
        ("year not stated", "año no indicado"),
        ("the year before", "el año anterior"),
        ("worked out", "calculado"),
        ("stated in the progress note of", "indicado en la nota de progreso de"),
        ("stated in the text of", "indicado en el texto de"),
        ("not a table figure", "no es una cifra de tabla"),
        ("the earlier figure it compares with", "la cifra anterior con la que compara"),
        ("a figure for one of many, not a total", "una cifra por unidad, no un total"),
        ("the indexed reports never mention", "los informes indexados nunca mencionan"),
        ("no sentence of the notes says why", "ninguna frase de las notas dice por qué"),
        (
            "no table figure or sentence of the indexed reports states that",
            "ninguna cifra de tabla ni frase de los informes indexados lo indica",
        ),
        (
            "the indexed reports hold no passage that answers this",
            "los informes indexados no tienen ningún pasaje que lo responda",
        ),
        ("no report for", "no hay informe indexado de"),
        (" is indexed", ""),
        ("Reports indexed for", "Informes indexados de"),
        ("not given in the report", "no figura en el informe"),
        ("in core (regular resources)", "en recursos básicos (ordinarios)"),
        ("in non-core (other resources)", "en recursos complementarios (otros recursos)"),
        ("core (regular resources)", "recursos básicos (ordinarios)"),
        ("non-core (other resources)", "recursos complementarios (otros recursos)"),
        ("planned budget", "presupuesto planificado"),
        ("actual budget", "presupuesto real"),
        ("reported result", "resultado reportado"),
        ("milestone not met", "hito no cumplido"),
        ("milestone met", "hito cumplido"),
        ("target not met", "meta no cumplida"),
        ("target met", "meta cumplida"),
        ("not met", "no cumplido"),
        ("progress note", "nota de progreso"),
        ("contributed", "aportó"),
        ("shortfall", "déficit"),
        ("expenses", "gastos"),
        ("planned", "planificado"),
        ("actual", "real"),
        ("baseline", "línea de base"),
        ("milestones", "hitos"),
        ("milestone", "hito"),
        ("target", "meta"),
        ("Indicator", "Indicador"),
        ("Output", "Producto"),
        ("outputs", "productos"),
        ("output", "producto"),
        ("outcomes", "resultados"),
        ("outcome", "resultado"),
        ("Together", "En total"),
        ("missed", "no cumplidos"),
    ],
    "fr": [
        (
            "is a fictional sample report; its figures are made up",
            "est un rapport d'exemple fictif ; ses chiffres sont inventés",
        ),
        (
            "are fictional sample reports; their figures are made up",
            "sont des rapports d'exemple fictifs ; leurs chiffres sont inventés",
        ),
        ("Fictional sample:", "Exemple fictif :"),
        ("Also:", "Aussi :"),
        ("Not in the indexed reports", "Absent des rapports indexés"),
        ("Closest matches", "Les plus proches"),
        ("Reading this as", "Compris comme"),
        ("from the previous question", "de la question précédente"),
        ("report showing data for", "rapport présentant les données de"),
        ("year not stated", "année non indiquée"),
        ("the year before", "l'année précédente"),
        ("worked out", "calculé"),
        ("stated in the progress note of", "indiqué dans la note d'avancement de"),
        ("stated in the text of", "indiqué dans le texte de"),
        ("not a table figure", "pas un chiffre de tableau"),
        ("the earlier figure it compares with", "le chiffre antérieur de comparaison"),
        ("a figure for one of many, not a total", "un chiffre par unité, pas un total"),
        ("the indexed reports never mention", "les rapports indexés ne mentionnent jamais"),
        ("no sentence of the notes says why", "aucune phrase des notes ne dit pourquoi"),
        (
            "no table figure or sentence of the indexed reports states that",
            "aucun chiffre de tableau ni phrase des rapports indexés ne l'indique",
        ),
        (
            "the indexed reports hold no passage that answers this",
            "aucun passage des rapports indexés n'y répond",
        ),
        ("no report for", "aucun rapport indexé pour"),
        (" is indexed", ""),
        ("Reports indexed for", "Rapports indexés pour"),
        ("not given in the report", "non indiqué dans le rapport"),
        ("in core (regular resources)", "en ressources de base (ordinaires)"),
        ("in non-core (other resources)", "en autres ressources (non essentielles)"),
        ("core (regular resources)", "ressources de base (ordinaires)"),
        ("non-core (other resources)", "autres ressources (non essentielles)"),
        ("planned budget", "budget prévu"),
        ("actual budget", "budget réel"),
        ("reported result", "résultat rapporté"),
        ("milestone not met", "jalon non atteint"),
        ("milestone met", "jalon atteint"),
        ("target not met", "cible non atteinte"),
        ("target met", "cible atteinte"),
        ("not met", "non atteint"),
        ("progress note", "note d'avancement"),
        ("contributed", "a versé"),
        ("shortfall", "déficit"),
        ("expenses", "dépenses"),
        ("planned", "prévu"),
        ("actual", "réel"),
        ("baseline", "référence"),
        ("milestones", "jalons"),
        ("milestone", "jalon"),
        ("target", "cible"),
        ("Indicator", "Indicateur"),
        ("Output", "Extrant"),
        ("outputs", "extrants"),
        ("output", "extrant"),
        ("outcomes", "résultats"),
        ("outcome", "résultat"),
        ("Together", "Au total"),
        ("missed", "non atteints"),
    ],
}


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
