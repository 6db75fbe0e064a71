"""`mlsd export`: a spec as JSON (the model), Mermaid, D2 or DOT."""
