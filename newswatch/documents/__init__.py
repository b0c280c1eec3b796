"""Official documents as text: PDF (and its scanned pages, read by OCR), word-processor files, pictures posted as
notices."""
