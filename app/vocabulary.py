"""Which words mean what: the one place that maps how people ask (in English, Spanish and
French) onto what the question reader understands.

Phrases are matched at the start of a word, on text lower-cased with its accents taken off
(``presupuesto planificado``, ``deficit``, ``depenses``), so "contribut" covers "contributed"
and "contribution". Each table is read by ``app/resolve.py``; nothing else holds word lists
about questions.
"""

from __future__ import annotations

import re

# What figure a question asks for, checked in this order (the first found is the main one).
FIGURE_WORDS: list[tuple[str, tuple[str, ...]]] = [
    (
        "shortfall",
        (
            "shortfall",
            "funding gap",
            "gap",
            "underfunded",
            "under-funded",
            "worst-funded",
            "worst funded",
            "deficit",
            "brecha",
            "faltante",
            "falto",
            "manque de financement",
            "ecart de financement",
        ),
    ),
    (
        "expenses",
        (
            "expense",
            "spent",
            "spend",
            "expenditure",
            "disbursed",
            "gasto",
            "gastado",
            "gastaron",
            "depense",
        ),
    ),
    (
        "non_core",
        (
            "non-core",
            "non core",
            "noncore",
            "other resources",
            "earmarked",
            "no basicos",
            "otros recursos",
            "autres ressources",
            "ressources autres",
        ),
    ),
    (
        "core",
        (
            "core",
            "regular resources",
            "recursos basicos",
            "recursos ordinarios",
            "recursos regulares",
            "ressources ordinaires",
            "ressources de base",
        ),
    ),
    (
        "actual",
        (
            "actual$",
            "presupuesto real",
            "real ",
            "budget reel",
            "reel",
        ),
    ),
    (
        "planned",
        (
            "planned",
            "plan budget",
            "budgeted",
            "planned budget",
            "planificado",
            "previsto",
            "presupuestado",
            "prevu",
            "planifie",
            "previsionnel",
        ),
    ),
    ("budget", ("budget", "how much money", "cost", "presupuesto", "costo", "cout")),
    (
        "contribution",
        (
            "contribut",
            "donor",
            "donat",
            "funded",
            "funding partner",
            "funder",
            "gave",
            "put in",
            "committed",
            "commitment",
            "pledge",
            "aporte",
            "aporto",
            "donante",
            "financed",
            "financing",
            "financiado",
            "financio",
            "bailleur",
            "donateur",
        ),
    ),
    (
        "un_partners",
        (
            "un partner",
            "un agencies",
            "sister agenc",
            "un system partner",
            "partner agencies",
            "which un",
            "un partners",
            "socios de la onu",
            "partners onusiens",
            "partenaires onusiens",
            "socios de la un",
            "agencias de la un",
            "agencias de las united nations",
            "agences de l'un",
            "agences des united nations",
            "agences onu",
            "agences de l'onu",
            "partenaires des nations unies",
            "partenaires onu",
        ),
    ),
    ("impact_areas", ("impact area", "area de impacto", "domaine d'impact")),
    ("humanitarian", ("humanitarian scope", "alcance humanitario", "portee humanitaire")),
    ("target", ("target", "meta ", "metas", "cible")),
    (
        "baseline",
        (
            "baseline",
            "starting value",
            "starting point",
            "starting figure",
            "initial value",
            "linea de base",
            "linea base",
            "valeur de reference",
            "reference",
        ),
    ),
    ("milestone", ("milestone", "hito", "jalon")),
    (
        "result",
        (
            "reported",
            "result",
            "achieved against",
            "resultado",
            "resultat",
        ),
    ),
]

# The three budget lines a report prints for an output (and two for an outcome), by the
# words and verbs that name them: a difference asked between them ("how much less did it
# spend than planned?", "what was left unspent of what it received?") is worked out from
# the two printed lines.
BUDGET_LINES = {
    "planned": (
        "planned",
        "plan$",
        "budgeted",
        "planificado",
        "previsto",
        "presupuestado",
        "prevu",
        "planifie",
    ),
    "actual": (
        "actual$",
        "received",
        "receive",
        "funded",
        "got$",
        "get$",
        "raise",
        "raising",
        "available",
        "came in",
        "come in",
        "coming in",
        "mobilis",
        "mobiliz",
        "secured",
        "recibi",
        "obtenid",
        "reel",
        "recu",
        "obtenu",
    ),
    "expenses": (
        "spend",
        "spent",
        "unspent",
        "overspen",
        "expens",
        "expenditure",
        "gasto",
        "gastad",
        "gastar",
        "gastaron",
        "depens",
        "ejecutad",
    ),
}

