"""Storage: typed models, repositories that never commit, the database and its migrations."""
