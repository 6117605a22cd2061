<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
  <context>
    <name>AgreementWindow</name>
    <message numerus="yes">
      <source>%n highlight(s)</source>
      <translation>
        <numerusform>%n highlight</numerusform>
        <numerusform>%n highlights</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n article(s) coded by all of: %1</source>
      <translation>
        <numerusform>%n article coded by all of: %1</numerusform>
        <numerusform>%n articles coded by all of: %1</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n article(s) counted by syllables (word segmentation not finished)</source>
      <translation>
        <numerusform>%n article counted by syllables (word segmentation not finished)</numerusform>
        <numerusform>%n articles counted by syllables (word segmentation not finished)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Exported %n row(s) to %1</source>
      <translation>
        <numerusform>Exported %n row to %1</numerusform>
        <numerusform>Exported %n rows to %1</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>AnalysisController</name>
    <message numerus="yes">
      <source>Set attribute for %n selected article(s)…</source>
      <translation>
        <numerusform>Set attribute for %n selected article…</numerusform>
        <numerusform>Set attribute for %n selected articles…</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Code %n article(s) as a whole…</source>
      <translation>
        <numerusform>Code %n article as a whole…</numerusform>
        <numerusform>Code %n articles as a whole…</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>AnnotationHistory</name>
    <message numerus="yes">
      <source>Highlight %n passage(s)</source>
      <translation>
        <numerusform>Highlight %n passage</numerusform>
        <numerusform>Highlight %n passages</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Delete %n highlight(s)</source>
      <translation>
        <numerusform>Delete %n highlight</numerusform>
        <numerusform>Delete %n highlights</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Change tags of %n highlight(s)</source>
      <translation>
        <numerusform>Change tags of %n highlight</numerusform>
        <numerusform>Change tags of %n highlights</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Delete %n article(s)</source>
      <translation>
        <numerusform>Delete %n article</numerusform>
        <numerusform>Delete %n articles</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>AnnotationPane</name>
    <message numerus="yes">
      <source>Add tags to %n highlight(s)…</source>
      <translation>
        <numerusform>Add tags to %n highlight…</numerusform>
        <numerusform>Add tags to %n highlights…</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Remove tags from %n highlight(s)…</source>
      <translation>
        <numerusform>Remove tags from %n highlight…</numerusform>
        <numerusform>Remove tags from %n highlights…</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Delete %n highlight(s)</source>
      <translation>
        <numerusform>Delete %n highlight</numerusform>
        <numerusform>Delete %n highlights</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ArticleCoding</name>
    <message numerus="yes">
      <source>%n article(s)</source>
      <translation>
        <numerusform>%n article</numerusform>
        <numerusform>%n articles</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Code %n article(s) as a whole</source>
      <translation>
        <numerusform>Code %n article as a whole</numerusform>
        <numerusform>Code %n articles as a whole</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ArticleController</name>
    <message numerus="yes">
      <source>Delete the article “%1” and its %n highlight(s)?</source>
      <translation>
        <numerusform>Delete the article “%1” and its %n highlight?</numerusform>
        <numerusform>Delete the article “%1” and its %n highlights?</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Delete %n article(s) and their %1?</source>
      <translation>
        <numerusform>Delete %n article and their %1?</numerusform>
        <numerusform>Delete %n articles and their %1?</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n highlight(s)</source>
      <translation>
        <numerusform>%n highlight</numerusform>
        <numerusform>%n highlights</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n article(s) deleted — Undo (Ctrl+Z)</source>
      <translation>
        <numerusform>%n article deleted — Undo (Ctrl+Z)</numerusform>
        <numerusform>%n articles deleted — Undo (Ctrl+Z)</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>AttributesWindow</name>
    <message numerus="yes">
      <source>The %n article(s) selected in the library</source>
      <translation>
        <numerusform>The %n article selected in the library</numerusform>
        <numerusform>The %n articles selected in the library</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Delete the attribute “%1” and its values for %n article(s)?</source>
      <translation>
        <numerusform>Delete the attribute “%1” and its values for %n article?</numerusform>
        <numerusform>Delete the attribute “%1” and its values for %n articles?</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1 set for %n article(s).</source>
      <translation>
        <numerusform>%1 set for %n article.</numerusform>
        <numerusform>%1 set for %n articles.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1: %n row(s) read</source>
      <translation>
        <numerusform>%1: %n row read</numerusform>
        <numerusform>%1: %n rows read</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>values changed for %n article(s)</source>
      <translation>
        <numerusform>values changed for %n article</numerusform>
        <numerusform>values changed for %n articles</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>CheckWords</name>
    <message numerus="yes">
      <source>%n problem(s)</source>
      <translation>
        <numerusform>%n problem</numerusform>
        <numerusform>%n problems</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n orphaned row(s)</source>
      <translation>
        <numerusform>%n orphaned row</numerusform>
        <numerusform>%n orphaned rows</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n value(s)</source>
      <translation>
        <numerusform>%n value</numerusform>
        <numerusform>%n values</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n problem(s) found.</source>
      <translation>
        <numerusform>%n problem found.</numerusform>
        <numerusform>%n problems found.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1 of %n problem(s) repaired.</source>
      <translation>
        <numerusform>%1 of %n problem repaired.</numerusform>
        <numerusform>%1 of %n problems repaired.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>CoderListModel</name>
    <message numerus="yes">
      <source>%1 — %n highlight(s)</source>
      <translation>
        <numerusform>%1 — %n highlight</numerusform>
        <numerusform>%1 — %n highlights</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ConflictsModel</name>
    <message numerus="yes">
      <source>name (renamed? %n highlight(s) carry both)</source>
      <translation>
        <numerusform>name (renamed? %n highlight carry both)</numerusform>
        <numerusform>name (renamed? %n highlights carry both)</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DictionaryDialog</name>
    <message numerus="yes">
      <source>%n term(s)</source>
      <translation>
        <numerusform>%n term</numerusform>
        <numerusform>%n terms</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n duplicate(s) will be merged</source>
      <translation>
        <numerusform>%n duplicate will be merged</numerusform>
        <numerusform>%n duplicates will be merged</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n more line(s) to fix.</source>
      <translation>
        <numerusform>%n more line to fix.</numerusform>
        <numerusform>%n more lines to fix.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DisagreementsWindow</name>
    <message numerus="yes">
      <source>“%1”, by %2: %n disagreement(s)</source>
      <translation>
        <numerusform>“%1”, by %2: %n disagreement</numerusform>
        <numerusform>“%1”, by %2: %n disagreements</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ExportDialog</name>
    <message numerus="yes">
      <source>The %n selected article(s)</source>
      <translation>
        <numerusform>The %n selected article</numerusform>
        <numerusform>The %n selected articles</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>FileController</name>
    <message numerus="yes">
      <source>%Ln highlight(s)</source>
      <translation>
        <numerusform>%Ln highlight</numerusform>
        <numerusform>%Ln highlights</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln row(s)</source>
      <translation>
        <numerusform>%Ln row</numerusform>
        <numerusform>%Ln rows</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln tag(s)</source>
      <translation>
        <numerusform>%Ln tag</numerusform>
        <numerusform>%Ln tags</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln annotation(s)</source>
      <translation>
        <numerusform>%Ln annotation</numerusform>
        <numerusform>%Ln annotations</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln code(s)</source>
      <translation>
        <numerusform>%Ln code</numerusform>
        <numerusform>%Ln codes</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln token(s)</source>
      <translation>
        <numerusform>%Ln token</numerusform>
        <numerusform>%Ln tokens</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>FrequencyWindow</name>
    <message numerus="yes">
      <source>%Ln different word(s) listed</source>
      <translation>
        <numerusform>%Ln different word listed</numerusform>
        <numerusform>%Ln different words listed</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Exported %Ln word(s)</source>
      <translation>
        <numerusform>Exported %Ln word</numerusform>
        <numerusform>Exported %Ln words</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>HighlightController</name>
    <message numerus="yes">
      <source>%n highlight(s)</source>
      <translation>
        <numerusform>%n highlight</numerusform>
        <numerusform>%n highlights</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n highlight(s) deleted — Undo (%1)</source>
      <translation>
        <numerusform>%n highlight deleted — Undo (%1)</numerusform>
        <numerusform>%n highlights deleted — Undo (%1)</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>LibraryFilters</name>
    <message numerus="yes">
      <source>Filters (%n)</source>
      <translation>
        <numerusform>Filters (%n)</numerusform>
        <numerusform>Filters (%n)</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>LibraryPane</name>
    <message numerus="yes">
      <source>Delete %n article(s)…</source>
      <translation>
        <numerusform>Delete %n article…</numerusform>
        <numerusform>Delete %n articles…</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>MatrixWindow</name>
    <message numerus="yes">
      <source>%n tag(s)</source>
      <translation>
        <numerusform>%n tag</numerusform>
        <numerusform>%n tags</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n article(s) counted by syllables (word segmentation not finished)</source>
      <translation>
        <numerusform>%n article counted by syllables (word segmentation not finished)</numerusform>
        <numerusform>%n articles counted by syllables (word segmentation not finished)</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n article(s)</source>
      <translation>
        <numerusform>%n article</numerusform>
        <numerusform>%n articles</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n value(s)</source>
      <translation>
        <numerusform>%n value</numerusform>
        <numerusform>%n values</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1 × %2 (%3): %n pair(s) of passages</source>
      <translation>
        <numerusform>%1 × %2 (%3): %n pair of passages</numerusform>
        <numerusform>%1 × %2 (%3): %n pairs of passages</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1 × %2: %n passage(s)</source>
      <translation>
        <numerusform>%1 × %2: %n passage</numerusform>
        <numerusform>%1 × %2: %n passages</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Exported %n row(s) to %1</source>
      <translation>
        <numerusform>Exported %n row to %1</numerusform>
        <numerusform>Exported %n rows to %1</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PassageEdits</name>
    <message numerus="yes">
      <source>%n passage(s)</source>
      <translation>
        <numerusform>%n passage</numerusform>
        <numerusform>%n passages</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Tags of %n passage(s)</source>
      <translation>
        <numerusform>Tags of %n passage</numerusform>
        <numerusform>Tags of %n passages</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Delete %n highlight(s) and their notes?</source>
      <translation>
        <numerusform>Delete %n highlight and their notes?</numerusform>
        <numerusform>Delete %n highlights and their notes?</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PassagesWindow</name>
    <message numerus="yes">
      <source>%n passage(s)</source>
      <translation>
        <numerusform>%n passage</numerusform>
        <numerusform>%n passages</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>in %n article(s)</source>
      <translation>
        <numerusform>in %n article</numerusform>
        <numerusform>in %n articles</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Exported %n passage(s) to %1</source>
      <translation>
        <numerusform>Exported %n passage to %1</numerusform>
        <numerusform>Exported %n passages to %1</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ReviewSuggestionsDialog</name>
    <message numerus="yes">
      <source>The tagger suggests %n %1 name(s) in this article. Uncheck those that are not, then accept the rest as highlights tagged “%2”.</source>
      <translation>
        <numerusform>The tagger suggests %n %1 name in this article. Uncheck those that are not, then accept the rest as highlights tagged “%2”.</numerusform>
        <numerusform>The tagger suggests %n %1 names in this article. Uncheck those that are not, then accept the rest as highlights tagged “%2”.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Accept %n</source>
      <translation>
        <numerusform>Accept %n</numerusform>
        <numerusform>Accept %n</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>SetAttributeDialog</name>
    <message numerus="yes">
      <source>Set an attribute for %n article(s)</source>
      <translation>
        <numerusform>Set an attribute for %n article</numerusform>
        <numerusform>Set an attribute for %n articles</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>SuggestionController</name>
    <message numerus="yes">
      <source>Review and accept the %n %1 suggestion(s) in this article…</source>
      <translation>
        <numerusform>Review and accept the %n %1 suggestion in this article…</numerusform>
        <numerusform>Review and accept the %n %1 suggestions in this article…</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>TagListModel</name>
    <message numerus="yes">
      <source>%n highlight(s)</source>
      <translation>
        <numerusform>%n highlight</numerusform>
        <numerusform>%n highlights</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>TagManagerDialog</name>
    <message numerus="yes">
      <source>The %n tag(s) under it go under “%4”.</source>
      <translation>
        <numerusform>The %n tag under it go under “%4”.</numerusform>
        <numerusform>The %n tags under it go under “%4”.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Delete the tag “%1” and the %n tag(s) under it?</source>
      <translation>
        <numerusform>Delete the tag “%1” and the %n tag under it?</numerusform>
        <numerusform>Delete the tag “%1” and the %n tags under it?</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n highlight(s)</source>
      <translation>
        <numerusform>%n highlight</numerusform>
        <numerusform>%n highlights</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n article(s)</source>
      <translation>
        <numerusform>%n article</numerusform>
        <numerusform>%n articles</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Wording</name>
    <message numerus="yes">
      <source>%n highlight(s) imported</source>
      <translation>
        <numerusform>%n highlight imported</numerusform>
        <numerusform>%n highlights imported</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n placed by fuzzy match</source>
      <translation>
        <numerusform>%n placed by fuzzy match</numerusform>
        <numerusform>%n placed by fuzzy match</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n already present</source>
      <translation>
        <numerusform>%n already present</numerusform>
        <numerusform>%n already present</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n article memo(s)</source>
      <translation>
        <numerusform>%n article memo</numerusform>
        <numerusform>%n article memos</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n could not be placed: {examples}</source>
      <translation>
        <numerusform>%n could not be placed: {examples}</numerusform>
        <numerusform>%n could not be placed: {examples}</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n highlight(s)</source>
      <translation>
        <numerusform>%n highlight</numerusform>
        <numerusform>%n highlights</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n new article(s)</source>
      <translation>
        <numerusform>%n new article</numerusform>
        <numerusform>%n new articles</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n already here</source>
      <translation>
        <numerusform>%n already here</numerusform>
        <numerusform>%n already here</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n code(s)</source>
      <translation>
        <numerusform>%n code</numerusform>
        <numerusform>%n codes</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n note(s): {examples}</source>
      <translation>
        <numerusform>%n note: {examples}</numerusform>
        <numerusform>%n notes: {examples}</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>upgrading would leave %n broken reference(s) (first: table {table}, row {row})</source>
      <translation>
        <numerusform>upgrading would leave %n broken reference (first: table {table}, row {row})</numerusform>
        <numerusform>upgrading would leave %n broken references (first: table {table}, row {row})</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>the passage is in %n articles; cannot tell which one is meant</source>
      <translation>
        <numerusform>the passage is in %n articles; cannot tell which one is meant</numerusform>
        <numerusform>the passage is in %n articles; cannot tell which one is meant</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>the passage occurs %n time(s) in the article, with the same context, and the file gives no position: cannot tell which one is meant</source>
      <translation>
        <numerusform>the passage occurs %n time in the article, with the same context, and the file gives no position: cannot tell which one is meant</numerusform>
        <numerusform>the passage occurs %n times in the article, with the same context, and the file gives no position: cannot tell which one is meant</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>the memo's address belongs to %n articles; cannot tell which one is meant</source>
      <translation>
        <numerusform>the memo's address belongs to %n articles; cannot tell which one is meant</numerusform>
        <numerusform>the memo's address belongs to %n articles; cannot tell which one is meant</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n {kind} source(s) skipped: only text sources are imported.</source>
      <translation>
        <numerusform>%n {kind} source skipped: only text sources are imported.</numerusform>
        <numerusform>%n {kind} sources skipped: only text sources are imported.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Positions in %n source(s) ({sources}) were read as {unit}: {evidence}.</source>
      <translation>
        <numerusform>Positions in %n source ({sources}) were read as {unit}: {evidence}.</numerusform>
        <numerusform>Positions in %n sources ({sources}) were read as {unit}: {evidence}.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Positions in %n source(s) ({sources}) may count {unit} or {alternative}, and the file does not tell clearly ({agree} of {total} selection edges fall between words read as {unit}, {other} read as {alternative}). They were read as {unit}, {why}: check a few of their highlights.</source>
      <translation>
        <numerusform>Positions in %n source ({sources}) may count {unit} or {alternative}, and the file does not tell clearly ({agree} of {total} selection edges fall between words read as {unit}, {other} read as {alternative}). They were read as {unit}, {why}: check a few of their highlights.</numerusform>
        <numerusform>Positions in %n sources ({sources}) may count {unit} or {alternative}, and the file does not tell clearly ({agree} of {total} selection edges fall between words read as {unit}, {other} read as {alternative}). They were read as {unit}, {why}: check a few of their highlights.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n coding(s) refer to codes missing from the codebook; those highlights were imported without them.</source>
      <translation>
        <numerusform>%n coding refer to codes missing from the codebook; those highlights were imported without them.</numerusform>
        <numerusform>%n codings refer to codes missing from the codebook; those highlights were imported without them.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n value(s) of the attribute “{name}” were not imported, e.g.: {problem}</source>
      <translation>
        <numerusform>%n value of the attribute “{name}” were not imported, e.g.: {problem}</numerusform>
        <numerusform>%n values of the attribute “{name}” were not imported, e.g.: {problem}</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>{file}: %n new tag(s), {present} already in the codebook (kept as they are).</source>
      <translation>
        <numerusform>{file}: %n new tag, {present} already in the codebook (kept as they are).</numerusform>
        <numerusform>{file}: %n new tags, {present} already in the codebook (kept as they are).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n code name(s) are used by more than one code without sub-codes ({names}): QualCoder keeps one code per name and would merge them. Rename them first if the file is for QualCoder.</source>
      <translation>
        <numerusform>%n code name are used by more than one code without sub-codes ({names}): QualCoder keeps one code per name and would merge them. Rename them first if the file is for QualCoder.</numerusform>
        <numerusform>%n code names are used by more than one code without sub-codes ({names}): QualCoder keeps one code per name and would merge them. Rename them first if the file is for QualCoder.</numerusform>
      </translation>
    </message>
  </context>
</TS>