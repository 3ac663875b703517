// The Curl module. See README.md.
