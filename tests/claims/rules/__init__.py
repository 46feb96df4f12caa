# tests/claims/rules/: the tests of py/idiombench/claims/rules/, a test file per rule module
# (a package so that `python3 -m unittest discover -s tests/claims` finds them).