# "did it go up or down?", "¿subió o bajó?": which way a figure went, asked as a choice of
# the two directions.
UP_OR_DOWN = re.compile(
    r"\b(?:up|rise|rose|increas\w*|grow|grew|improv\w*|better|higher|more|sub\w*|aument\w*|"
    r"hausse|augment\w*|mont\w*)\s+(?:or|o|ou)\s+(?:go(?:ne)?\s+|went\s+)?(?:down|fall|fell|"
    r"decreas\w*|drop\w*|shr[ai]nk|wors\w*|lower|less|declin\w*|baj\w*|dismin\w*|baiss\w*|"
    r"diminu\w*|descend\w*)\b"
)
# "both together?", "what do they come to combined?": the two figures just given, added.
TOTAL_OF_TWO = re.compile(
    r"\b(?:together|combined|altogether|in total|added up|add up|sum|juntos|juntas|en total|"
    r"ensemble|au total|cumul\w*)\b"
)
# Words that compare two quantities: with two budget lines named, a difference is asked.
COMPARATIVE = re.compile(
    r"\b(?:more|less|fewer|than|exceed\w*|beyond|left|remain\w*|unspent|overspen\w*|overshoot\w*|"
    r"overr[au]n\w*|"
    r"short|gap|differ\w*|menos|moins|ecart|reste|sobr\w*|falt\w*|depass\w*|exced\w*)\b|"
    r"\b(?:under|over|above|below) (?:its |their |the )?(?:actual |planned )?"
    r"(?:plan|planned|budget|what was planned)\b|"
    r"\bmas (?:de lo|que)\b|\bcuanto mas\b|\bplus que\b|\bcombien de plus\b|"
    r"\b(?:minus|unfunded|underfunded)\b"
)
# With one budget line named, the words that ask how far another falls from it ("how much
# did it fall short of its planned budget?", "what is left to raise against the plan?").
SHORT_OF = re.compile(
    r"\b(?:short of|fell short|falls? short|less than|more than|fewer than|below|"
    r"under (?:plan|the plan|budget)|left|remain\w*|gap|still to|menos de lo|mas de lo|"
    r"moins que|plus que|ecart|reste|falt\w*|unfunded|underfunded|minus)\b"
)
# The code of an outcome or output is asked ("what's the code of Kenya's outcome on …?").
CODE_ASKED = re.compile(
    r"\b(?:code|codes|codigo|codigos)\b(?! (?:of conduct|de conduct))|\bcode (?:de|du|des)\b|"
    # "What outcomes does the Jordan report cover?": which records there are.
    r"\b(?:what|which|list|name|cuales|que|quels|quelles)(?: are| son| sont)?"
    r"(?: the| all| los| las| les)? (?:outcomes|outputs|resultados|productos|"
    r"effets|extrants|produits)\b(?! (?:has|have|had|got|received|spent|gets))"
)
# Money said to be lacking: the shortfall ("how much money was lacking", "funding missing").
MONEY_LACKING = re.compile(
    r"\b(?:money|funding|funds|budget|dollars|financing)\b.{0,40}\b(?:lacking|missing|short)\b|"
    r"\b(?:lacking|missing|short)\b.{0,20}\b(?:money|funding|funds|budget|dollars)\b"
)
# Who gives the money: the funding partners are asked for.
FUNDERS_ASKED = re.compile(
    r"\b(?:split|broken down|break ?down|breakdown)? ?(?:by|per) (?:partner|donor|funder)s?\b|"
    r"\b(?:quien(?:es)?|qui) (?:funds|fund|funded)\b|"  # the glossary's English verb
    r"\bwho (?:funds|funded|fund|finances|financed|pays|paid|supports|supported|gives|gave|"
    r"contributes|contributed|put money)\b|\bwhich (?:donors|partners|funders|governments)\b|"
    r"\bwho are the (?:funding )?(?:partners|donors|funders)\b|\b(?:quels?|quelles?) sont les "
    r"(?:partners financiers|bailleurs|donateurs)\b|\bcuales son (?:los|sus) (?:partners "
    r"financiadores|donantes)\b|"
    r"\bquien(?:es)? (?:financia|aporta|apoya|dono)\w*|\bqui (?:finance|soutient|contribue|"
    r"a finance|a contribue)\w*"
)
# Money that never came: a difference with the actual budget ("how much of the planned money
# never came in?").
NOT_RECEIVED = re.compile(
    r"\b(?:never|not|n't|did not|didn't|wasn't|weren't|no se) (?:(?:been|yet|actually) )?"
    r"(?:came in|come in|arrived?|received|recibi\w*|materiali[sz]ed|secured|raised|funded)\b"
)
# What was not spent, or spent beyond: a difference with the expenses line.
UNSPENT = re.compile(
    r"\b(?:unspent|overspen\w*|(?:not|never|n't|wasn't|weren't) (?:been )?spent|left over|"
    r"leftover|no (?:se )?gast\w*|non depens\w*|pas (?:ete )?depens\w*)\b"
)
# "By how much did … rise?", "how many more … than": the change is asked, not the figure.
BY_HOW_MUCH = re.compile(
    r"\b(?:difference|gap|diferencia|ecart|différence) (?:between|entre)\b|"
    r"\bhow (?:much|many) (?:more|less|fewer|higher|lower|bigger|smaller|larger|greater)\b|"
    # "how many days quicker", "how much higher": a comparative, which English forms with
    # -er (the words below end so and are none).
    r"\bhow (?:many|much) (?:\w+ )?(?:fewer|more|less|"
    r"(?!(?:were|other|under|over|after|ever|never|number|per|her|their|together|whether|"
    r"partner|quarter|center|centre|later|order|power|water|member|offer|sister|gender)\b)"
    r"[a-z]{2,}er)\b|"
    r"\b(?:whats|what(?:'s| is| was| were)|how big (?:is|was)) the "
    r"(?:increase|rise|growth|drop|fall|decrease|change|difference|gain|reduction)\b|"
    r"\b(?:by )?how (?:much|many|far|big|large)\b.*\b(?:rise|rose|risen|grow|grew|grown|"
    r"increas\w*|growth|gain\w*|"
    r"decreas\w*|fall|fell|fallen|drop\w*|declin\w*|improv\w*|shrink|shrank|reduc\w*|"
    r"chang\w*|went (?:up|down)|gone (?:up|down)|go(?:es)? (?:up|down))\b|"
    # "so it fell by how much?", "how far is 2023 from the target?"
    r"\b(?:rise|rose|risen|grew|grown|increased|decreased|fell|fallen|dropped|declined|"
    r"improved|changed|went (?:up|down)) by how (?:much|many)\b|"
    r"\bhow far (?:is|was|are|were)\b.*\bfrom\b|"
    r"\bcuant[oa]s?\b.{0,40}\b(?:aument|crec|creci|subi|baj|dismin|reduj|redu|cay)\w*|"
    r"\bcombien\b.{0,40}\b(?:augment|diminu|baiss|recul)\w*|"
    r"(?<!hauteur )\bde combien\b|\ben cuanto\b|\bcuant[oa]s? .{0,60}\bmas\b.{0,60}\bque\b|"
    r"\bcombien de .{0,60}\bde plus\b"
)

