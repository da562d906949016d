"""Reading: files -> text -> cleaned paragraphs -> documents -> outlines."""
