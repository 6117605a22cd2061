"""`Operations`: the one place user changes go through.

widget -> Operations.<change>(...) -> one transaction -> a `Changes` back (inside an
`Outcome` when the caller also needs a value) -> the inverse pushed on `history`. Reads
stay on `service` (AnnotationService) and the library functions. Errors are the ones the
UI already words: AnnotationError (MemoError), MetadataError, DatabaseError,
AnnotationFileError; on any of them nothing was committed and nothing recorded.
"""

from __future__ import annotations

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.operations.adjudication import AdjudicationOperations
from desktop_app.core.operations.article_codes import ArticleCodeOperations
from desktop_app.core.operations.articles import ArticleOperations
from desktop_app.core.operations.attributes import AttributeOperations
from desktop_app.core.operations.codebook import CodebookOperations
from desktop_app.core.operations.coders import CoderOperations
from desktop_app.core.operations.dictionary import DictionaryOperations
from desktop_app.core.operations.history import History
from desktop_app.core.operations.imports import ImportOperations
from desktop_app.core.operations.merging import MergeOperations
from desktop_app.core.storage.database import Database


class Operations(ArticleOperations, CodebookOperations, ImportOperations, AttributeOperations,
                 ArticleCodeOperations, DictionaryOperations, AdjudicationOperations, MergeOperations,
                 CoderOperations):
    """The one place user changes go through.

    Highlights: create_highlight, create_highlights, delete_highlights, set_tags,
    retag_many, set_note, resize, reattach. Codebook: create_tag, rename_tag, move_tag,
    merge_tags, recolour_tag, describe_tag, delete_tag. Articles: set_memo,
    edit_metadata, accept_suggestions, reject_suggestion, delete_articles, import_articles,
    import_annotations. Attributes: define_attribute, rename_attribute,
    set_attribute_choices, delete_attribute, set_attribute_values, import_attributes.
    Whole-article codes: code_articles. User dictionary: set_dictionary (planned first).
    Adjudication: adjudicate. Another coder's library: merge_library. Coders: rename_coder.
    `history.undo()` / `history.redo()` return their Changes.
    """

    def __init__(self, db: Database, history: History | None = None) -> None:
        self.db = db
        self.history = history if history is not None else History()
        self.service = AnnotationService(db)
