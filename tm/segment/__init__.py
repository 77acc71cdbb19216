"""Clause segmentation: corpus file -> blocks (paragraphs, list items) -> SRX cuts -> typed Segments."""

from tm.segment.segmenter import RULES_PATH, SUPPORTED_LANGS, read_text, segment_file, segment_text

__all__ = ["RULES_PATH", "SUPPORTED_LANGS", "read_text", "segment_file", "segment_text"]
