/* check.h: a tiny unit-test framework, header only.
 *
 *   TEST(median_of_odd_count) { CHECK_EQ_DOUBLE(stats_median_inplace(v, 3), 2.0); }
 *   int main(void) { RUN(median_of_odd_count); return check_summary(); }
 *
 * CHECK_* macros report a failure and let the test go on; REQUIRE stops the test (use it
 * before dereferencing what a failed step would have left NULL). A test passes when none
 * of its checks failed. check_summary() prints exactly one line "N passed, N failed" and
 * returns the exit status (1 when any test failed). Failures go to stdout, each on a
 * "FAIL file:line: test: ..." line, so they interleave with the summary in order.
 * RUN takes an optional filter from the CHECK_FILTER environment variable (a substring
 * of the test's name). */
#ifndef IDIOMBENCH_CHECK_H
#define IDIOMBENCH_CHECK_H

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_tests_passed;
static int check_tests_failed;
static const char *check_current_test = "?";
static bool check_current_failed;

/* Records one failed check with a printf-style explanation. Returns false. */
static inline bool check_fail(const char *file, int line, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static inline bool check_fail(const char *file, int line, const char *format, ...)
{
    va_list args;
    printf("FAIL %s:%d: %s: ", file, line, check_current_test);
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
    putchar('\n');
    fflush(stdout);
    check_current_failed = true;
    return false;
}

/* Prints text with control characters escaped, quoted; "NULL" for NULL. */
static inline void check_print_escaped(const char *text)
{
    if (text == NULL) {
        fputs("NULL", stdout);
        return;
    }
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
        if (*p == '\n')
            fputs("\\n", stdout);
        else if (*p == '\r')
            fputs("\\r", stdout);
        else if (*p == '\t')
            fputs("\\t", stdout);
        else if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            printf("\\x%02x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

static inline bool check_str_eq(const char *file, int line, const char *actual_expr,
                                const char *actual, const char *expected)
{
    if (actual != NULL && expected != NULL && strcmp(actual, expected) == 0)
        return true;
    check_fail(file, line, "%s differs", actual_expr);
    fputs("    got:      ", stdout);
    check_print_escaped(actual);
    fputs("\n    expected: ", stdout);
    check_print_escaped(expected);
    putchar('\n');
    return false;
}

static inline bool check_str_contains(const char *file, int line, const char *haystack_expr,
                                      const char *haystack, const char *needle)
{
    if (haystack != NULL && strstr(haystack, needle) != NULL)
        return true;
    check_fail(file, line, "%s does not contain \"%s\"", haystack_expr, needle);
    fputs("    got: ", stdout);
    check_print_escaped(haystack);
    putchar('\n');
    return false;
}

static inline bool check_str_starts(const char *file, int line, const char *text_expr,
                                    const char *text, const char *prefix)
{
    if (text != NULL && strncmp(text, prefix, strlen(prefix)) == 0)
        return true;
    check_fail(file, line, "%s does not start as expected", text_expr);
    fputs("    got:      ", stdout);
    check_print_escaped(text);
    fputs("\n    expected: ", stdout);
    check_print_escaped(prefix);
    fputs("...\n", stdout);
    return false;
}

/* Equal within a relative 1e-12 (or absolutely, for values near 0). */
static inline bool check_eq_double(const char *file, int line, const char *actual_expr,
                                   double actual, double expected)
{
    double scale = fabs(expected) > 1.0 ? fabs(expected) : 1.0;
    if (actual == expected || fabs(actual - expected) <= 1e-12 * scale)
        return true;
    return check_fail(file, line, "%s is %.17g, expected %.17g", actual_expr, actual,
                      expected);
}

static inline bool check_eq_int(const char *file, int line, const char *actual_expr,
                                long long actual, long long expected)
{
    if (actual == expected)
        return true;
    return check_fail(file, line, "%s is %lld, expected %lld", actual_expr, actual, expected);
}

#define CHECK(cond) ((cond) ? true : check_fail(__FILE__, __LINE__, "%s is false", #cond))
#define CHECK_EQ_INT(actual, expected) \
    check_eq_int(__FILE__, __LINE__, #actual, (long long)(actual), (long long)(expected))
#define CHECK_EQ_DOUBLE(actual, expected) \
    check_eq_double(__FILE__, __LINE__, #actual, (double)(actual), (double)(expected))
#define CHECK_STR_EQ(actual, expected) \
    check_str_eq(__FILE__, __LINE__, #actual, (actual), (expected))
#define CHECK_STR_CONTAINS(haystack, needle) \
    check_str_contains(__FILE__, __LINE__, #haystack, (haystack), (needle))
#define CHECK_STR_STARTS(text, prefix) \
    check_str_starts(__FILE__, __LINE__, #text, (text), (prefix))

/* Stops the current test when cond is false. */
#define REQUIRE(cond)      \
    do {                   \
        if (!CHECK(cond))  \
            return;        \
    } while (0)

#define TEST(name) static void name(void)

static inline void check_run(const char *name, void (*test)(void))
{
    const char *filter = getenv("CHECK_FILTER");
    if (filter != NULL && filter[0] != '\0' && strstr(name, filter) == NULL)
        return;
    check_current_test = name;
    check_current_failed = false;
    test();
    if (check_current_failed)
        check_tests_failed++;
    else
        check_tests_passed++;
    check_current_test = "?";
    fflush(stdout);
}

#define RUN(name) check_run(#name, name)

/* Prints "N passed, N failed" alone on its line; returns the exit status. */
static inline int check_summary(void)
{
    printf("%d passed, %d failed\n", check_tests_passed, check_tests_failed);
    fflush(stdout);
    return check_tests_failed > 0 ? 1 : 0;
}

#endif
