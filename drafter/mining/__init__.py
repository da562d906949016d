"""Mining: genres, section roles, skeletons and phrase banks (map per document, reduce across)."""
