"""Reports for people: the alignment review and the terminology reports."""
