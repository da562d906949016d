"""The interactive wizard: Skeleton + PhraseBank -> Draft, through questionary, saving every answer."""
