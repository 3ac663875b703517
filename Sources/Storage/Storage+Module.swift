// The Storage module. See README.md.
