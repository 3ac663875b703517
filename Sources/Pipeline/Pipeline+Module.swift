// The Pipeline module. See README.md.
