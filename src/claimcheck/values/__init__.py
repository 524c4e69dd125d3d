"""Stage 2, sentence text → value mentions.

Numbers and units, money, percentages, quantities, counts, durations, dates, times of day,
places.
"""
