"""PDF and scans: the text-layer reader (`reader.py`) over pdfium's glyphs (`pdfium.py`), geometry of
lines and cells (`geometry.py`, `rules.py`, `layout.py`), and OCR of page images (`ocr.py`)."""
