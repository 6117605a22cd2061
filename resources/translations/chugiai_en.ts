<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
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
      <source>%n coding(s) refer to codes missing from the codebook; those highlights were imported without them.</source>
      <translation>
        <numerusform>%n coding refer to codes missing from the codebook; those highlights were imported without them.</numerusform>
        <numerusform>%n codings refer to codes missing from the codebook; those highlights were imported without them.</numerusform>
      </translation>
    </message>
  </context>
</TS>