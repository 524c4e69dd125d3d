"""Stage 1, inputs → Article records.

Files, folders, globs, stdin, JSONL/CSV tables, HTML pages, URLs, big-file streaming and
datelines.
"""
