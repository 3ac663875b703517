// The Fetching module. See README.md.
