# shared helpers for the script tests
