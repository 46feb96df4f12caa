#!/usr/bin/env bats
# The mutability and copying families (bench/mutability.py, bench/copying.py): their
# cases are listed, run without failures, and give the figures that decide claims
# C04-C08 on every CPython 3.6+. Allocation figures are exact, so they are compared
# exactly; times only through ratios so large (100x and more) that noise cannot flip
# them.

load helper

# The cases measured once for the whole file (quick mode, 3 repetitions): a shallow
# copy, a deep copy and an alias of each shape, and the list and int cases of
# mutability. Together they take 15 to 20 s on a 2-core machine.
COPYING_FILTER='^copying/(flat_(alias|slice|deepcopy)|nested_(slice|copy_method|deepcopy)|dict_(alias|copy_method|deepcopy))$'
MUTABILITY_FILTER='^mutability/(append|concat|int_iadd_(small|medium|large))$'

setup_file() {
    build_harness
    measure_run copying "$COPYING_FILTER"
    measure_run mutability "$MUTABILITY_FILTER"
}

# assert_clean_run NAME ROWS: the run exited 0, failed nothing and wrote ROWS rows.
assert_clean_run() {
    local dir=$BATS_FILE_TMPDIR/$1
    [ "$(cat "$dir.status")" -eq 0 ] ||
        fail "the $1 run exited with $(cat "$dir.status")" "--- stdout:" "$(cat "$dir.stdout")" \
            "--- stderr:" "$(cat "$dir.stderr")"
    [ "$(cat "$dir/failures.csv")" = "$FAILURES_HEADER" ] ||
        fail "cases of the $1 run failed" "$(cat "$dir/failures.csv")"
    local rows
    rows=$(csv_rows "$dir/measurements.csv" case | wc -l)
    [ "$rows" -eq "$2" ] || fail "the $1 run wrote $rows rows, expected $2" "$(cat "$dir/measurements.csv")"
}

# check_figures NAME: the checks on stdin (see check_run) against the NAME run.
check_figures() {
    check_run "$BATS_FILE_TMPDIR/$1"
}

# --- the catalogue ---