# A figure named only to be set aside ("planned, not actual") is not the one asked for.
NEGATION = r"(?:not|no|rather than|instead of|apart from|excluding|sin|pas|non)\s+(?:the\s+)?"

# Which level a question is about, when it names no code.
LEVEL_WORDS = {
    "output": ("output", "producto", "extrant", "produit"),
    "outcome": ("outcome", "efecto", "effet"),
}

NARRATIVE_WORDS = (
    "achieve",
    "progress",
    "why",
    "delay",
    "what happened",
    "how did",
    "describe",
    "what did",
    "what was done",
    "results of",
    "summar",
    "challenge",
    "story",
    "accomplish",
    "logro",
    "avance",
    "por que",
    "retraso",
    "que paso",
    "realis",
    "progres",
    "pourquoi",
    "retard",
)
SUMMARY_WORDS = (
    "summary",
    "summaries",
    "summarise",
    "summarize",
    "overview",
    "brief me",
    "briefing on",
    "briefing about",
    "briefing para",
    "briefing note",
    "brief on",
    "key points",
    "talking points",
    "key messages",
    "mensajes clave",
    "messages cles",
    "puntos clave",
    "points cles",
    "highlights",
    "key results",
    "key achievements",
    "recap",
    "how are things",
    "resumen",
    "panorama",
    "resume",
    "synthese",
    "apercu",
)
# Comparatives and superlatives: "larger gap" ranks as "largest gap" does.
LARGEST = (
    "largest",
    "highest",
    "biggest",
    "most",
    "maximum",
    "greatest",
    "widest",
    "wider",
    "top",
    "larger",
    "bigger",
    "higher",
    "greater",
    "worst-funded",
    "worst funded",
    "mayor",
    "mas grande",
    "mas alto",
    "maximo",
    "plus grand",
    "plus eleve",
    "plus importante",
)
SMALLEST = (
    "smallest",
    "lowest",
    "least",
    "minimum",
    "fewest",
    "narrowest",
    "narrower",
    "smaller",
    "lower",
    "fewer",
    "menor",
    "mas pequeno",
    "mas bajo",
    "minimo",
    "plus petit",
    "plus faible",
    "moins eleve",
)
# "Compare planned and actual budgets across countries": every one in scope, side by side.
COMPARE = ("compare$", "comparison", "side by side", "side-by-side", "comparar", "comparer")
# "How did … change from 2021 to 2023?": with two years named, these words say how the
# figure is asked for (at each year), not what it is about.
CHANGE = (
    "chang",
    "evolv",
    "evolution",
    "evolucion",
    "differ",
    "grew",
    "grow",
    "increas",
    "decreas",
    "rose",
    "rise",
    "risen",
    "fell",
    "cambi",
    "variation",
    "variacion",
    "augment",
    "diminu",
    "moved",
    "progress$",
)
TOTAL = (
    "total",
    "sum",
    "combined",
    "altogether",
    "in all",
    "overall",
    "add up",
    "added up",
    "suma",
    "en total",
    "somme",
    "au total",
)
MISSED = (
    "missed",
    "miss",
    "not met",
    "fell short",
    "behind",
    "off track",
    "off-track",
    "failed",
    "slipped",
    "weren't reached",
    "were not reached",
    "not reached",
    "not achieved",
    "didn't meet",
    "did not meet",
    "below target",
    "no cumplid",
    "no se cumpl",
    "no se alcanz",
    "incumplid",
    "no alcanzad",
    "non atteint",
    "manque",
    "pas atteint",
)
MET = (
    "met",
    "achieved",
    "reached",
    "on track",
    "on-track",
    "exceeded",
    "cumplid",
    "alcanzad",
    "atteint",
)
# "Which milestones …" lists them; the words for the things listed.
LISTED = r"milestones|targets|indicators|hitos|metas|indicadores|jalons|cibles|indicateurs"
LISTING = r"which|what|list|how many|cuales|que|quels|quelles|liste"

