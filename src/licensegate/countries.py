"""Country codes that a manifest may name as a licensee's domicile, and what to say about others.

A domicile decides clauses such as Llama's EU exclusion, so a code that is not a country must never
quietly read as "outside the European Union" (DESIGN.md §2.1 rule 2). The list is ISO 3166-1
alpha-2 as officially assigned (249 codes); the codes ISO reserves for other uses (EU, UK, EL, …)
get a hint toward the assigned one.
"""

from __future__ import annotations

ASSIGNED = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
    BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
    CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
    DE DJ DK DM DO DZ
    EC EE EG EH ER ES ET
    FI FJ FK FM FO FR
    GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
    HK HM HN HR HT HU
    ID IE IL IM IN IO IQ IR IS IT
    JE JM JO JP
    KE KG KH KI KM KN KP KR KW KY KZ
    LA LB LC LI LK LR LS LT LU LV LY
    MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
    NA NC NE NF NG NI NL NO NP NR NU NZ
    OM
    PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    QA
    RE RO RS RU RW
    SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
    TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
    UA UG UM US UY UZ
    VA VC VE VG VI VN VU
    WF WS
    YE YT
    ZA ZM ZW
    """.split()
)
"""ISO 3166-1 alpha-2 codes officially assigned."""

_HINTS = {
    "EL": "EL is the EU's code for Greece; ISO 3166-1 uses GR",
    "UK": "UK is reserved; ISO 3166-1 uses GB for the United Kingdom",
    "EU": "EU is not a country: give the member state of the principal place of business",
    "EZ": "EZ (eurozone) is not a country: give the member state of the place of business",
    "UN": "UN is not a country: give the country of the principal place of business",
    "XK": "XK (Kosovo) is a user-assigned code, not ISO 3166-1; no license text names it",
    "FX": "FX (Metropolitan France) is reserved; ISO 3166-1 uses FR",
    "IC": "IC (Canary Islands) is reserved; ISO 3166-1 uses ES",
    "EA": "EA (Ceuta, Melilla) is reserved; ISO 3166-1 uses ES",
    "TP": "TP is withdrawn; East Timor is TL",
    "YU": "YU is withdrawn; give today's country",
    "AN": "AN is withdrawn; give CW, SX or BQ",
}


def domicile_problem(code: str) -> str | None:
    """Why ``code`` is not an assigned country code, or None when it is one."""
    if code in ASSIGNED:
        return None
    hint = _HINTS.get(code)
    if hint:
        return f"{code} is not an assigned ISO 3166-1 alpha-2 country code ({hint})"
    return f"{code} is not an assigned ISO 3166-1 alpha-2 country code"
