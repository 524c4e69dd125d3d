from __future__ import annotations

import pytest

from claimcheck.values.mentions import find_mentions


def _one(text: str, kind: str):
    found = [m for m in find_mentions(text, places=False) if m.kind == kind]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "value_from", "unit"),
    [
        ("tariffs fell to 47%", 47.0, None, "%"),
        ("a rate of 57 percent", 57.0, None, "%"),
        ("tariffs of up to 130 % on goods", 130.0, None, "%"),
        ("twenty percent of voters", 20.0, None, "%"),
        ("cut tariffs from 57 percent to 47 percent", 47.0, 57.0, "%"),
        ("cut tariffs from 57 to 47 percent", 47.0, 57.0, "%"),
        ("rates fell to 47% from 57%", 47.0, 57.0, "%"),
        # each value dated by the words after it
        ("inflation fell to 3.4% in May from 3.5% in April", 3.4, 3.5, "%"),
        ("inflation fell from 3.5% in April to 3.4% in May", 3.4, 3.5, "%"),
        ("unemployment rose to 4.2% in June, from 4.1% in May", 4.2, 4.1, "%"),
        ("tariffs were halved to 10%", 10.0, 20.0, "%"),
        ("the cancellation of the 10% tariffs", 0.0, 10.0, "%"),
        ("they cut the rate by 10 points", -10.0, None, "pp"),
        ("thirty percentage of voters", 30.0, None, "%"),
        ("minus five percent", -5.0, None, "%"),
        ("inflation rose to 3.8pc in May", 3.8, None, "%"),  # British copy
        ("the rate was cut from 57pc to 47pc", 47.0, 57.0, "%"),
    ],
)
def test_mentions_percent(text, value, value_from, unit):
    m = _one(text, "percent")
    assert (m.value, m.value_from, m.unit) == (value, value_from, unit)


def test_mentions_two_dated_values_joined_by_and_are_no_change():
    found = [m for m in find_mentions("It rose to 5% in May and 6% in June.", places=False)
             if m.kind == "percent"]
    assert [(m.value, m.value_from) for m in found] == [(5.0, None), (6.0, None)]


@pytest.mark.parametrize("text", ["He bought a 3PC set.", "a 5 pc rise", "the 4pcs kit"])
def test_mentions_pc_is_a_percent_only_glued_and_lower_case(text):
    assert [m for m in find_mentions(text, places=False) if m.kind == "percent"] == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("announce $550 billion in investments", 550e9, "USD"),
        ("a fine of €2.5m was paid", 2.5e6, "EUR"),
        ("USD 22.5 million", 22.5e6, "USD"),
        ("323 million euros", 323e6, "EUR"),
        ("470 pence", 4.7, "GBP"),
        # symbols after the number, spaced or code-glued dollar prefixes, lower-case codes
        ("Banknotes of 10 € each", 10.0, "EUR"),
        ("c $ 16.4 million", 16.4e6, "CAD"),
        ("usd$ 15", 15.0, "USD"),
        ("rmb 10", 10.0, "CNY"),
        ("USD115", 115.0, "USD"),
        ("revenues of $2.174T", 2.174e12, "USD"),
        # finance shorthand, named currencies, sub-units joined to the amount
        ("losses of 30 MUSD", 30e6, "USD"),
        ("125 million australian dollars of bonds", 125e6, "AUD"),
        ("10 turkish lira", 10.0, "TRY"),
        ("half million usd", 5e5, "USD"),
        ("thirteen dollars and forty-five cents", 13.45, "USD"),
        ("15 dollars 50", 15.5, "USD"),
        ("15 dollars and 50", 15.5, "USD"),
        ("They paid 75 USD million", 75e6, "USD"),
        ("Rs 1,50,000 was paid", 150000.0, "INR"),
        ("It costs €5,50 now.", 5.5, "EUR"),
    ],
)
def test_mentions_money(text, value, unit):
    m = _one(text, "money")
    assert m.value == pytest.approx(value)
    assert m.unit == unit


