"""HTML: visible blocks with their DOM context, page structure, and metadata from markup."""
