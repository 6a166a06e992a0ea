"""Reading article files into ``ArticleDraft`` values; one module per format."""
