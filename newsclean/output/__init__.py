"""Presenting results: text and JSON rendering, the diff of cleaned against raw text, the HTML report."""
