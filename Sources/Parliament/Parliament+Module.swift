// The Parliament module. See README.md.
