/* test_csv.c: the RFC 4180 reader (quoting, line breaks, line numbers, errors) and
 * writer (a field quoted where it must be), and the number fields. */
#include "check.h"
#include "csv.h"
#include "sandbox.h"

#include <math.h>

typedef struct records {
    int count;
    size_t fields[8];
    long lines[8];
    char text[8][8][64]; /* [record][field] */
    char err[256];
    csv_status last;
} records;

/* Reads up to 8 records of text; the last status and any error are kept. */
static records read_all(const char *text)
{
    records out;
    memset(&out, 0, sizeof out);
    csv_reader reader;
    csv_reader_init(&reader, text, strlen(text));
    while (out.count < 8 &&
           (out.last = csv_reader_next(&reader, out.err, sizeof out.err)) == CSV_RECORD) {
        out.fields[out.count] = reader.field_count;
        out.lines[out.count] = reader.record_line;
        for (size_t f = 0; f < reader.field_count && f < 8; f++)
            snprintf(out.text[out.count][f], 64, "%s", reader.fields[f]);
        out.count++;
    }
    csv_reader_free(&reader);
    return out;
}

TEST(plain_records_split_on_commas_and_lines)
{
    records r = read_all("a,b,c\n1,2,3\n");
    CHECK_EQ_INT(r.last, CSV_END);
    REQUIRE(r.count == 2);
    CHECK_EQ_INT(r.fields[0], 3);
    CHECK_STR_EQ(r.text[0][2], "c");
    CHECK_STR_EQ(r.text[1][0], "1");
    CHECK_EQ_INT(r.lines[1], 2);
}

TEST(quoted_fields_keep_commas_quotes_and_line_breaks)
{
    records r = read_all("x,\"a, b\",\"say \"\"hi\"\"\"\n"
                         "\"two\nlines\",y,z\n"
                         "last,row,here\n");
    REQUIRE(r.count == 3);
    CHECK_STR_EQ(r.text[0][1], "a, b");
    CHECK_STR_EQ(r.text[0][2], "say \"hi\"");
    CHECK_STR_EQ(r.text[1][0], "two\nlines");
    CHECK_EQ_INT(r.lines[1], 2);
    CHECK_EQ_INT(r.lines[2], 4); /* the quoted line break counts */
    CHECK_STR_EQ(r.text[2][0], "last");
}

TEST(crlf_and_cr_end_records_and_empty_fields_stay)
{
    records r = read_all("a,,c\r\n,\r\"\",x,\r\n");
    REQUIRE(r.count == 3);
    CHECK_EQ_INT(r.fields[0], 3);
    CHECK_STR_EQ(r.text[0][1], "");
    CHECK_EQ_INT(r.fields[1], 2);
    CHECK_EQ_INT(r.fields[2], 3);
    CHECK_STR_EQ(r.text[2][0], "");
    CHECK_STR_EQ(r.text[2][2], "");
    CHECK_EQ_INT(r.lines[2], 3);
}

TEST(blank_lines_a_missing_final_newline_and_a_bom_are_fine)
{
    records r = read_all("\xEF\xBB\xBFh1,h2\n\n\n1,2");
    REQUIRE(r.count == 2);
    CHECK_STR_EQ(r.text[0][0], "h1");
    CHECK_EQ_INT(r.lines[1], 4);
    CHECK_STR_EQ(r.text[1][1], "2");
    CHECK_EQ_INT(r.last, CSV_END);
}

TEST(empty_text_has_no_record)
{
    records r = read_all("");
    CHECK_EQ_INT(r.count, 0);
    CHECK_EQ_INT(r.last, CSV_END);
}

TEST(an_unclosed_quote_is_an_error_naming_its_line)
{
    records r = read_all("a,b\n1,\"open\n2,3\n");
    CHECK_EQ_INT(r.count, 1);
    CHECK_EQ_INT(r.last, CSV_ERROR);
    CHECK_STR_CONTAINS(r.err, "line 2");
    CHECK_STR_CONTAINS(r.err, "never closed");
}

TEST(text_after_a_closing_quote_is_an_error)
{
    records r = read_all("a,b\n\"x\"y,2\n");
    CHECK_EQ_INT(r.last, CSV_ERROR);
    CHECK_STR_CONTAINS(r.err, "line 2");
    CHECK_STR_CONTAINS(r.err, "after a quoted field");
}

TEST(a_quote_inside_a_plain_field_is_kept)
{
    records r = read_all("5\"x,y\n");
    REQUIRE(r.count == 1);
    CHECK_STR_EQ(r.text[0][0], "5\"x");
}

static void write_figures(FILE *out, const void *arg)
{
    (void)arg;
    csv_write_figure(out, 12.5);
    fputc('|', out);
    csv_write_figure(out, 1234567.0);
    fputc('|', out);
    csv_write_figure(out, NAN);
    fputc('|', out);
    csv_write_figure(out, 1.5e-9);
    fputc('|', out);
    csv_write_size(out, 1000);
    fputc('|', out);
    csv_write_size(out, -1);
}

TEST(figures_are_g9_and_missing_ones_empty)
{
    char *text = sandbox_capture(write_figures, NULL);
    CHECK_STR_EQ(text, "12.5|1234567||1.5e-09|1000|");
    free(text);
}

static void write_field(FILE *out, const void *value)
{
    csv_field(out, value);
}

/* What csv_field writes for value. */
static char *field(const char *value)
{
    return sandbox_capture(write_field, value);
}

TEST(field_without_special_characters_is_written_as_is)
{
    char *text = field("identity");
    CHECK_STR_EQ(text, "identity");
    free(text);
    text = field(" spaced out ");
    CHECK_STR_EQ(text, " spaced out ");
    free(text);
    text = field("");
    CHECK_STR_EQ(text, "");
    free(text);
}

TEST(field_with_a_comma_is_quoted)
{
    char *text = field("ValueError: a, b");
    CHECK_STR_EQ(text, "\"ValueError: a, b\"");
    free(text);
}

TEST(field_with_quotes_doubles_them)
{
    char *text = field("say \"hi\"");
    CHECK_STR_EQ(text, "\"say \"\"hi\"\"\"");
    free(text);
    text = field("\"");
    CHECK_STR_EQ(text, "\"\"\"\"");
    free(text);
}

TEST(field_with_line_breaks_is_quoted_and_keeps_them)
{
    char *text = field("line one\nline two\n");
    CHECK_STR_EQ(text, "\"line one\nline two\n\"");
    free(text);
    text = field("carriage\rreturn");
    CHECK_STR_EQ(text, "\"carriage\rreturn\"");
    free(text);
}

int main(void)
{
    RUN(plain_records_split_on_commas_and_lines);
    RUN(quoted_fields_keep_commas_quotes_and_line_breaks);
    RUN(crlf_and_cr_end_records_and_empty_fields_stay);
    RUN(blank_lines_a_missing_final_newline_and_a_bom_are_fine);
    RUN(empty_text_has_no_record);
    RUN(an_unclosed_quote_is_an_error_naming_its_line);
    RUN(text_after_a_closing_quote_is_an_error);
    RUN(a_quote_inside_a_plain_field_is_kept);
    RUN(figures_are_g9_and_missing_ones_empty);
    RUN(field_without_special_characters_is_written_as_is);
    RUN(field_with_a_comma_is_quoted);
    RUN(field_with_quotes_doubles_them);
    RUN(field_with_line_breaks_is_quoted_and_keeps_them);
    return check_summary();
}
