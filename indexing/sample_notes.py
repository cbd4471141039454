"""Progress notes for the fictional sample reports, written the way country offices write them.

Real notes are several paragraphs long and dense with figures printed every which way (see
``../shared/DOMAIN.md``): a stray space inside an amount (``USD 1 ,482,310.50``), the unit
after the number (``42.6M USD``), ``US$``, ``US`` with no dollar sign, ``$1.2 million``,
``9 mil``, decimal commas (``41,7%``), ``77 percent``, ``4 out of 9``, comparisons with the
year before and changes "from 78% to 91%". The samples carry all of them, so that answering
is built and measured against notes like the real ones. Every figure here is fictional and
drawn from a seeded generator, so the same report index always gives the same text.
"""

from __future__ import annotations

import random

# Each theme's paragraphs, in the order they are printed. Placeholders: {city}, {region},
# {country}, {year}, {prev}, {next}, the first three numbers {n1} {n2} {n3} that the older
# samples printed (kept so their figures did not move), and the figures of ``note_figures``.
NOTES: dict[str, list[str]] = {
    "violence": [
        "In {year}, {n1:,} women survivors of violence in {city} and {region} accessed "
        "shelter, legal aid and psychosocial support through one-stop centres that UN "
        "Women helped establish with the Ministry of Gender.",
        "Demand for protection kept growing. {orders:,} women obtained protection orders in the "
        "first six months of the year, compared to {orders_before:,} in the same period of the "
        "year before, after the specialised courts in {city} extended their opening hours. The "
        "national helpline, run with the Ministry of Gender, answered {calls:,} calls, and "
        "{referred}% of callers were referred to a shelter, a health centre or legal aid.",
        "The community mobilisation programme reached {n2:,} people with dialogues on "
        "harmful norms; {n3} faith leaders publicly committed to speak against "
        "domestic violence in their congregations.",
        "UN Women trained {trained:,} police officers, prosecutors and health workers on "
        "survivor-centred response. {counties} out of {counties_all} counties in {region} now "
        "apply the national referral pathway, against {counties_before} a year earlier, and the "
        "average time from a report to a first hearing fell from {days_before} to {days} days.",
        "The office mobilised US$ {mobilised_usd} from the {donor} to open two more one-stop "
        "centres, and the Spotlight Initiative committed a further {spotlight_musd}M USD for "
        "{next}-{after}. The share of survivors who said they were satisfied with the services "
        "they received rose from {satisfied_before}% to {satisfied}% between the baseline "
        "survey and the {year} follow-up.",
        "Progress on the national prevalence survey was delayed because fieldwork was "
        "suspended during the flooding in {region}; data collection resumed in the "
        "last quarter and results are expected next year.",
    ],
    "leadership": [
        "Ahead of the {year} local elections, {n1:,} women candidates from {region} "
        "completed the leadership academy, and {n3} of them were elected to municipal "
        "councils, the highest number on record.",
        "Women now hold {seats} out of {seats_all} seats in the municipal councils of {region} "
        "({seats_percent} percent), up from {seats_before} after the previous elections. In "
        "the national parliament the share of women rose from {parliament_before}% to "
        "{parliament}%, short of the {parliament_goal}% that the parity law aims for.",
        "The electoral commission adopted a code of conduct against political violence "
        "targeting women, drafted with technical assistance from UN Women and civil "
        "society networks in {city}.",
        "UN Women supported {sessions} out of {sessions_all} formal sessions of the national "
        "dialogue with gender-parity delegations, and {side_events} of the side events held by "
        "civil society were led by young women. The observatory on violence against women in "
        "politics recorded {harassment:,} reports of harassment during the campaign, compared "
        "to {harassment_before:,} in the previous election.",
        "With USD {campaign_usd} from the {donor}, the office ran a media campaign on women's "
        "political participation that reached an audience of {audience_mil} mil people on "
        "radio, television and social media.",
        "Work with political parties progressed more slowly than planned because the "
        "reform of the party law was postponed by parliament.",
    ],
    "economy": [
        "In {year}, {n1:,} rural women farmers in {region} adopted drought-tolerant "
        "seeds and solar irrigation through farmer field schools, raising average "
        "yields and household income.",
        "In the first half of the year, {grants} women entrepreneurs in {city} received "
        "seed grants averaging US 1,500 each, financed by the {donor}. Women who completed "
        "the business coaching programme increased their monthly sales by {sales_growth} "
        "percent on average.",
        "A guarantee facility with two partner banks opened credit lines for {n2:,} "
        "women entrepreneurs in {city}; repayment rates stayed above 95 per cent.",
        "{coops} out of {coops_all} women-led cooperatives supported by the programme signed "
        "supply contracts with supermarket chains, and their members' average monthly income "
        "rose from US$ {income_before} to US$ {income}. The office helped mobilize "
        "{mobilised_musd}M USD through {agreements} agreements with public and private "
        "partners for the economic empowerment portfolio.",
        "The domestic workers' inspection protocol was delayed because the labour "
        "ministry restructured its inspectorate; UN Women continued advocacy with the "
        "domestic workers' union.",
    ],
    "humanitarian": [
        "The women's safe spaces in {region} served {n1:,} women and girls in {year} "
        "with cash-for-work, protection referrals and childcare, so that mothers could "
        "take paid work.",
        "Cash-for-work wages of ${cash_million} million reached {households:,} households "
        "headed by women, {households_camps} percent of them in camps. {kits:,} dignity kits "
        "were distributed in the first six months of the year, compared to {kits_before:,} "
        "in the same period of the year before.",
        "Gender analysis was integrated into the humanitarian needs overview, and the "
        "gender in humanitarian action working group in {city} trained {n3} cluster "
        "coordinators.",
        "Women's participation in camp management committees rose from {committees_before}% "
        "to {committees}% over the year, and {cochaired} out of {committees_all} committees "
        "({cochaired_percent} percent) are now co-chaired by a woman. The Austrian Development "
        "Agency (ADA) contributed EUR {ada_eur} to the livelihoods programme, and the "
        "Danish Government US$ {danish_usd}.",
        "Deployment of women mediators was delayed by insecurity along the border, "
        "which limited access for partners for four months.",
    ],
}

