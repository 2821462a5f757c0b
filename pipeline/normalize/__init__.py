"""Normalization: ExtractedDocument -> NormalizedDocument in the canonical schema's terms."""

from pipeline.normalize.document import normalize_document

__all__ = ["normalize_document"]
