// The Syndication module. See README.md.
