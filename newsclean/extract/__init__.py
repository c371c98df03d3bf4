"""Text to article: line features and rules, the article region, metadata, the learned block model,
user rules, and the HTML side (``html/``: blocks, page structure, metadata from markup)."""