# Words that begin a follow-up: the question goes on from the previous one.
FOLLOW_UP = (
    "and ",
    "what about",
    "how about",
    "same for",
    "same question for",
    "same ",
    "both ",
    "ditto",
    "likewise",
    "lo mismo",
    "ambos",
    "los dos",
    "pareil",
    "les deux",
    "and for",
    "y ",
    "y en",
    "y para",
    "y el",
    "y la",
    "et ",
    "et pour",
    "et le",
    "et la",
    "et en",
    "so ",
    "ok so",
    "then ",
    "entonces",
    "alors",
    "donc",
)

# How a question asks for a quantity, and the kinds of stated figure that answer each way.
# Frozen: a question's reading starts from them, and one that grew a shared set in place
# changed how every later question was read (a budget question then took a count).
MONEY = frozenset({"money", "foreign"})
PERCENT = frozenset({"percent", "ratio"})
COUNT = frozenset({"count", "ratio"})
ANY = MONEY | PERCENT | COUNT
# Money changing hands: "what did Denmark pay for?" asks money, and says what about only
# through the rest of its words.
_MONEY_VERBS = """contribute donate give provide raise mobilise mobilize pay spend invest fund
cost contributed donated given gave provided raised mobilised mobilized paid spent invested
funded commit committed pledge pledged"""
MONEY_VERBS = frozenset(_MONEY_VERBS.split())
ASKED = [
    (
        re.compile(
            r"\bhow many\b(?! (?:dollars|usd|euros?|eur)\b)|\bnumber of\b|\bhow often\b|"
            r"\bcuant[oa]s\b|\bnumero de\b|\bnombre de\b|\bcombien de\b|"
            r"\bcombien (?:ont|sont|en|d'entre|parmi)\b|\bet combien\b(?! (?:d'argent|de fonds))"
        ),
        COUNT,
    ),
    (
        re.compile(
            r"\bquelle part\b|\bque parte\b|\bwhat part\b|"
            r"\b(?:percent(?:age)?|per cent|share|proportion|fraction|rate|porcentaje|"
            r"proporcion|tasa|pourcentage|taux)s?\b|%"
        ),
        PERCENT,
    ),
    # "How much did the waiting time fall?": how much a quantity changed, of any kind.
    (
        re.compile(
            r"\b(?:how much|combien|cuant[oa])\b.*\b(?:fall|fell|fallen|rise|rose|risen|grow|grew|"
            r"grown|drop|dropp|"
            r"increas|decreas|chang|improv|declin|shrink|shrank|reduc|went (?:up|down)|"
            r"go(?:ne)? (?:up|down))"
        ),
        ANY,
    ),
    # "How much of the budget …" may be a share; "how much did Sweden give", money only.
    (
        re.compile(
            r"\bhow much of\b|\bhow much\b(?!.*\b(?:"
            + "|".join(sorted(MONEY_VERBS))
            + r")\b)|\bcuanto\b|\bcuanta\b|\bcombien\b(?! de\b)"
        ),
        MONEY | {"percent"},
    ),
    (
        re.compile(r"\bhow much\b(?! of\b)(?=.*\b(?:" + "|".join(sorted(MONEY_VERBS)) + r")\b)"),
        MONEY,
    ),
    (
        re.compile(
            r"\b(?:money|amount|sum|budget|presupuesto|cost|costs|income|wages?|salar(?:y|ies)|"
            r"usd|dollars?|"
            r"funds|funding|monto|dinero|fondos|montant|argent)\b|"
            # "Japan $ for the Cahul programme?": the sign alone, no amount after it.
            r"\$(?!\s*\d)"
        ),
        MONEY,
    ),
    # The verb asked about is money changing hands: "what did Denmark contribute".
    (
        re.compile(
            r"\bwhat (?:did|does|do|has|have|had|was|were|is)\b.*\b(?:"
            + "|".join(sorted(MONEY_VERBS))
            + r")\b"
        ),
        MONEY,
    ),
    (re.compile(r"\bhow (?:big|large|high|low|long|far)\b|\bwhat (?:figure|value)\b"), ANY),
]
# "What share of the budget …": a share of what follows, whatever kind that is.
SHARE_OF = re.compile(
    r"\b(?:share|proportion|percentage|fraction|part|porcentaje|proporcion|pourcentage)s? "
    r"(?:of|de|du|des)\b"
)
# "Who funded …", "Which donor …": a name is asked for, whatever money words follow.
ASKS_A_NAME = re.compile(
    r"^\W*(?:who|whom|which|with whom|name the|what (?:is the name|name)|"
    r"what (?:fund|programme|program|law|campaign|initiative|partner|donor|agency|"
    r"organi[sz]ation)s?\b|quien|quienes|"
    r"qui|quels? (?:sont|est) les? (?:bailleurs|partenaires|donateurs))\b"
)
# "What audience did the EU-funded campaign reach?", "¿cuántos hogares …?": the word after
# the question word is what is asked; money words after it only say which one.
ASKED_HEAD = re.compile(
    r"^\W*(?:what|which|how many|quel(?:le)?s?|combien de|cuant[oa]s|que|cual(?:es)?)\s+"
    r"(?:of the\s+|de\s+)?([a-z][a-z'-]+)"
)
# "Who funds …": the funders are listed.
ASKS_WHO = re.compile(
    r"\bwho\b|\bwhich (?:donors|partners|funders)\b|\bdonors\b|funding partners|\bquien|"
    r"\bdonantes\b|\bqui\b|\bbailleurs\b|\bdonateurs\b"
)
# The words that make a quantity question about a quantity and not about a topic.
_KIND = """money amount sum share proportion fraction percentage percent cent figure value big
large high low long far often number usd dollars"""
KIND_WORDS = set(_KIND.split())
# An earlier point than the one reported: the figure a sentence compares with.
EARLIER = re.compile(
    r"\b(?:before|previous(?:ly)?|prior|earlier|last year|a year ago|beforehand|used to|"
    r"(?:at )?the (?:start|beginning|outset)|initially|originally|at first|anterior|"
    r"antes|precedent|avant)\b"
)
# Words that say what is asked or where, not what the question is about.
_QUESTION = """
    country team what which who whom how much many was were is are did does do the a an of
    for to in on under by with against about and or outcome outcomes output outputs indicator
    indicators milestone milestones target targets baseline result results reported report
    reports budget planned actual shortfall expenses expense spent contribution contribute
    contributed year give tell me show please value figure figures this that its their it
    there achieve achieved achievement progress work happen happened done mean
    need needs needed brief briefing briefings note notes writing write hey hi quick quickly
    please pls thanks thank asap just really actually exactly anyway again ok okay know want
    wanted looking get got getting gets go went come came make made take took have had let see
    say said told versus vs around anything something exactly now latest current currently
    still yet already
"""
QUESTION_WORDS = set(_QUESTION.split())
# Words of partner names that name no one in particular ("Government of Norway" is Norway).
GENERIC_PARTNER_WORDS = "government office fund trust un"
# "UN Women's work", "to UN Women": the agency receives; it is not the funder asked about.
UN_WOMEN_RECEIVES = re.compile(
    r"\bun women's|\b(?:to|into|for|with|of|a|al|para|give|gave|given|giving|grant(?:ed)?|"
    r"provide[sd]?|transfer(?:red)?)\s+un women\b"
)
# A reason is asked ("why …?"), not a quantity, whatever figure words follow.
ASKS_WHY = re.compile(r"^\W*(?:why|how come|por que|por qu|pourquoi)\b")
# UN Women is the funding partner asked about only when the question is about money it put in.
MONEY_WORDS = (
    "core",
    "contribut",
    "fund",
    "gave",
    "give",
    "provid",
    "regular resources",
    "put in",
    "put into",
    "aport",
    "financ",
)
# Spanish and French words for an outcome or output, read as such when a code follows.
LEVEL_BEFORE_CODE = {
    "outcome": r"resultados?|resultats?|efectos?|effets?",
    "output": r"productos?|produits?|extrants?",
}

