"""Reports built from the store: the periodic task report (XLSX, DOCX) and the weekly digest."""
