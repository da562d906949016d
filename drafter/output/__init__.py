"""Output: drafts rendered, anyone's documents formatted, proofread, previewed."""
