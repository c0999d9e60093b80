#include "src/config/dotenv.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "tests/config/case_name.hpp"

namespace smistat::dotenv {
namespace {

using env_map = std::map<std::string, std::string>;

struct parse_case {
  const char* name;
  std::string text;
  std::vector<binding> expected;
};

void PrintTo(const parse_case& row, std::ostream* out) { *out << row.name; }

// Each row is a python-dotenv behaviour a deployed .env may rely on.
const std::vector<parse_case> parse_cases = {
    {"plain", "A=1", {{"A", "1"}}},
    {"export_prefix", "export A=1", {{"A", "1"}}},
    {"export_with_blanks", "export \t A = 1  ", {{"A", "1"}}},
    {"export_as_key", "export=1", {{"export", "1"}}},
    {"single_quotes_keep_blanks", "A='x  y'", {{"A", "x  y"}}},
    {"single_quotes_keep_backslash_n", R"(A='x\ny')", {{"A", R"(x\ny)"}}},
    {"single_quotes_escaped_quote", R"(A='it\'s')", {{"A", "it's"}}},
    {"double_quotes_decode_escapes", R"(A="x\ny\tz")", {{"A", "x\ny\tz"}}},
    {"double_quotes_escaped_quote", R"(A="say \"hi\"")", {{"A", "say \"hi\""}}},
    {"double_quotes_escaped_backslash", R"(A="a\\b")", {{"A", R"(a\b)"}}},
    {"double_quotes_unknown_escape_kept", R"(A="a\qb")", {{"A", R"(a\qb)"}}},
    {"quoted_value_spans_lines", "A=\"multi\nline\"\nB=2", {{"A", "multi\nline"}, {"B", "2"}}},
    {"comment_after_quotes", "A=\"x\" # note", {{"A", "x"}}},
    {"comment_after_value", "A=b # note", {{"A", "b"}}},
    {"hash_inside_value", "A=b#c", {{"A", "b#c"}}},
    {"only_a_comment_after_equals", "A=  # note", {{"A", ""}}},
    {"hash_right_after_equals", "A=#value", {{"A", "#value"}}},
    {"empty_value", "A=", {{"A", ""}}},
    {"trailing_blanks_dropped", "A=b  \t", {{"A", "b"}}},
    {"comment_lines_and_blank_lines", "# head\n\n  # indented\nA=1\n\n", {{"A", "1"}}},
    {"bare_key_has_no_value", "A", {{"A", std::nullopt}}},
    {"bare_key_with_comment", "A # note", {{"A", std::nullopt}}},
    {"quoted_key", "'A B'=1", {{"A B", "1"}}},
    {"crlf_lines", "A=1\r\nB=2\r\n", {{"A", "1"}, {"B", "2"}}},
    {"cr_lines", "A=1\rB=2", {{"A", "1"}, {"B", "2"}}},
    {"byte_order_mark",
     "\xEF\xBB\xBF"
     "A=1",
     {{"A", "1"}}},
    {"duplicates_kept_in_order", "A=1\nA=2", {{"A", "1"}, {"A", "2"}}},
    // An unclosed quote closes at the last escaped quote, as the backtracking regex does.
    {"unclosed_quote_backtracks", "A='x\\'\nB=2", {{"A", "x\\"}, {"B", "2"}}},
};

class dotenv_parse : public testing::TestWithParam<parse_case> {};

TEST_P(dotenv_parse, yields_bindings) {
  const parsed result = parse(GetParam().text);
  EXPECT_EQ(result.bindings, GetParam().expected);
  EXPECT_TRUE(result.bad_lines.empty());
}

INSTANTIATE_TEST_SUITE_P(table, dotenv_parse, testing::ValuesIn(parse_cases),
                         test::case_name<parse_case>);

struct bad_case {
  const char* name;
  std::string text;
  std::vector<binding> expected;
  std::vector<std::size_t> bad_lines;
};

void PrintTo(const bad_case& row, std::ostream* out) { *out << row.name; }

