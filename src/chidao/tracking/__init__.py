"""Task tracking: ingest, lifecycle rules of the regulation, deadlines, successor bodies."""
