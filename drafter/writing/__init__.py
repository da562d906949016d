"""Writing a new report: last year's report in, the wizard, the draft."""