@pytest.mark.parametrize(
    ("text", "span", "unit"),
    [
        ("Oil rose to $80 a barrel on Monday.", "$80 a barrel", "USD per barrel"),
        ("The minimum wage is $15.4/hour.", "$15.4/hour", "USD per hour"),
        ("Gold traded at $2,400 per ounce.", "$2,400 per ounce", "USD per ounce"),
        ("It offered $45 a share.", "$45 a share", "USD per share"),
        ("She earns 50,000 euros a year.", "50,000 euros a year", "EUR per year"),
        ("Aid of $3 billion a year was pledged.", "$3 billion a year", "USD per year"),
        ("Steel sold at $500/t.", "$500/t", "USD per metric ton"),
        ("Income was $2,000 per capita.", "$2,000 per capita", "USD per person"),
        # a time comparison, not a rate
        ("Revenue was $5 billion, up from $4 billion a year earlier.", "$4 billion", "USD"),
        ("She paid $20 an hour ago.", "$20", "USD"),
        ("It costs $5 a unit-based fee.", "$5", "USD"),
    ],
)
def test_mentions_money_per_unit_is_a_price_rate(text, span, unit):
    m = [m for m in find_mentions(text) if m.kind == "money"][-1]
    assert (text[m.start : m.end], m.unit) == (span, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("bought 12 million metric tons of soybeans", 12e6, "metric ton"),
        ("a 29km road", 29.0, "kilometre"),
        ("188 miles an hour", 188.0, "mile per hour"),
        # two-letter symbols apart from the number, one-letter symbols at a phrase end
        ("located about 17 km from the town", 17.0, "kilometre"),
        ("the file is 100 MB", 100.0, "megabyte"),
        ("a wall 12 m.", 12.0, "metre"),
        ("operating at 300 °C", 300.0, "degree celsius"),
        # more units, fractions, feet and inches together
        ("a dose of 120 μg", 120.0, "microgram"),
        ("0.9 trillion cubic feet of gas", 0.9e12, "cubic foot"),
        ("a 2.80 GHz processor", 2.8, "gigahertz"),
        ("the last 1/4 mile", 0.25, "mile"),
        ("he is 5 feet 2 inches tall", 5 + 2 / 12, "foot"),
        # rates per unit of time, units in brackets
        ("50 meters per millisecond", 50.0, "metre per millisecond"),
        ("a speed of 50 km/ms", 50.0, "kilometre per millisecond"),
        ("exports of 5 tons per year", 5.0, "ton per year"),
        ("The weight is 20 (kg)", 20.0, "kilogram"),
    ],
)
def test_mentions_quantity(text, value, unit):
    m = _one(text, "quantity")
    assert (m.value, m.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("grant one-year access", 1.0, "year"),
        ("a five-day tour", 5.0, "day"),
        ("the first time in six years", 6.0, "year"),
        ("for half an hour", 0.5, "hour"),
        # abbreviated and glued units
        ("the flight took 3h", 3.0, "hour"),
        ("a wait of 3 hrs", 3.0, "hour"),
        ("leave for 3.5years", 3.5, "year"),
        ("a 20-min walk", 20.0, "minute"),
        ("after 123.45 sec", 123.45, "second"),
        # one unit without a number
        ("talks lasted all day", 1.0, "day"),
        ("a full-year ban", 1.0, "year"),
        ("extended for another month", 1.0, "month"),
        ("the first half year", 0.5, "year"),
    ],
)
def test_mentions_duration(text, value, unit):
    m = _one(text, "duration")
    assert (m.value, m.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "1. A Mission of Diplomacy",  # list numbering
        "Reuters +2 and AP News",  # citation counters
        "District 2, Ho Chi Minh City",  # number inside a name
        "Plan A 5 was approved.",
        "the 21st-century economy",  # ordinal
    ],
)
def test_mentions_no_stray_counts(text):
    assert [m for m in find_mentions(text, places=False) if m.kind == "count"] == []


@pytest.mark.parametrize(
    ("text", "approx"),
    [("about 40%", "about"), ("as high as 155%", "up to"), ("nearly 3 percent", "nearly"),
     ("support surpassed 40%", "more than"), ("turnout exceeding 70%", "more than"),
     ("it topped 12%", "more than"), ("over the 50% mark", "more than"),
     ("a 40% stake", ""), ("turnout soared past 70%", "more than"),
     ("the rate crept past 4%", "more than"), ("in the past 10% of cases", ""),
     ("an offer closer to 40% of the value", "about")],
)
def test_mentions_approx(text, approx):
    assert _one(text, "percent").approx == approx


