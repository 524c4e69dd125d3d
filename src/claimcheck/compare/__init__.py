"""Stage 4, claims → slots, findings and updates.

What is settled across sources, slots, conflicts, running tallies.
"""
