"""`mlsd serve`: a live design page — the diagram, findings and coverage of specs, updated on save.

    workspace.py   which specs are served (only files under the given paths) and their latest state
    analysis.py    one spec checked: compile, lint, coverage, components, findings mapped to components
    diagram.py     the graphviz SVG made safe to inline and annotated with component names
    app.py         the Starlette application: pages, JSON, server-sent events, the file watcher
    static/        the page's own CSS and JavaScript (no CDN)

The web stack (starlette, uvicorn, watchfiles) is imported only by `app.py`, which only
`mlsd serve` loads.
"""
