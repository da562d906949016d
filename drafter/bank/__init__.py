"""The templates directory and its phrase banks: load, list, review, export."""
