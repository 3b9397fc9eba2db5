"""Publishing analysts' updates: immutable versions in a database, the editor's secret, safe downloads."""