const std::vector<bad_case> bad_cases = {
    {"unterminated_double_quote", "A=\"open\nB=2", {{"B", "2"}}, {1}},
    {"missing_key", "=1\nB=2", {{"B", "2"}}, {1}},
    {"junk_after_quotes", "A=\"x\" junk\nB=2", {{"B", "2"}}, {1}},
    {"two_words_before_equals", "A B=1\nC=3", {{"C", "3"}}, {1}},
    {"empty_quoted_key", "''=1", {}, {1}},
    {"line_number_counts_blank_lines", "A=1\n\n\n=oops\nB=2", {{"A", "1"}, {"B", "2"}}, {4}},
};

class dotenv_bad_line : public testing::TestWithParam<bad_case> {};

TEST_P(dotenv_bad_line, is_skipped_and_reported) {
  const parsed result = parse(GetParam().text);
  EXPECT_EQ(result.bindings, GetParam().expected);
  EXPECT_EQ(result.bad_lines, GetParam().bad_lines);
}

INSTANTIATE_TEST_SUITE_P(table, dotenv_bad_line, testing::ValuesIn(bad_cases),
                         test::case_name<bad_case>);

struct resolve_case {
  const char* name;
  std::string text;
  env_map environment;
  env_map expected;
};

void PrintTo(const resolve_case& row, std::ostream* out) { *out << row.name; }

const std::vector<resolve_case> resolve_cases = {
    {"environment_variable", "A=${HOME}/x", {{"HOME", "/root"}}, {{"A", "/root/x"}}},
    // Observed on the original: env PORT=1 and `MAX_HISTORY=${PORT}0` gave 10.
    {"environment_before_earlier_keys",
     "PORT=18050\nMAX_HISTORY=${PORT}0",
     {{"PORT", "1"}},
     {{"PORT", "18050"}, {"MAX_HISTORY", "10"}}},
    {"earlier_key", "A=x\nB=${A}y", {}, {{"A", "x"}, {"B", "xy"}}},
    {"later_key_not_seen", "B=${A}\nA=x", {}, {{"A", "x"}, {"B", ""}}},
    {"unknown_is_empty", "A=<${NOPE}>", {}, {{"A", "<>"}}},
    {"default_when_unknown", "A=${NOPE:-fallback}", {}, {{"A", "fallback"}}},
    {"default_unused_when_known", "A=${B:-fallback}", {{"B", "b"}}, {{"A", "b"}}},
    {"bare_key_shadows_default", "B\nA=${B:-fallback}", {}, {{"A", ""}}},
    {"single_quotes_expand_too", "A='${B}'", {{"B", "b"}}, {{"A", "b"}}},
    {"dollar_without_braces_is_literal", "A=$B", {{"B", "b"}}, {{"A", "$B"}}},
    {"unclosed_brace_is_literal", "A=${B", {{"B", "b"}}, {{"A", "${B"}}},
    {"colon_without_dash_is_literal", "A=${B:x}", {{"B", "b"}}, {{"A", "${B:x}"}}},
    {"two_references", "A=${X}-${Y}", {{"X", "1"}, {"Y", "2"}}, {{"A", "1-2"}}},
    {"last_duplicate_wins", "A=1\nA=2", {}, {{"A", "2"}}},
    {"bare_key_is_left_out", "A\nB=1", {}, {{"B", "1"}}},
    {"bare_duplicate_unsets", "A=1\nA", {}, {}},
    {"self_reference_sees_previous", "A=x\nA=${A}y", {}, {{"A", "xy"}}},
};

class dotenv_resolve : public testing::TestWithParam<resolve_case> {};

TEST_P(dotenv_resolve, expands_variables) {
  const auto& c = GetParam();
  EXPECT_EQ(resolve(parse(c.text).bindings, c.environment), c.expected);
}

INSTANTIATE_TEST_SUITE_P(table, dotenv_resolve, testing::ValuesIn(resolve_cases),
                         test::case_name<resolve_case>);

}  // namespace
}  // namespace smistat::dotenv
