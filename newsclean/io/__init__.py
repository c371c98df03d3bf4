"""Reading and writing: files, compressed inputs, archives (WARC, JSONL), and sniffing what a file is."""
