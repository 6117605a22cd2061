"""Merging another coder's work: a library file (.sqlite3, any schema this app reads) or a
REFI-QDA project (.qdpx). `read_merge_file` reads it whole and compares it with the
library (a `MergePlan`, with the codebook conflicts for the user to decide); the
operation `Operations.merge_library` stores it in one transaction, one undoable step."""

from desktop_app.core.interchange.merging.incoming import Incoming, MergeError
from desktop_app.core.interchange.merging.plan import MergePlan, TagConflict, read_merge_file
from desktop_app.core.interchange.merging.result import AttributeConflict, MergeAdded, MergeResult

__all__ = ["AttributeConflict", "Incoming", "MergeAdded", "MergeError", "MergePlan", "MergeResult",
           "TagConflict", "read_merge_file"]
