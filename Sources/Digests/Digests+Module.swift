// The Digests module. See README.md.