# The office's own management figures: real notes give them in one outcome's note.
OPERATIONS = (
    "In {year}, the CO managed a budget of USD {office_budget}, and the overall delivery rate "
    "was {delivery}%, compared to {delivery_before}% in {prev}. Resource mobilisation brought "
    "in {office_musd}M USD through {office_agreements} agreements, including with the "
    "Government of Japan and the Korea International Cooperation Agency (KOICA); the Government "
    "of Japan alone contributed USD {japan_usd}."
)


def stray_space(amount: float) -> str:
    """``1 ,482,310.50``: an amount as a PDF sometimes prints it, a space before a comma."""
    text = f"{amount:,.2f}"
    return text.replace(",", " ,", 1) if "," in text else text


def decimal_comma(value: float) -> str:
    """``41,7%``: a share with a decimal comma, as offices in Latin America print it."""
    return f"{value:.1f}".replace(".", ",") + "%"


def note_figures(rng: random.Random, donor: str) -> dict:
    """Every figure the note templates use, drawn once per outcome."""
    seats_all = rng.randint(60, 240)
    seats = rng.randint(seats_all // 5, seats_all // 2)
    committees_all = rng.randint(10, 30)
    cochaired = rng.randint(3, committees_all - 2)
    counties_all = rng.randint(6, 14)
    grants = rng.randint(120, 900)

    def earlier(value: int) -> int:
        # A figure the note compares with: another value, so the two are never confused.
        return max(1, min(value - 1, round(value * rng.uniform(0.55, 0.93))))

    orders, harassment, kits = (
        rng.randint(200, 900),
        rng.randint(80, 600),
        rng.randint(1_000, 12_000),
    )
    return {
        "donor": donor,
        "orders": orders,
        "orders_before": earlier(orders),
        "calls": rng.randint(5_000, 40_000),
        "referred": rng.randint(20, 70),
        "trained": rng.randint(150, 1_500),
        "counties": rng.randint(2, counties_all - 1),
        "counties_all": counties_all,
        "counties_before": rng.randint(1, 3),
        "days_before": rng.randint(60, 120),
        "days": rng.randint(20, 59),
        "mobilised_usd": f"{rng.randint(40, 900) * 1_000 + rng.randint(0, 99) * 10:,}",
        "spotlight_musd": f"{rng.uniform(1, 9):.1f}",
        "satisfied_before": rng.randint(45, 70),
        "satisfied": rng.randint(71, 95),
        "seats": seats,
        "seats_all": seats_all,
        "seats_percent": round(100 * seats / seats_all),
        "seats_before": rng.randint(5, max(6, seats - 1)),
        "parliament_before": rng.randint(12, 25),
        "parliament": rng.randint(26, 38),
        "parliament_goal": 50,
        "sessions": rng.randint(3, 8),
        "sessions_all": rng.randint(9, 14),
        "side_events": decimal_comma(rng.uniform(20, 60)),
        "harassment": harassment,
        "harassment_before": earlier(harassment),
        "campaign_usd": f"{rng.randint(50, 400) * 1_000:,}",
        "audience_mil": rng.randint(2, 12),
        "grants": grants,
        "sales_growth": rng.randint(12, 60),
        "coops": rng.randint(4, 11),
        "coops_all": rng.randint(12, 30),
        "income_before": rng.randint(60, 150),
        "income": rng.randint(160, 320),
        "mobilised_musd": f"{rng.uniform(1.5, 48):.1f}",
        "agreements": rng.randint(4, 25),
        "cash_million": f"{rng.uniform(0.4, 3.5):.1f}",
        "households": rng.randint(900, 9_000),
        "households_camps": rng.randint(30, 80),
        "kits": kits,
        "kits_before": earlier(kits),
        "committees_before": rng.randint(10, 30),
        "committees": rng.randint(31, 60),
        "committees_all": committees_all,
        "cochaired": cochaired,
        "cochaired_percent": round(100 * cochaired / committees_all),
        "ada_eur": f"{rng.randint(100, 600) * 1_000:,}",
        "danish_usd": f"{rng.randint(80, 700) * 1_000 + rng.randint(1, 99) * 10:,}",
        "office_budget": stray_space(rng.randint(800_000, 6_000_000) + rng.randint(0, 99) / 100),
        "delivery": rng.randint(70, 97),
        "delivery_before": rng.randint(55, 90),
        "office_musd": f"{rng.uniform(2, 45):.1f}",
        "office_agreements": rng.randint(8, 30),
        "japan_usd": f"{rng.randint(100, 900) * 1_000:,}",
    }


def note_paragraphs(topic: str, first: bool, fill: dict, rng: random.Random) -> list[str]:
    """The paragraphs of one outcome's progress note; ``first`` adds the office's figures."""
    year = fill["year"]
    values = {
        **fill,
        "prev": year - 1,
        "next": year + 1,
        "after": year + 2,
        **note_figures(rng, fill["donor"]),
    }
    paragraphs = [template.format(**values) for template in NOTES[topic]]
    if first:
        paragraphs.insert(1, OPERATIONS.format(**values))
    return paragraphs


# Organisational-effectiveness outcomes (``_O_`` codes) report on the office itself.
NOTES["effectiveness"] = [
    "In {year}, the {country} office delivered {delivery}% of its programme budget, "
    "against {delivery_before}% the year before, and closed all audit recommendations "
    "that were due.",
    "The office signed {office_agreements} new partnership agreements and mobilised "
    "{office_musd}M USD in other resources, of which US$ {japan_usd} came from the "
    "Government of Japan for the {region} programme.",
    "{coops} out of {coops_all} staff positions were filled within the corporate target "
    "of 90 days, and every staff member completed the mandatory training on "
    "protection from sexual exploitation and abuse.",
]