@test "--list shows every mutability and copying case, with its sizes" {
    local expected
    expected=$(cd "$REPO_ROOT/bench" && "$TEST_PYTHON" -c '
count = 0
for name in ("mutability.py", "copying.py"):
    scope = {}
    exec(open(name).read(), scope)
    count += len(scope["CASES"])
print(count)')
    run --separate-stderr "$IDIOMBENCH" --list --filter '^(mutability|copying)/'
    assert_status 0
    [ "$(wc -l <<<"$output")" -eq "$expected" ] && [ "$expected" -ge 27 ] ||
        fail "--list shows $(wc -l <<<"$output") cases, the two catalogues have $expected" "$output"
    local line
    for line in \
        "mutability/append  [time,allocs]" \
        "mutability/iadd  [time,allocs]" \
        "mutability/extend  [time,allocs]" \
        "mutability/concat  n=10,100,1000,10000,100000  [time,allocs]" \
        "mutability/int_iadd_small  [time,allocs]" \
        "mutability/int_iadd_large  [time,allocs]" \
        "copying/flat_alias  n=10,100,1000,10000,100000  [time,allocs]" \
        "copying/flat_slice  n=10,100,1000,10000,100000  [time,allocs]" \
        "copying/flat_unpack  n=10,100,1000,10000,100000  [time,allocs]" \
        "copying/flat_deepcopy  n=10,100,1000,10000,100000  [time,allocs]" \
        "copying/nested_copy_copy  n=10,100,1000,10000  [time,allocs]" \
        "copying/nested_deepcopy  n=10,100,1000,10000  [time,allocs]" \
        "copying/dict_unpack  n=10,100,1000,10000  [time,allocs]" \
        "copying/dict_deepcopy  n=10,100,1000,10000  [time,allocs]"; do
        grep -qxF "$line" <<<"$output" || fail "--list lacks '$line'" "$output"
    done
}

# --- copying (C06, C07, C08) ---

@test "copying: the selected cases run without failures" {
    # 3 flat cases at 5 sizes, 6 other cases at 4 sizes; 3 metrics each.
    assert_clean_run copying $(((3 * 5 + 6 * 4) * 3))
}

@test "copying: an alias allocates nothing, at every size (C06)" {
    check_figures copying <<'PY'
for case, sizes in (("flat_alias", [10, 100, 1000, 10000, 100000]),
                    ("dict_alias", [10, 100, 1000, 10000])):
    for n in sizes:
        for metric in ("allocs_per_op", "bytes_per_op"):
            expect(fig(case, n, metric) == 0,
                   "%s n=%d: %s is %g, expected 0" % (case, n, metric, fig(case, n, metric)))
PY
}

@test "copying: a list slice is one allocation of n pointers, whatever the items (C07)" {
    check_figures copying <<'PY'
for n in [10, 100, 1000, 10000, 100000]:
    allocs, size = fig("flat_slice", n, "allocs_per_op"), fig("flat_slice", n, "bytes_per_op")
    # The item array; the list object comes from the free list.
    expect(allocs == 1, "flat_slice n=%d: %g allocations per op, expected exactly 1" % (n, allocs))
    expect(size == P * n, "flat_slice n=%d: %g bytes per op, expected %d" % (n, size, P * n))
for n in [10, 100, 1000, 10000]:
    for case in ("nested_slice", "nested_copy_method"):
        for metric in ("allocs_per_op", "bytes_per_op"):
            expect(fig(case, n, metric) == fig("flat_slice", n, metric),
                   "%s n=%d: %s %g, flat_slice %g: a shallow copy of lists should cost "
                   "what one of ints does" % (case, n, metric, fig(case, n, metric),
                                              fig("flat_slice", n, metric)))
PY
}

@test "copying: dict.copy() is at most 2 allocations, of at least a hash, key and value per item (C07)" {
    check_figures copying <<'PY'
for n in [10, 100, 1000, 10000]:
    allocs, size = fig("dict_copy_method", n, "allocs_per_op"), fig("dict_copy_method", n, "bytes_per_op")
    # The table (3.7+: the dict object from the free list; 3.6: one more request).
    expect(1 <= allocs <= 2, "dict_copy_method n=%d: %g allocations per op, expected 1 or 2" % (n, allocs))
    expect(size >= 3 * P * n, "dict_copy_method n=%d: %g bytes per op, expected at least %d"
           % (n, size, 3 * P * n))
PY
}

@test "copying: deepcopy allocates more than a shallow copy, at least once per item (C08)" {
    check_figures copying <<'PY'
for deep, shallow, sizes in (("flat_deepcopy", "flat_slice", [10, 100, 1000, 10000, 100000]),
                             ("nested_deepcopy", "nested_slice", [10, 100, 1000, 10000]),
                             ("dict_deepcopy", "dict_copy_method", [10, 100, 1000, 10000])):
    for n in sizes:
        for metric in ("allocs_per_op", "bytes_per_op"):
            expect(fig(deep, n, metric) > fig(shallow, n, metric),
                   "n=%d: %s %s %g, not above %s's %g"
                   % (n, deep, metric, fig(deep, n, metric), shallow, fig(shallow, n, metric)))
        # Nested: a new inner list per item; flat: deepcopy's memo works on id(item),
        # a new int per item. CPython 3.14 added a free list for ints (up to 100): the
        # int of id(item), freed at once, is taken from it again, so a flat deepcopy
        # makes fewer requests than items there (the list and the memo's growth).
        if deep == "flat_deepcopy" and version >= (3, 14):
            continue
        expect(fig(deep, n, "allocs_per_op") >= n,
               "%s n=%d: %g allocations per op, fewer than the %d items"
               % (deep, n, fig(deep, n, "allocs_per_op"), n))
PY
}

@test "copying: deepcopy of 10000 items is more than 5x slower than a slice (C08)" {
    check_figures copying <<'PY'
for deep, shallow in (("flat_deepcopy", "flat_slice"), ("nested_deepcopy", "nested_slice"),
                      ("dict_deepcopy", "dict_copy_method")):
    slow, fast = fig(deep, 10000, "time_per_op"), fig(shallow, 10000, "time_per_op")
    expect(fast > 0 and slow > 5 * fast,
           "n=10000: %s %.0f ns/op, %s %.0f ns/op" % (deep, slow, shallow, fast))
PY
}

# --- mutability (C04, C05) ---

@test "mutability: the selected cases run without failures" {
    # concat at 5 sizes, 4 unsized cases; 3 metrics each.
    assert_clean_run mutability $(((5 + 4) * 3))
}

@test "mutability: lst + [x] allocates a new list whose bytes grow with n (C04)" {
    check_figures mutability <<'PY'
sizes = [10, 100, 1000, 10000, 100000]
for n in sizes:
    allocs, size = fig("concat", n, "allocs_per_op"), fig("concat", n, "bytes_per_op")
    expect(allocs >= 1, "concat n=%d: %g allocations per op, expected at least 1" % (n, allocs))
    expect(size >= P * (n + 1), "concat n=%d: %g bytes per op, fewer than the new list's %d"
           % (n, size, P * (n + 1)))
for small, big in zip(sizes, sizes[1:]):
    expect(fig("concat", big, "bytes_per_op") > fig("concat", small, "bytes_per_op"),
           "concat: %g bytes per op at n=%d, not above %g at n=%d"
           % (fig("concat", big, "bytes_per_op"), big, fig("concat", small, "bytes_per_op"), small))
PY
}

@test "mutability: append changes the list in place, far cheaper than lst + [x] (C04)" {
    check_figures mutability <<'PY'
allocs = fig("append", None, "allocs_per_op")
# Amortised growth: a reallocation now and then (about 47 in 10000 appends).
expect(0 < allocs < 0.1, "append: %g allocations per op, expected a rare reallocation" % allocs)
expect(fig("append", None, "bytes_per_op") < fig("concat", 100, "bytes_per_op"),
       "append: %g bytes per op, not below concat's %g at n=100"
       % (fig("append", None, "bytes_per_op"), fig("concat", 100, "bytes_per_op")))
append, concat = fig("append", None, "time_per_op"), fig("concat", 100000, "time_per_op")
# append's net time is a few ns: noise can take it below 0 (-16.1 seen on a loaded sid).
expect(concat > 0 and concat > 100 * append,
       "append %.1f ns/op, concat at n=100000 %.0f ns/op: expected over 100x" % (append, concat))
PY
}

@test "mutability: int += 10 allocates outside the small-int cache, not inside it (C05)" {
    check_figures mutability <<'PY'
# CPython 3.14 added a free list for ints (up to 100): a one-digit int freed by the
# previous `i = i0` is taken from it again, so int_iadd_medium asks the allocator for
# nothing there. Every version allocates the multi-digit ints of int_iadd_large.
for case in ("int_iadd_large",) if version >= (3, 14) else ("int_iadd_medium", "int_iadd_large"):
    allocs = fig(case, None, "allocs_per_op")
    expect(allocs >= 1, "%s: %g allocations per op, expected a new int each time" % (case, allocs))
for metric in ("allocs_per_op", "bytes_per_op"):
    value = fig("int_iadd_small", None, metric)
    expect(value == 0, "int_iadd_small (5 + 10, a cached int): %s is %g, expected 0" % (metric, value))
PY
}
