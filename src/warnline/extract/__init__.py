"""Extract: one report's text and metadata in, one `Analysis` out. Pure: no store, no network."""

from warnline.extract.analysis import EXTRACTOR_VERSION, extract_analysis

__all__ = ["EXTRACTOR_VERSION", "extract_analysis"]
