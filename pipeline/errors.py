"""Pipeline exceptions: each carries what it is about and reads as a plain sentence.

Problems inside one document are data (a `documents.error`); these exceptions are for a file
that cannot be read at all, and for a batch that cannot run (the CLI turns them into exit 1).
"""

from __future__ import annotations

from pathlib import Path


class PipelineError(Exception):
    """Base of the pipeline's own exceptions."""


class InputFileError(PipelineError):
    """A source file that cannot be read; `reason` is the plain sentence stored in the warehouse."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class BatchError(PipelineError):
    """The batch cannot run at all (missing folder, ...)."""


class WarehouseError(PipelineError):
    """The warehouse cannot be opened or written."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot use the warehouse {path}: {reason} "
                         "(check the path and that the folder is writable)")
        self.path = path
        self.reason = reason
