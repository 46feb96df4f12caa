/* test_case_digest.c: case_digest.c tells cases apart by what they measure, and by
 * nothing else. */
#include "case_digest.h"
#include "check.h"

static long sizes[] = {10, 100, 1000};
static long other_sizes[] = {10, 100, 1001};

/* A case with every field the digest reads set. */
static case_def base(void)
{
    case_def c = {(char *)"copying", (char *)"flat_slice", (char *)"a = list(range(n))",
                  (char *)"b = a[:]", sizes, 3, INSTRUMENT_TIME, false, false,
                  (char *)"bench/copying.py", (char *)"", 0, 0, NULL};
    return c;
}

/* Checks that changing one field (done by the caller on changed) changes the digest. */
static void check_differs(const case_def *changed, const char *what)
{
    case_def c = base();
    if (case_digest_of(changed) == case_digest_of(&c))
        check_fail(__FILE__, __LINE__, "changing the %s left the digest alone", what);
}

TEST(one_definition_gives_one_digest)
{
    case_def a = base(), b = base();
    b.instruments = INSTRUMENT_TIME | INSTRUMENT_ALLOCS; /* what is measured of it */
    b.source = (char *)"elsewhere/copying.py";            /* where it is declared */
    long copied[] = {10, 100, 1000};
    b.sizes = copied;
    CHECK(case_digest_of(&a) == case_digest_of(&b));
}

TEST(every_field_of_the_definition_changes_it)
{
    case_def c;
    c = base(), c.family = (char *)"copyin";
    check_differs(&c, "family");
    c = base(), c.name = (char *)"flat_slices";
    check_differs(&c, "name");
    c = base(), c.setup = (char *)"a = list(range(n + 1))";
    check_differs(&c, "setup");
    c = base(), c.stmt = (char *)"b = a[:]; b = a[:]";
    check_differs(&c, "stmt");
    c = base(), c.teardown = (char *)"del a";
    check_differs(&c, "teardown");
    c = base(), c.sizes = other_sizes;
    check_differs(&c, "a size");
    c = base(), c.size_count = 2;
    check_differs(&c, "number of sizes");
    c = base(), c.gc_enabled = true;
    check_differs(&c, "collector setting");
    c = base(), c.module_scope = true;
    check_differs(&c, "scope");
    c = base(), c.min_python_major = 3, c.min_python_minor = 6;
    check_differs(&c, "oldest Python");
}

TEST(a_boundary_between_fields_counts)
{
    case_def a = base(), b = base();
    a.setup = (char *)"x = 1; ";
    a.stmt = (char *)"y = x";
    b.setup = (char *)"x = 1; y";
    b.stmt = (char *)" = x";
    CHECK(case_digest_of(&a) != case_digest_of(&b));
}

TEST(text_is_sixteen_hex_digits)
{
    case_def c = base();
    char text[17];
    case_digest_text(&c, text);
    CHECK_EQ_INT(strlen(text), 16);
    CHECK_EQ_INT(strspn(text, "0123456789abcdef"), 16);
    char expected[17];
    snprintf(expected, sizeof expected, "%016llx", (unsigned long long)case_digest_of(&c));
    CHECK_STR_EQ(text, expected);
}

int main(void)
{
    RUN(one_definition_gives_one_digest);
    RUN(every_field_of_the_definition_changes_it);
    RUN(a_boundary_between_fields_counts);
    RUN(text_is_sixteen_hex_digits);
    return check_summary();
}
