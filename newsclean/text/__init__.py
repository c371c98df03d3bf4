"""Bytes to correct text: decoding (the ladder of rungs), plausibility scores, and repair of mojibake."""
