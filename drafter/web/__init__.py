"""`drafter serve`: the whole job in a browser, over the draft core and the library the CLI calls."""
