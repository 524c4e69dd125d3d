"""Units of measure and of time: names and symbols → canonical unit, dimension and factor
to the dimension's base unit. A table apart from the value finder (mentions.py), so that
comparing stored claims does not load the finder's patterns."""

from __future__ import annotations

#: unit text → (canonical unit, dimension, factor to the dimension's base unit)
UNITS: dict[str, tuple[str, str, float]] = {}


def _units(names: str, canonical: str, dim: str, factor: float) -> None:
    for n in names.split("|"):
        UNITS[n] = (canonical, dim, factor)


_units("metric tons|metric ton|metric tonnes|tonnes|tonne|t", "metric ton", "mass", 1000.0)
_units("tons|ton|short tons", "ton", "mass", 907.185)
_units("kilograms|kilogram|kilos|kilo|kg|kgs", "kilogram", "mass", 1.0)
_units("grams|gram|g|gr", "gram", "mass", 0.001)
_units("milligrams|milligram|mg", "milligram", "mass", 1e-6)
_units("pounds of|pound of|lbs|lb", "pound", "mass", 0.453592)
_units("ounces|ounce|oz", "ounce", "mass", 0.0283495)
_units("kilometres|kilometers|kilometre|kilometer|km|kms", "kilometre", "length", 1000.0)
_units("metres|meters|metre|meter|m", "metre", "length", 1.0)
_units("centimetres|centimeters|centimetre|centimeter|cm", "centimetre", "length", 0.01)
_units("millimetres|millimeters|millimetre|millimeter|mm", "millimetre", "length", 0.001)
_units("miles|mile|mi", "mile", "length", 1609.34)
_units("feet|foot|ft", "foot", "length", 0.3048)
_units("inches|inch", "inch", "length", 0.0254)
_units("yards|yard|yd", "yard", "length", 0.9144)
_units("nautical miles|nautical mile", "nautical mile", "length", 1852.0)
_units(
    "square kilometres|square kilometers|square kilometre|square kilometer|sq km|km2|km²",
    "square kilometre",
    "area",
    1e6,
)
_units(
    "square metres|square meters|square metre|square meter|sq m|m2|m²", "square metre", "area", 1.0
)
_units("square miles|square mile|sq mi", "square mile", "area", 2.59e6)
_units("square feet|square foot|sq ft", "square foot", "area", 0.092903)
_units("hectares|hectare|ha", "hectare", "area", 1e4)
_units("acres|acre", "acre", "area", 4046.86)
_units("litres|liters|litre|liter|l", "litre", "volume", 0.001)
_units("millilitres|milliliters|millilitre|milliliter|ml", "millilitre", "volume", 1e-6)
_units("gallons|gallon|gal", "gallon", "volume", 0.00378541)
_units("barrels|barrel|bbl", "barrel", "volume", 0.158987)
_units("cubic metres|cubic meters|cubic metre|cubic meter|m3|m³", "cubic metre", "volume", 1.0)
_units("barrels per day|barrels a day|bpd", "barrel per day", "flow", 1.0)
_units("tpd", "ton per day", "mass flow", 907.185 / 86400)
_units("tonnes per annum|tpa", "metric ton per year", "mass flow", 1000.0 / 3.15576e7)
_units("million tonnes per annum|mtpa", "million metric tons per year", "mass flow", 31.6881)
_units("miles per hour|miles an hour|mph", "mile per hour", "speed", 0.44704)
_units(
    "kilometres per hour|kilometers per hour|kilometres an hour|kilometers an hour|km/h|kph|kmh",
    "kilometre per hour",
    "speed",
    0.277778,
)
_units("knots|knot", "knot", "speed", 0.514444)
_units("megawatts|megawatt|mw", "megawatt", "power", 1e6)
_units("gigawatts|gigawatt|gw", "gigawatt", "power", 1e9)
_units("kilowatts|kilowatt|kw", "kilowatt", "power", 1e3)
_units("watts|watt|w", "watt", "power", 1.0)
_units("kilowatt-hours|kilowatt hours|kwh", "kilowatt hour", "energy", 3.6e6)
_units("megawatt-hours|megawatt hours|mwh", "megawatt hour", "energy", 3.6e9)
_units("terawatt-hours|terawatt hours|twh", "terawatt hour", "energy", 3.6e12)
_units("bytes|byte", "byte", "information", 1.0)
_units("kibibytes|kibibyte|kib", "kibibyte", "information", 1024.0)
_units("mebibytes|mebibyte|mib", "mebibyte", "information", 1024.0**2)
_units("gibibytes|gibibyte|gib", "gibibyte", "information", 1024.0**3)
_units("kilobytes|kilobyte|kb", "kilobyte", "information", 1e3)
_units("megabytes|megabyte|mb", "megabyte", "information", 1e6)
_units("gigabytes|gigabyte|gb", "gigabyte", "information", 1e9)
_units("terabytes|terabyte|tb", "terabyte", "information", 1e12)
_units("degrees celsius|degrees c|°c|celsius", "degree celsius", "temperature", 1.0)
_units("degrees fahrenheit|degrees f|°f|fahrenheit", "degree fahrenheit", "temperature", 1.0)
_units("degrees|degree|°", "degree", "angle", 1.0)
_units("kelvins|kelvin|degrees kelvin", "kelvin", "temperature", 1.0)
_units("decimetres|decimeters|decimetre|decimeter|dm", "decimetre", "length", 0.1)
_units(
    "micrometres|micrometers|micrometre|micrometer|microns|micron|µm|μm",
    "micrometre",
    "length",
    1e-6,
)
_units("nanometres|nanometers|nanometre|nanometer|nm", "nanometre", "length", 1e-9)
_units("picometres|picometers|picometre|picometer", "picometre", "length", 1e-12)
_units("micrograms|microgram|microgrammes|microgramme|µg|μg|mcg", "microgram", "mass", 1e-9)
_units("grammes|gramme", "gram", "mass", 0.001)
_units("cubic feet|cubic foot|cu ft", "cubic foot", "volume", 0.0283168)
_units(
    "cubic kilometres|cubic kilometers|cubic kilometre|cubic kilometer|km3|km³|km^3",
    "cubic kilometre",
    "volume",
    1e9,
)
_units("km^2|km squared", "square kilometre", "area", 1e6)
_units("km cubed", "cubic kilometre", "volume", 1e9)
_units("centilitres|centiliters|centilitre|centiliter|cl", "centilitre", "volume", 1e-5)
_units("tablespoons|tablespoon|tbsp", "tablespoon", "volume", 1.47868e-5)
_units("teaspoons|teaspoon|tsp", "teaspoon", "volume", 4.92892e-6)
_units("cups|cup", "cup", "volume", 2.36588e-4)
_units("kmph|km/hr|km/hour|km/h", "kilometre per hour", "speed", 0.277778)
_units("electronvolts|electronvolt|ev", "electronvolt", "energy", 1.602e-19)
_units("kiloelectronvolts|kev", "kiloelectronvolt", "energy", 1.602e-16)
_units("megaelectronvolts|mev", "megaelectronvolt", "energy", 1.602e-13)
_units("gigaelectronvolts|gev", "gigaelectronvolt", "energy", 1.602e-10)
_units("teraelectronvolts|tev", "teraelectronvolt", "energy", 1.602e-7)
_units("watt-hours|watt hours|watt hour|wh", "watt hour", "energy", 3600.0)
_units("hertz|hz", "hertz", "frequency", 1.0)
_units("kilohertz|khz", "kilohertz", "frequency", 1e3)
_units("megahertz|mhz", "megahertz", "frequency", 1e6)
_units("gigahertz|ghz", "gigahertz", "frequency", 1e9)
_units("bits|bit", "bit", "information", 0.125)
_units("megabits|megabit|mbit", "megabit", "information", 1.25e5)
_units("exabytes|exabyte|eb", "exabyte", "information", 1e18)
_units("petabytes|petabyte|pb", "petabyte", "information", 1e15)
_units("radians|radian|rad", "radian", "angle", 57.2958)
_units("kilobits|kilobit|kbit", "kilobit", "information", 125.0)
_units("gigabits|gigabit|gbit", "gigabit", "information", 1.25e8)
_units("terabits|terabit|tbit", "terabit", "information", 1.25e11)
_units("grays|gray|gy", "gray", "absorbed dose", 1.0)
_units("milligrays|milligray|mgy", "milligray", "absorbed dose", 1e-3)
_units("british thermal units|btus|btu", "british thermal unit", "energy", 1055.06)
_units("joules|joule", "joule", "energy", 1.0)
_units("kilojoules|kilojoule|kj", "kilojoule", "energy", 1e3)
_units("inverse femtobarns|fb−1|fb-1|fb^-1", "inverse femtobarn", "integrated luminosity", 1.0)
_units('"|″', "inch", "length", 0.0254)
_units("in", "inch", "length", 0.0254)
_units("c", "degree celsius", "temperature", 1.0)
_units("s-1|s−1|s^-1", "inverse second", "frequency", 1.0)
_units("cm³|cm3|cubic centimetres|cubic centimeters", "cubic centimetre", "volume", 1e-6)


#: Duration unit → seconds.
DURATION_UNITS = {
    "second": 1.0,
    "minute": 60.0,
    "hour": 3600.0,
    "day": 86400.0,
    "week": 604800.0,
    "fortnight": 1209600.0,
    "month": 2629800.0,
    "year": 31557600.0,
    "decade": 315576000.0,
    "century": 3155760000.0,
}


def _canonical_units() -> dict[str, tuple[str, float]]:
    out: dict[str, tuple[str, float]] = {}
    for canonical, dim, factor in UNITS.values():
        out.setdefault(canonical, (dim, factor))
    return out


#: Canonical unit → (dimension, factor to the base unit), from the first entry of UNITS
#: naming it: what stored claims (which keep only the canonical unit) are compared by.
CANONICAL_UNITS = _canonical_units()
