"""`mlsd lsp`: the language server (see docs/editors.md).

`server` wires pygls to the features: `diagnostics` (checked as `mlsd check` checks), `completion`,
`hover`, `navigation` (definition, references, symbols), `formatting`, `actions` (quick fixes) and
`semantic` (tokens). What is at a position of any text is `context`, over the tokens of `tokens`;
`documents` holds the open documents and the files they import.
"""
