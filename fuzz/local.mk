# Fuzzing (docs/launchers.md has the hostile-input design; SECURITY.md the
# threat model). Every reader has a libFuzzer target in fuzz/; the
# regression inputs under fuzz/regress/ run through the same target
# functions without libFuzzer in make check (tests/fuzz-regress), so gcc
# builds run them too.

# The unit tests alone (quickstart.sh test runs them on the clang build).
check-unit:
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(UNIT_TESTS)'
.PHONY: check-unit
