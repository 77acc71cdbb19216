"""Exchange formats: TMX, PO/MO, XLIFF, CSV/TSV - reading and writing translation units."""
