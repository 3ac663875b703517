// The Extraction module. See README.md.
