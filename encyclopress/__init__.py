"""Encyclopress: encyclopedia articles in plain text → print PDF, EPUB 3 and catalog records.

The folders are the pipeline, each importing only the ones above it in this list
(an import-linter contract in pyproject.toml keeps it so):

    core/           diagnostics, the document model, paper sizes, locales and languages,
                    identifiers, output file kinds, the cache folder
    reading/        content/<slug>.txt + .toml → model.Article, Publication, editions, fonts;
                    content/<name>.collection.toml → Collection
    rendering/      a render context per edition, its edition statement, the Dublin Core
                    mapping, Jinja2 templating, atomic outputs
    engine/         the only code that knows WeasyPrint's (and its pydyf's), pyphen's, atexit's and
                    glibc's internals
    print_edition/  the PDF/A, booklet, 2-up and press files
    ebook/          the EPUB 3: navigation, page list, accessibility, fonts, cover
    catalog/        one publication's records: MARC 21, Dublin Core
    shelf/          out/ read back from its records → the shelf index (SQLite), paged OPDS
                    feeds with facets, the catalog page and its static search index
    builder/        options, the formats and their order, one article, batches, the build cache
    serve/          `encyclopress serve`: out/ over HTTP, search for OPDS readers, --watch
    cli.py          the command line (build.py is a thin wrapper over it)
"""

__version__ = "0.1.0"