def test_mentions_role_with_organisation():
    m = _one("Treasury Secretary Scott Bessent said", "role")
    assert m.value == "treasury secretary"
    assert m.extra["person"] == "Scott Bessent"


def test_mentions_place_with_containing_country():
    found = [
        m
        for m in find_mentions("they met in Busan, South Korea, on Thursday")
        if m.kind == "location"
    ]
    assert len(found) == 1
    assert found[0].value == "Busan"
    assert found[0].extra["country"] == "KR"


@pytest.mark.parametrize(
    "text", ["the dawn of a second wave", "all days of the week", "3 h-bombs", "another hours"]
)
def test_mentions_no_stray_durations(text):
    assert [m for m in find_mentions(text, places=False) if m.kind == "duration"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # fractions in words and digits
        ("two thirds", 2 / 3),
        ("twenty and three fifths", 20.6),
        ("one hundred and three quarters", 100.75),
        ("3/4", 0.75),
        ("10 1/2", 10.5),
        # signs, magnitudes, dozens, spaced thousands, scientific notation
        ("minus five", -5.0),
        ("-4/5", -0.8),
        ("two and a half million", 2.5e6),
        ("one million and a half", 1.5e6),
        ("quarter million", 2.5e5),
        ("three quarters billion", 7.5e8),
        ("13 lakh", 1.3e6),
        ("3 dozens", 36.0),
        ("40 000", 40000.0),
        ("1.3e6", 1.3e6),
        # ordinal denominators: the shortest ordinal ending the phrase that is one number
        ("one twenty-fifth", 1 / 25),
        ("three twenty-firsts", 3 / 21),
        ("one hundred thirty fifths", 100 / 35),
        ("one hundred and thirty-two fifths", 132 / 5),
        ("a hundred thousand trillionths", 1e5 / 1e12),
        ("one-eighth", 0.125),
        ("ninety - five hundred-fifths", 1900.0),
        # mixed numbers: a proper fraction after "and"
        ("one hundred and three quarters", 100.75),
        ("two and fifty-four hundredths", 2.54),
        ("five billion and three quarters", 5.75e9),
        ("one billion and a quarter million", 1.00025e9),
        # digits with scale words
        ("3 hundred and 21", 321.0),
        ("4 thousand 3 hundred", 4300.0),
        ("6 crore and two hundred", 60000200.0),
        ("three lakh crore", 3e12),
        ("3 million and a half", 3.5e6),
        ("5 dzs", 60.0),
        # powers
        ("1.3x10^6", 1.3e6),
        ("6.23x10^-4", 6.23e-4),
        ("2.48×10−5", 2.48e-5),
        ("8x2^10", 8192.0),
        ("2.5^-1", 0.4),
        # "&" for "and"; a comma after a scale word before a group of hundreds
        ("one hundred & forty", 140.0),
        ("one million, two hundred thousand", 1.2e6),
    ],
)
def test_numbers_parse(text, value):
    from claimcheck.values.numbers import parse_number

    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a third of the budget", 1 / 3),
        ("two and a half million people", 2.5e6),
        ("raised 10k in a day", 1e4),
        ("a dozen eggs", 12.0),
        ("the answer is minus one", -1.0),
        ("1/4 of the staff", 0.25),
        # shares, decimals in words
        ("one in three adults", 1 / 3),
        ("8 out of 10 people", 0.8),
        ("one over twenty", 0.05),
        ("the answer is two point five", 2.5),
        ("five and a quarter", 5.25),
        ("six million and two thirds", 6e6 + 2e6 / 3),
        ("the share is a fifth.", 0.2),
        ("They have two million and one half", 2.5e6),
        ("4 thousand 3 hundred and 21 is a valid number.", 4321.0),
        ("More than half of voters backed it.", 0.5),
        ("about 1/40 of the wavelength", 0.025),
        ("the result is ⅙", 1 / 6),
        ("The result is 12,34,567.89", 1234567.89),
        # a magnitude letter set off by a space after a decimal figure, ending the phrase
        ("Downloads reached 2.33 k.", 2330.0),
        ("1,674.5 G", 1.6745e12),
        # a denominator after "hundred and"
        ("one one hundred and fifth", 1 / 105),
        # a decimal comma before exactly two decimals
        ("The label said 5,00.", 5.0),
        ("It rose 3,45.", 3.45),
        # the article opening the sentence is no name before the number
        ("A 5.9 aftershock hit later.", 5.9),
        ("An 80 strong crowd gathered.", 80.0),
    ],
)
def test_mentions_count_values(text, value):
    assert _one(text, "count").value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "percents"),
    [
        ("per cent of twenty-two", [22.0]),
        ("Percent of 10.", [10.0]),
        ("5 per cent of 210.", [5.0]),
        ("What percent of 210 voters?", []),
        ("rates of 3 to 4 percent", [3.0, 4.0]),
        ("5-10%", [5.0, 10.0]),
    ],
)
def test_mentions_percent_word_first(text, percents):
    found = [m.value for m in find_mentions(text, places=False) if m.kind == "percent"]
    assert found == percents


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("3 hundred and 2 hundred are valid numbers.", [300.0, 200.0]),
        ("$5 million and 300 jobs", [300.0]),
    ],
)
def test_mentions_scaled_parts_stay_apart(text, values):
    found = [m.value for m in find_mentions(text, places=False) if m.kind == "count"]
    assert found == values


