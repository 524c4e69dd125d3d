"""Money: "$5 billion", "€2.95bn", "5 dollars", "RMB 3.2M", "C$400,000", cents, accounting
negatives; a price per unit ("$80 a barrel") keeps its unit."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import Mention
from .numbers import FRACTION_CHARS, MAGNITUDES, parse_number
from .patterns import (
    FLAGS,
    LEFT_OK,
    MAG,
    NUM,
    alternation,
    scaled,
    valued,
)

CURRENCY_SYMBOLS = {
    "us$": "USD",
    "u.s.$": "USD",
    "$": "USD",
    "c$": "CAD",
    "a$": "AUD",
    "hk$": "HKD",
    "s$": "SGD",
    "nz$": "NZD",
    "r$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "rs.": "INR",
    "rs": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₦": "NGN",
    "₱": "PHP",
    "฿": "THB",
    "₫": "VND",
    "₿": "BTC",
    "₡": "CRC",
    "₾": "GEL",
    "₭": "LAK",
    "元": "CNY",
    "usd$": "USD",
    "cad$": "CAD",
    "aud$": "AUD",
    "nzd$": "NZD",
    "hkd$": "HKD",
    "sgd$": "SGD",
    "mxn$": "MXN",
    "mex$": "MXN",
}


#: Prefixes that may stand apart from their "$" in tokenised text ("c $ 16.4 million").
_SPACED_DOLLAR_PREFIXES = {"us", "u.s.", "c", "hk", "nz"}


CURRENCY_CODES = {
    "USD",
    "EUR",
    "GBP",
    "JPY",
    "CNY",
    "RMB",
    "INR",
    "KRW",
    "CHF",
    "CAD",
    "AUD",
    "HKD",
    "SGD",
    "NZD",
    "BRL",
    "RUB",
    "TRY",
    "MXN",
    "ZAR",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "BTC",
    "IRR",
    "VND",
    "THB",
    "IDR",
    "MYR",
    "PHP",
    "SAR",
    "AED",
    "EGP",
    "NGN",
    "ILS",
    "PKR",
    "UAH",
    "ARS",
}


CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "pound sterling": "GBP",
    "sterling": "GBP",
    "pence": "GBP",
    "penny": "GBP",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "won": "KRW",
    "rupee": "INR",
    "rupees": "INR",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "franc": "CHF",
    "francs": "CHF",
    "swiss francs": "CHF",
    "peso": "MXN",
    "pesos": "MXN",
    "rand": "ZAR",
    "real": "BRL",
    "reais": "BRL",
    "lira": "TRY",
    "dinar": "DZD",
    "dinars": "DZD",
    "rial": "IRR",
    "rials": "IRR",
    "dong": "VND",
    "baht": "THB",
    "ringgit": "MYR",
    "rupiah": "IDR",
    "shekel": "ILS",
    "shekels": "ILS",
    "cent": "USD",
    "cents": "USD",
    "bitcoin": "BTC",
    "bitcoins": "BTC",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "hong kong dollars": "HKD",
    "singapore dollars": "SGD",
    "new zealand dollars": "NZD",
    "us dollar": "USD",
    "u.s. dollar": "USD",
    "american dollars": "USD",
    "canadian dollar": "CAD",
    "australian dollar": "AUD",
    "hong kong dollar": "HKD",
    "singapore dollar": "SGD",
    "new zealand dollar": "NZD",
    "taiwan dollars": "TWD",
    "chinese yuan": "CNY",
    "japanese yen": "JPY",
    "south korean won": "KRW",
    "indian rupee": "INR",
    "indian rupees": "INR",
    "pakistani rupees": "PKR",
    "swiss franc": "CHF",
    "mexican peso": "MXN",
    "mexican pesos": "MXN",
    "turkish lira": "TRY",
    "russian rubles": "RUB",
    "russian roubles": "RUB",
    "british pound": "GBP",
    "british pounds": "GBP",
    "brazilian reais": "BRL",
    "south african rand": "ZAR",
    "saudi riyals": "SAR",
    "riyal": "SAR",
    "riyals": "SAR",
    "dime": "USD",
    "dimes": "USD",
    # currencies replaced by the euro, still found in older reporting
    "peseta": "ESP",
    "pesetas": "ESP",
    "guilder": "NLG",
    "guilders": "NLG",
    "dutch guilders": "NLG",
    "markka": "FIM",
    "finnish markka": "FIM",
    "deutsche marks": "DEM",
    "french francs": "FRF",
    "lire": "ITL",
    "italian lire": "ITL",
}


#: Sub-units: value is divided by 100.
_CENTS = {"pence", "penny", "cent", "cents"}


_DIMES = {"dime", "dimes"}


#: Words that make "pounds" a weight ("the baby weighs two pounds", "lost 25 pounds").
_WEIGHT_CUES = re.compile(
    r"\b(?:weigh\w*|weight\w*|heav\w*|lighter|lost|gain\w*|baby|bag|"
    r"lbs?|kilo\w*|ounces?|tons?)\b",
    re.I,
)


_SYMBOLS = (
    "(?i:"
    + "|".join(
        re.escape(s[:-1]) + r"\s?\$" if s[:-1] in _SPACED_DOLLAR_PREFIXES else re.escape(s)
        for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True)
    )
    + ")"
)


#: Codes also read in lower case ("usd 20", "rmb 10"): none of them is an English word.
_LOWER_CODES = "usd|eur|gbp|jpy|cny|rmb|chf|inr|hkd|aud|sgd|nzd|mxn|krw|brl|zar"


_CODES = "|".join(sorted(CURRENCY_CODES))


_CUR_WORDS = alternation(CURRENCY_WORDS)


MONEY_PREFIX = re.compile(
    LEFT_OK
    + r"(?P<cur>"
    + _SYMBOLS
    + r"|\b(?:"
    + _CODES
    + r"|"
    + _LOWER_CODES
    + r"))\s?"
    + NUM
    + r"(?:\s?(?P<mag>(?i:hundred|thousand|million|billion|trillion)|bn|mn|mln|tn|"
    r"MM(?![a-z])|[kmbKMB](?![a-z])|(?<=\d)T(?![\w-])))?(?!\w*%)",
)


#: A symbol after the number ("10 €", "100₾"); "$" only when no number follows it.
MONEY_SUFFIX_SYMBOL = re.compile(
    LEFT_OK + NUM + r"(?:\s?" + MAG + r")?\s?(?P<cur>[€£¥₹₩₽₺₦₱฿₫₿₡₾₭元]|\$(?!\s?\d))",
)


_SUFFIX_SYMBOL_HINT = re.compile(
    r"[\d" + FRACTION_CHARS + r"]\s?(?:[a-zA-Z]+\s?)?[€£¥₹₩₽₺₦₱฿₫₿₡₾₭元$]"
)


_SCALED_CODE_HINT = re.compile(r"\b[MKB][A-Z]{3}\b")


#: Finance shorthand: "30 MUSD", "MAUD 60", "120 MEUR" (M = million, K = thousand, B = billion).
MONEY_SCALED_CODE = re.compile(
    r"(?:" + LEFT_OK + NUM + r"\s?(?P<m>[MKB])(?P<cur>" + _CODES + r")\b"
    r"|\b(?P<m2>[MKB])(?P<cur2>" + _CODES + r")\s?" + NUM.replace("?P<num>", "?P<num2>") + r")",
)


MONEY_SUFFIX = re.compile(
    LEFT_OK
    + NUM
    + r"(?:\s?"
    + MAG
    + r")?(?:\s*(?:±|\+/-)\s*\d+(?:\.\d+)?)?[\s-]?(?P<cur>(?:"
    + _CODES
    + r")\b|(?:"
    + _CUR_WORDS
    + r")\b)(?:\s+(?P<mag2>thousand|million|billion|trillion)\b)?",
    FLAGS,
)


#: Accounting style: "Net income was ($99.99)." is a loss of 99.99. Only a figure alone
#: in parentheses as the complement of "is"/"was"/"of" in a sentence about a financial
#: result; an aside ("the fee ($99.99) is due") stays positive.
_ACCOUNTING_BEFORE = re.compile(r"\b(?:is|was|were|are|of|at)\s+\($")


_FINANCIAL_RESULT = re.compile(
    r"\b(?:revenues?|profits?|income|earnings|losses|loss|margins?|balance|results?|"
    r"cash\s+flow|ebitda|ebit|net)\b",
    re.I,
)


def _accounting_negative(text: str, start: int, end: int) -> bool:
    return (
        text[end : end + 1] == ")"
        and bool(_ACCOUNTING_BEFORE.search(text, max(0, start - 8), start))
        and bool(_FINANCIAL_RESULT.search(text))
    )


def find_money(text: str) -> Iterator[Mention]:
    """Money mentions: a symbol or code before the figure, a currency word or symbol
    after it, or a scaled code ("RMB 3.2M"). "2 pounds of beef" and pounds in a sentence
    about weight are a quantity."""
    for m in MONEY_PREFIX.finditer(text):
        v = scaled(m.group("num"), m.group("mag"))
        if v is not None:
            cur = re.sub(r"\s+", "", m.group("cur"))
            code = CURRENCY_SYMBOLS.get(cur.lower(), cur.upper())
            if code == "RMB":
                code = "CNY"
            if _accounting_negative(text, m.start(), m.end()):
                v = -v
            yield valued(text, m, "money", v, code)
    yield from _money_after(text)
    for m in MONEY_SUFFIX_SYMBOL.finditer(text) if _SUFFIX_SYMBOL_HINT.search(text) else ():
        v = scaled(m.group("num"), m.group("mag"))
        if v is not None:
            yield valued(text, m, "money", v, CURRENCY_SYMBOLS[m.group("cur")])
    for m in MONEY_SCALED_CODE.finditer(text) if _SCALED_CODE_HINT.search(text) else ():
        num = m.group("num") or m.group("num2")
        v = parse_number(num)
        if v is not None:
            scale = {"M": 1e6, "K": 1e3, "B": 1e9}[m.group("m") or m.group("m2")]
            code = (m.group("cur") or m.group("cur2")).replace("RMB", "CNY")
            yield valued(text, m, "money", v * scale, code)


def _money_after(text: str) -> Iterator[Mention]:
    """"5 dollars", "75 USD million", "50 cents"."""
    for m in MONEY_SUFFIX.finditer(text):
        v = scaled(m.group("num"), m.group("mag"))
        if v is None:
            continue
        if m.group("mag2"):
            if m.group("mag") or not m.group("cur").isupper():
                continue  # "75 USD million" only: not "5 dollars million"
            v *= MAGNITUDES[m.group("mag2").lower()]
        word = " ".join(m.group("cur").lower().split())
        code = CURRENCY_WORDS.get(word) or word.upper()
        if code == "RMB":
            code = "CNY"
        if word in {"pound", "pounds"} and re.match(r"\s+of\b", text[m.end() :]):
            continue  # "2 pounds of beef": a weight, read as a quantity
        if word in {"pound", "pounds"} and _WEIGHT_CUES.search(text):
            yield valued(text, m, "quantity", v, "pound", extra={"dimension": "mass"})
            continue
        extra = {}
        if word in _CENTS:
            v /= 100
            extra = {"sub": "1"}
        elif word in _DIMES:
            v /= 10
            extra = {"sub": "1"}
        yield valued(text, m, "money", v, code, extra=extra)
