"""Draft -> document: a layout of blocks, then .docx (GB/T 9704) or Markdown."""
