"""Stage 3, articles → sentences and Claim records.

Sentence splitting, claims with their frame (attribute, scope, occurrence) and the extraction
cache.
"""
