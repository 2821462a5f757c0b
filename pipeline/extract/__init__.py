"""Extraction: one file -> ExtractedDocument (page texts and raw tables). No shared state."""

from pipeline.extract.document import extract_document

__all__ = ["extract_document"]