@pytest.mark.parametrize(
    "text",
    [
        "the twenty-first century",
        "the two millionth visitor",
        "It lasted an hour and a half.",
        "He won a fifth term.",
        "It was the one hundred and fifth anniversary.",
        "Several hundred people died.",  # a vague amount
        "a few thousand protesters",
    ],
)
def test_mentions_ordinals_and_vague_amounts_are_not_counts(text):
    assert not [m for m in find_mentions(text, places=False) if m.kind == "count"]


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("3 to 4 million dollars", [(3e6, "USD"), (4e6, "USD")]),
        ("between 200,000 and 300,000 pounds", [(2e5, "GBP"), (3e5, "GBP")]),
        ("between 5 and 10 cents", [(0.1, "USD")]),
        ("killed 5 and $10 million was paid", [(1e7, "USD")]),
    ],
)
def test_mentions_money_ranges_share_the_currency(text, amounts):
    found = [(m.value, m.unit) for m in find_mentions(text, places=False) if m.kind == "money"]
    assert found == amounts


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        # a bare number joined to a quantity shares its unit
        ("They were given 45 and 50 mg ethanol.", [(45.0, "milligram"), (50.0, "milligram")]),
        ("3 to 4 L of wine", [(3.0, "litre"), (4.0, "litre")]),
        ("eight to 10 feet tall", [(8.0, "foot"), (10.0, "foot")]),
        ("around 10-15 exabytes", [(10.0, "exabyte"), (15.0, "exabyte")]),
        # ... and the magnitude of the second
        ("3 to 4 million tonnes", [(3e6, "metric ton"), (4e6, "metric ton")]),
        ("three to four million tonnes", [(3e6, "metric ton"), (4e6, "metric ton")]),
        ("3 to 4 m tall", [(3.0, "metre"), (4.0, "metre")]),
        ("Section 3 C of the law", []),
        ("The unemployment rate is 4 in.", []),
        # value ± uncertainty
        ("It weighs 2,000.45±0.01 pounds", [(2000.45, "pound")]),
        # units that are also words, letters or quotation marks
        ("The door is 2 1/2 in thick", [(2.5, "inch")]),
        ("The length of my pencil is 2 in.", [(2.0, "inch")]),
        ("2 in 3 people agree", []),
        ('Adjustable Wrench 8"', [(8.0, "inch")]),
        ('He bought the "iPhone 15" today', []),
        ("warming of 1.5C", [(1.5, "degree celsius")]),
        ("a 5c coin", []),
        # bits in lower case, bytes in capitals
        ("two kb per second", [(2.0, "kilobit per second")]),
        ("a 100 MB file", [(100.0, "megabyte")]),
        ("a 64 kB page", [(64.0, "kilobyte")]),
        # rates per a unit of length, mass or volume
        ("This car uses 10 l/km.", [(10.0, "litre per kilometre")]),
        ("a dose of 14 mGy", [(14.0, "milligray")]),
        ("approximately one-half miles east", [(0.5, "mile")]),
        ("an acceleration of 9.83e-3 +/- 1e-5 km/s2", [(0.00983, "kilometre per square second")]),
        ("One pound of coal", [(1.0, "pound")]),
    ],
)
def test_mentions_quantities_in_prose(text, quantities):
    found = [(m.value, m.unit) for m in find_mentions(text, places=False) if m.kind == "quantity"]
    assert found == quantities


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a spaced letter is a magnitude only after decimals and at the end of a phrase
        ("He ran 10 k.", [10.0]),
        ("She ran a 2.5 k race.", [2.5]),
        ("The pilot pulled 9 G.", [9.0]),
        ("She won the 100 M freestyle.", [100.0]),
        ("He won the 1,500 M.", [1500.0]),
        # digits spelt out one by one are read one by one; two words are no such spelling
        ("they were playing three-nought-four", [3.0, 0.0, 4.0]),
        ("a one-two finish", []),
        # a comma before one digit or three is no decimal comma
        ("The number is 1,3.", []),
        ("nrs. 22,24,26,31", [22.0, 24.0, 26.0, 31.0]),
        ("1,000 people", [1000.0]),
    ],
)
def test_mentions_spaced_letters_and_spelt_digits(text, values):
    found = [m.value for m in find_mentions(text, places=False) if m.kind == "count"]
    assert found == values


