"""Stage 5, records → outputs.

Claims and findings tables, the SQLite database, the HTML report, the terminal view.
"""
