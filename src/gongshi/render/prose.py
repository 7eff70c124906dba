"""The class the templates wrap a record's own text in (the `prose` filter of engine.py): where
the search takes its excerpts from (search/extract.py), rather than labels, dates or anchors."""

PROSE_CLASS = "gs-prose"