@pytest.mark.parametrize("text", ["the 5G network", "for two quarters in a row", "COVID-19 cases"])
def test_mentions_counts_not_misread(text):
    counts = [m for m in find_mentions(text, places=False) if m.kind == "count"]
    assert all(m.value in (2.0,) for m in counts), counts


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("the baby weighs two pounds", "quantity"),
        ("it costs two pounds", "money"),
        ("an extra 2 pounds of beef", "quantity"),
    ],
)
def test_mentions_pounds_weight_or_money(text, kind):
    assert [m.kind for m in find_mentions(text, places=False)] == [kind]


@pytest.mark.parametrize("text", ["a $5 t-shirt", "$1.5 billion and 30."])
def test_mentions_money_not_overread(text):
    money = [m for m in find_mentions(text, places=False) if m.kind == "money"]
    assert len(money) == 1 and money[0].value in (5.0, 1.5e9)


@pytest.mark.parametrize("text", ["5 m people", "scp-173m", "an F-35 jet"])
def test_mentions_no_stray_quantities(text):
    assert [m for m in find_mentions(text, places=False) if m.kind == "quantity"] == []


@pytest.mark.parametrize(
    "text",
    [
        "see https://www.test.com/search?q=30%25%2020%",  # digits of a web address
        "search?q=30%25%2020%",  # the same, cut off by the sentence splitter
        "At 2 pm everybody will be gone.",  # times of day are not counts
        "I arrived at 2.13 am.",
        "scp2-173m",
    ],
)
def test_mentions_nothing_in_links_times_codes(text):
    # times of day are time mentions (tests/test_times.py), never counts or quantities
    assert [m for m in find_mentions(text, places=False) if m.kind not in {"date", "time"}] == []


def test_mentions_change_needs_one_unit():
    found = find_mentions("They were changed from 44 ml to 50 mg ethanol.", places=False)
    assert [(m.unit, m.value_from) for m in found] == [("millilitre", None), ("milligram", None)]
    (m,) = find_mentions("the dose was cut from 44 mg to 40 mg", places=False)
    assert (m.value, m.value_from) == (40.0, 44.0)


@pytest.mark.parametrize(("text", "value"), [("½ tbsp of salt", 0.5), ("2 ½ cups", 2.5)])
def test_mentions_unicode_fractions(text, value):
    assert _one(text, "quantity").value == pytest.approx(value)


def test_mentions_rating_is_not_a_share():
    found = find_mentions("he described the meeting as “12 out of 10”.", places=False)
    assert [m.value for m in found if m.kind == "count"] == [12.0, 10.0]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Rates are 4.25%-4.5%.", "percent", 4.5),  # a range dash is not a minus sign
        ("The UN said 1.2m people were displaced.", "count", 1.2e6),  # millions, not metres
        ("a 100m sprint", "quantity", 100.0),
    ],
)
def test_mentions_dash_and_m_readings(text, kind, value):
    assert [m.value for m in find_mentions(text, places=False) if m.kind == kind][-1] == value


