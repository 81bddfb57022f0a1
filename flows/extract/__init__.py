"""Extract: input files → cleaned `Article` records, or `Rejection`s that say why not."""
