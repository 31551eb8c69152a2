"""Scores stated in sentences: the grammar of one statement (`grammar.py`) and the extractor that
finds scored sentences in a document and maps them to items (`scores.py`)."""