@pytest.mark.parametrize(
    ("text", "value"), [("Were 20 people hurt?", 20.0), ("Is three halves a fraction?", 1.5)]
)
def test_mentions_count_after_sentence_opening_verb(text, value):
    assert _one(text, "count").value == value


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("the talks lasted 1 hour and 30 minutes", 90.0, "minute"),
        ("sentenced to 1 year and 6 months", 18.0, "month"),
        ("3 hours 20 minutes 5 seconds", 12005.0, "second"),
    ],
)
def test_mentions_compound_durations(text, value, unit):
    m = _one(text, "duration")
    assert (m.value, m.unit) == (value, unit)


def test_mentions_between_two_counts_keeps_both():
    found = find_mentions("Between 5,000 and 7,000 troops.", places=False)
    assert [m.value for m in found if m.kind == "count"] == [5000.0, 7000.0]


def test_mentions_one_letter_unit_before_a_dimension_word():
    assert _one("The ship is 300 m long.", "quantity").unit == "metre"


def test_mentions_durations_in_a_list_stay_apart():
    found = find_mentions("he ran for 3 years, 2 months, 14 days", places=False)
    assert [(m.value, m.unit) for m in found] == [(3.0, "year"), (2.0, "month"), (14.0, "day")]


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        # a temperature letter set apart from the number ends the phrase
        ("Temperatures hit 40 C (104 F) in Delhi on Monday.", [(40.0, "degree celsius"),
                                                               (104.0, "degree fahrenheit")]),
        ("It will be 12 C tomorrow.", [(12.0, "degree celsius")]),
        ("Section 3 C applies.", []),
        ("He scored 3 C grades.", []),
        ("The ruling cites Article 40 C.", []),
        ("Seats in row 12 F, please.", []),
        ("She lives in apartment 4 C.", []),
        ("Boarding is at gate 30 C.", []),
        # a bare degree sign named by the scale after it
        ("Water boils at 212° on the Fahrenheit scale.", [(212.0, "degree fahrenheit")]),
        ("The ramp rises at 12° to the road.", [(12.0, "degree")]),
        # tons per day, tonnes per annum
        ("The smelter processes 4,500 tpd of ore.", [(4500.0, "ton per day")]),
        ("The plant will produce 5.2 mtpa of LNG.", [(5.2, "million metric tons per year")]),
        # picometres and attometres: not a time of day
        ("The bond length is 74.14 pm in hydrogen.", [(74.14, "picometre")]),
        ("The train left at 2.17pm.", []),
        ("The 14.30 pm flight was delayed.", []),
        ("The talks ended at 2.1 pm.", []),
        ("I arrived at 2.13 am.", []),
    ],
)
def test_mentions_context_guarded_units(text, quantities):
    found = [(m.value, m.unit) for m in find_mentions(text, places=False) if m.kind == "quantity"]
    assert found == quantities


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("The asteroid struck about 66 Ma ago.", 66e6),
        ("Rocks formed 3.8 Ga ago survive in Greenland.", 3.8e9),
        ("The crust there is about one gigaannum old.", 1e9),
    ],
)
def test_mentions_geological_time(text, years):
    m = _one(text, "duration")
    assert (m.value, m.unit) == (years, "year")


@pytest.mark.parametrize("text", ["Ma and Pa ran 3 Ma shops.", "He owns 2 GA tickets."])
def test_mentions_geological_symbols_need_context(text):
    assert not [m for m in find_mentions(text, places=False) if m.kind == "duration"]


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        # frequencies
        ("The council meets four times a week.", [(4.0, "count per week")]),
        ("Take the pill twice a day.", [(2.0, "count per day")]),
        ("Prices are three times a year ago.", []),
        # absolute zero in a sentence about physics, not a figure of speech
        ("Atoms slow almost to a stop near absolute zero.", [(0.0, "kelvin")]),
        ("Trust in the government is at absolute zero.", []),
        # kelvins: named, a conversion from Celsius, or after a reading in degrees
        ("It was 25 °C (298 K) in the lab.", [(25.0, "degree celsius"), (298.0, "kelvin")]),
        ("Water freezes at 273.15 K.", [(273.15, "kelvin")]),
        ("The temperature story drew 32K.", []),
        ("On a cold day the post got 12K likes.", []),
    ],
)
def test_mentions_frequencies_and_kelvins(text, quantities):
    found = [(m.value, m.unit) for m in find_mentions(text, places=False) if m.kind == "quantity"]
    assert found == quantities


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        ("The mine shipped 278,000 t valued at $40 million.", [(278000.0, "metric ton")]),
        ("Exports hit 1.2 million t in 2023.", [(1.2e6, "metric ton")]),
        ("He bought 5 t-shirts.", []),
    ],
)
def test_mentions_tonne_symbol_before_a_word(text, quantities):
    found = [(m.value, m.unit) for m in find_mentions(text, places=False) if m.kind == "quantity"]
    assert found == quantities


