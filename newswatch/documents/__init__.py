"""Official documents as text: PDF (and its scanned pages, read by OCR), word-processor files, slides, spreadsheets,
pictures posted as notices."""

# Addresses that name a document's file: a PDF, the .odt, .docx, .doc or .rtf a town's secretary wrote its minutes in,
# the slides of a public meeting, a table of deliberations (newswatch.documents.office reads them).
DOCUMENT_FILES = (".pdf", ".odt", ".docx", ".doc", ".rtf", ".odp", ".pptx", ".ods", ".xlsx", ".xls")
