"""Opens a PDF and reads it: by its text layer (``reader``), or by OCR (``ocr``) when its pages are
images only. The choice is made here, above both, so neither reader imports the other."""
from __future__ import annotations

from chamdiem.model.document import DocumentModel
from chamdiem.model.errors import CorruptFile, EncryptedPdf, NoTextLayer
from chamdiem.readers.pdf.reader import ScannedPages, text_layer_reader


def read_pdf(path: str, data: bytes, sha256: str) -> DocumentModel:
    import pypdfium2 as pdfium
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdf(path, "the PDF is encrypted (a password is needed to read it)") from None
        raise CorruptFile(path, f"not a readable PDF: {exc}") from None
    try:
        try:
            return text_layer_reader(path, sha256, pdf).read()
        except ScannedPages as scan:
            from chamdiem.readers.pdf.ocr import ocr_missing, ocr_pdf
            missing = ocr_missing()
            if missing is None:
                return ocr_pdf(path, sha256, pdf)
            raise NoTextLayer(path, f"{scan.reason}; OCR would read it but {missing}") from None
    except pdfium.PdfiumError as exc:  # a page or its text that pdfium cannot load: a damaged file
        raise CorruptFile(path, f"damaged PDF: {exc}") from None
    finally:
        pdf.close()