@pytest.mark.parametrize(
    ("text", "zero_counts"),
    [
        ("Zero were injured, police said.", 1),
        ("The team has zero tolerance for fraud.", 0),
        ("The plan aims for zero emissions by 2050.", 0),
    ],
)
def test_mentions_zero_as_a_subject_is_a_count(text, zero_counts):
    found = [m for m in find_mentions(text, places=False) if m.kind == "count" and m.value == 0]
    assert len(found) == zero_counts


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        ("The storm dumped a foot of snow on the city.", [(1.0, "foot")]),
        ("Troops stayed within a mile of the border.", [(1.0, "mile")]),
        ("A kibibyte is 1,024 bytes.", [(1.0, "kibibyte"), (1024.0, "byte")]),
        ("He did a ton of work.", []),
        ("A gallon of gas costs $3.10.", []),
        ("The price of a gallon of milk rose again.", []),
    ],
)
def test_mentions_one_unit_after_an_article(text, quantities):
    found = [(m.value, m.unit) for m in find_mentions(text, places=False) if m.kind == "quantity"]
    assert found == quantities


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("The fund held three million, two hundred & forty shares.", [3000240.0]),
        ("Sales hit two million, up from one million.", [2e6, 1e6]),
        ("They rent two & three bedroom flats.", []),
    ],
)
def test_mentions_number_words_with_commas_and_ampersands(text, values):
    found = [m.value for m in find_mentions(text, places=False) if m.kind == "count"]
    assert found == values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Net income was ($4.2 million) in the quarter.", -4.2e6),
        ("The annual revenue is ($99.99).", -99.99),
        ("The fee ($99.99) is due on Monday.", 99.99),
        ("The price of the ticket is ($20).", 20.0),
    ],
)
def test_mentions_accounting_parentheses_are_negative(text, value):
    assert _one(text, "money").value == value


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Read exercises nrs. 22,24,26,31 tonight.", [22.0, 24.0, 26.0, 31.0]),
        ("The number is 1,3.", []),
        ("Studies agree [1,2,3].", []),
        ("The fund raised 1,500,000 shares.", [1500000.0]),
        # a run of more than twelve is data (a column dump), not a list in prose
        ("Values: " + ",".join(["1"] * 13) + " end.", []),
        ("Values: " + ",".join(["1"] * 12) + " end.", [1.0] * 12),
    ],
)
def test_mentions_numbers_listed_with_commas(text, values):
    found = [m.value for m in find_mentions(text, places=False) if m.kind == "count"]
    assert found == values


@pytest.mark.parametrize(("text", "venue"), [
    ("Figma listed on the Nasdaq late last week.", "Nasdaq"),
    ("Its shares began trading on the New York Stock Exchange (NYSE).",
     "New York Stock Exchange"),
    ("The debut on the NYSE was strong.", "New York Stock Exchange"),
    ("The Nasdaq-listed firm said so.", "Nasdaq"),
    ("Shares in the miner floated on the ASX in 2021.", "Australian Securities Exchange"),
    ("Stocks fell on the NYSE on Monday.", None),  # no listing: a passing mention
    ("Its price is 12% below its first day on the Nasdaq.", None),
    ("Shares of the rival fell 3% on the Nasdaq.", None),
    ("The stock traded higher on the NYSE.", None),
])
def test_mentions_listing_venue(text, venue):
    found = [m.value for m in find_mentions(text) if m.kind == "location"]
    assert found == ([venue] if venue else [])


def test_every_venue_name_is_read_after_a_listing_cue():
    from claimcheck.values.places import venues

    for name, place in venues().by_name.items():
        found = [m for m in find_mentions(f"The company listed on the {name} in May.")
                 if m.kind == "location"]
        assert [(m.value, m.extra["level"]) for m in found] == [(place.name, "venue")], name