# "How is Kenya doing?", "how are we doing on funding?": a briefing card is asked for.
HOW_DOING = re.compile(
    r"\bhow (?:is|are|has|have)\b.{0,50}\b(?:doing|going|progressing|performing|faring)\b|"
    r"\bcomo (?:va|van|esta|estan)\b|\bcomment (?:va|vont|se porte)\b"
)
# What a question about the collection itself names: the reports, offices and years indexed.
COLLECTION = re.compile(
    r"\b(?:reports?|documents?|files|pdfs|editions|indexed|covered|cover|coverage|collection|"
    r"coleccion|informes?|documentos?|archivos|rapports?|fichiers)\b|"
    r"\b(?:which|what|how many|cuales|que|cuantas|cuantos|quels|quelles|combien de)\s+"
    r"(?:offices|countries|years|oficinas|paises|anos|bureaux|pays|annees)\b|"
    r"\b(?:report|document|informe|rapport)\b.{0,40}\b(?:data years?|plan period|editions?)\b"
)
# Said outright of the collection, whatever else the words resemble: what is indexed, which
# offices or years there are, one report's years or plan period.
COLLECTION_STRONG = re.compile(
    r"\b(?:indexed|collection|coleccion)\b|\bplan period\b|"
    r"\b(?:which|what|how many|cuales|que|cuantas|cuantos|quels|quelles|combien de)\s+"
    r"(?:offices|countries|years|oficinas|paises|anos|bureaux|pays|annees)\b|"
    r"\b(?:what|which) year'?s? data\b|\bin the (?:set|collection)\b|"
    r"\b(?:report|document)s? (?:do we have|are there|cover|covers)\b|"
    # "how many reports are in the set?", not "how many reports of harassment".
    r"\b(?:how many|cuantos|combien de) (?:reports|documents|files|pdfs|editions|informes|"
    r"rapports)\b(?! (?:of|on|about|de|sobre|sur)\b)"
)
# Words that make a briefing card its funding part.
FUNDING_CARD = ("funding", "money", "budget", "financ", "funds", "financiamiento", "presupuesto")


