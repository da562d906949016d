"""`drafter check`: a draft (.docx/.txt/.md) -> findings, each with location, severity and a fix."""
