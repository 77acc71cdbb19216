"""tm: clause segmentation, four-way alignment, translation memory and terminology checks."""

__version__ = "0.1.0"