def lexicon_words() -> set[str]:
    """Every word the lexicon reads, in any language: a Spanish or French one of them is
    read as itself, never swapped for an English look-alike."""
    groups = [phrase for _, words in FIGURE_WORDS for phrase in words]
    for group in (
        NARRATIVE_WORDS,
        SUMMARY_WORDS,
        LARGEST,
        SMALLEST,
        COMPARE,
        CHANGE,
        TOTAL,
        MISSED,
        MET,
        FOLLOW_UP,
        MONEY_WORDS,
        *LEVEL_WORDS.values(),
        *BUDGET_LINES.values(),
    ):
        groups += list(group)
    return {word for phrase in groups for word in re.findall(r"[a-z]+", phrase)}


# -- follow-ups that operate on the last answer (app/answering/conversation.py) ----------
# "else", "other", "besides": what was named before is set aside.
OTHER = re.compile(
    r"\b(?:quien(?:es)? mas|qui d'autre|qui encore|on top|in addition)\b|"
    r"\b(?:else|other|others|another|besides|apart from|aside from|additional|remaining|rest|"
    r"otros?|otras?|demas|ademas|mas donantes|autres?|d'autres|outre)\b"
)
# "the other output", "l'autre extrant", "el otro producto".
OTHER_RECORD = re.compile(
    r"\b(?:other|another|first|second|third|fourth|last|next|remaining|otro|otra|primer|"
    r"primera|segundo|segunda|tercer|tercera|ultimo|ultima|autre|premier|premiere|deuxieme|"
    r"seconde?|troisieme|dernier|derniere)"
    r"(?:\s+(?:two |three |2 |3 )?(?:(?:outcome|output)[ -](?:level )?(?=indicator))?(?:one|output|"
    r"outcome|indicator|"
    r"producto|resultado|indicador|extrant|produit|resultat|indicateur)s?\b|"
    # "and the second?": the ordinal alone ends the question.
    r"(?=\s*[?.!]*\s*$))"
)
# "the second output": its place among the records of that kind under the same parent.
ORDINAL = {
    "first": 0, "primer": 0, "primera": 0, "premier": 0, "premiere": 0,
    "second": 1, "segundo": 1, "segunda": 1, "deuxieme": 1, "seconde": 1,
    "third": 2, "tercer": 2, "tercera": 2, "troisieme": 2,
    "fourth": 3,
    "last": -1, "ultimo": -1, "ultima": -1, "dernier": -1, "derniere": -1,
}  # fmt: skip
# "which of them", "which one", "of those", "de ellos", "parmi eux".
OF_THEM = re.compile(
    r"\b(?:of (?:them|those|these|the (?:two|three|four|five))|which one|which of|among them|"
    r"de ellos|de ellas|de esos|de esas|cual de|parmi (?:eux|elles|ceux|celles)|lequel|laquelle)"
    r"\b"
)
# "on it", "its", "that one": the record the previous answer was about.
# "their budgets", "those outputs": every item the last answer listed, not one of them.
PLURAL_POINTER = re.compile(
    r"\b(?:their|them|those|these|they|both|all of them|each|sus|ellos|ellas|esos|esas|leurs|eux|"
    r"ces|cada uno|cada una|chacun|chacune)\b"
)
# "What is MEX_D_2.1.3 about?", "what does the output cover?": what a record says it is.
ABOUT = re.compile(
    r"^\W*(?:so )?what(?:'s| is| was| are| were)\b.{0,120}\babout\W*$|"
    r"^\W*what does\b.{0,120}\b(?:cover|aim at|aim to do|do)\W*$|"
    r"\bde qu[eé] (?:se )?trata\b|\bde quoi (?:parle|traite|s'agit)\b"
)
# A figure asked by quarter or month: the reports' tables print each year's only.
BY_PERIOD = re.compile(
    # ("monthly income" is what a figure is, not how it is broken down.)
    r"\b(?:quarter(?:ly|s)?|q[1-4]|month by month|per month|each month|by month|"
    r"trimestr\w*|por mes|par mois)\b"
)
# A figure split between places or things ("how was the EU contribution split between Cauca
# and Bogotá?"), or a budget broken down by donor: the tables print neither.
SPLIT_BETWEEN = re.compile(r"\b(?:split|divided|shared|distributed)\b.{0,40}\bbetween\b")
BY_DONOR = re.compile(
    r"\b(?:break(?:s|ing)? (?:it |this |that |the \S+ )?down|breakdown|split|broken down)\b.{0,80}"
    r"\bby (?:donor|partner|funder|source)s?\b"
)
# The question says where to read: what a progress note says, not a table's line.
FROM_NOTES = re.compile(
    r"\b(?:progress )?notes?\b.{0,40}\b(?:say|says|said|mention\w*|state\w*|tell\w*)\b|"
    r"\baccording to (?:the |its |their )?(?:[\w'-]+ )?(?:\d{4} )?(?:progress )?note\b|"
    r"\b(?:in|from) (?:the |its |their )(?:\d{4} )?(?:progress )?note\b|"
    r"\b(?:going by|based on|per|as per) (?:the |its |their )?(?:\d{4} )?(?:progress )?notes?\b|"
    r"\bsegun la nota\b|\bselon la note\b"
)
# "both together?", "actual budgets, both": the records of the last two answers.
BOTH = re.compile(r"\b(?:both|the two|ambos|ambas|los dos|las dos|les deux|tous deux)\b")
POINTER = re.compile(
    r"\b(?:it|its|it's|that|this|them|those|these|same|ello|eso|esto|su|sus|ce|cela|ca|son|sa|"
    r"ses|leur|leurs)\b"
)

# A figure asked outright, whatever else the question mentions.
QUANTITY_ASKED = re.compile(
    r"\bhow (?:much|many)\b|\bwhat (?:share|percentage|proportion)\b|\bcuant[oa]s?\b|"
    r"\bcombien\b"
)


# -- parts of the world, for questions about the collection ("which reports cover Africa?") --
# A region's name in English, Spanish and French (accents off) → countryinfo's region or
# subregion; the Middle East is Western Asia there.
REGIONS = {
    "africa": "Africa",
    "afrique": "Africa",
    "sub-saharan africa": "Sub-Saharan Africa",
    "asia": "Asia",
    "asie": "Asia",
    "south asia": "Southern Asia",
    "southern asia": "Southern Asia",
    "asia del sur": "Southern Asia",
    "asie du sud": "Southern Asia",
    "south-east asia": "South-eastern Asia",
    "southeast asia": "South-eastern Asia",
    "south east asia": "South-eastern Asia",
    "sudeste asiatico": "South-eastern Asia",
    "asie du sud-est": "South-eastern Asia",
    "middle east": "Western Asia",
    "oriente medio": "Western Asia",
    "moyen-orient": "Western Asia",
    "moyen orient": "Western Asia",
    "arab states": "Western Asia",
    "latin america": "Latin America and the Caribbean",
    "america latina": "Latin America and the Caribbean",
    "amerique latine": "Latin America and the Caribbean",
    "americas": "Americas",
    "europe": "Europe",
    "europa": "Europe",
    "eastern europe": "Eastern Europe",
}
