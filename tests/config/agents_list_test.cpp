#include "src/config/agents_list.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "tests/config/case_name.hpp"

namespace smistat::config_detail {
namespace {

/** One agents file and what must come of it: a list, or an error on a line. */
struct file_case {
  const char* name;
  std::string text;
  std::optional<std::vector<std::string>> agents;
  std::optional<agents_file_error> error;
};

void PrintTo(const file_case& row, std::ostream* out) { *out << row.name; }

using list = std::vector<std::string>;

const std::vector<file_case> file_cases = {
    {"nvgpu_example_config",
     "AGENTS = [\n"
     "         'self', # node01 - master - direct access without using HTTP\n"
     "         'http://node02:1080',\n"
     "         'http://node03:1080',\n"
     "]\n",
     list{"self", "http://node02:1080", "http://node03:1080"},
     {}},
    {"one_line_double_quotes",
     "AGENTS = [\"self\", \"http://n:1\"]",
     list{"self", "http://n:1"},
     {}},
    {"no_spaces_no_newline_at_end", "AGENTS=['self']", list{"self"}, {}},
    {"empty_list", "AGENTS = []\n", list{}, {}},
    {"comments_and_blank_lines_around",
     "# master config\n\n  \nAGENTS = ['a',  # first\n  # between\n 'b' ,]  # after\n# end\n",
     list{"a", "b"},
     {}},
    {"crlf_line_ends", "AGENTS = [\r\n 'self',\r\n]\r\n", list{"self"}, {}},
    {"escaped_quotes", R"(AGENTS = ['it\'s', "a\"b", 'c\\d'])", list{"it's", "a\"b", "c\\d"}, {}},
    {"last_assignment_wins_as_in_python", "AGENTS = ['a']\nAGENTS = ['b']\n", list{"b"}, {}},
    {"only_comments_is_no_agents_statement", "# nothing here\n\n", std::nullopt, {}},
    {"empty_file", "", std::nullopt, {}},
    {"another_setting_is_refused",
     "AGENTS = ['self']\nDEBUG = True\n",
     {},
     agents_file_error{
         2, "expected AGENTS = ['self', 'http://host:port', ...]; nothing else is understood"}},
    {"a_name_in_the_list_is_refused",
     "AGENTS = [\n  'self',\n  HOSTS,\n]\n",
     {},
     agents_file_error{3, "expected an agent in quotes, like 'self', or ]"}},
    {"missing_comma_is_refused",
     "AGENTS = ['a'\n 'b']\n",
     {},
     agents_file_error{2, "expected , or ] after an agent"}},
    {"unclosed_list_is_refused",
     "AGENTS = ['a',\n",
     {},
     agents_file_error{2, "the list of agents is not closed with ]"}},
    {"unclosed_string_is_refused",
     "AGENTS = ['a,\n 'b']",
     {},
     agents_file_error{1, "string not closed on its line"}},
    {"a_tuple_is_refused",
     "AGENTS = ('a',)\n",
     {},
     agents_file_error{1, "expected [ to open the list of agents"}},
    {"no_equals_is_refused", "AGENTS ['a']\n", {}, agents_file_error{1, "expected = after AGENTS"}},
    {"text_after_the_list_is_refused",
     "AGENTS = ['a'] + ['b']\n",
     {},
     agents_file_error{1, "unexpected text after the closing ] of AGENTS"}},
    {"triple_quotes_are_refused",
     "AGENTS = ['''a''']\n",
     {},
     agents_file_error{1, "triple-quoted strings are not supported; quote each agent once"}},
    {"other_escapes_are_refused",
     "AGENTS = ['a\\nb']\n",
     {},
     agents_file_error{1, "unsupported escape \\n in an agent"}},
};

class agents_file : public testing::TestWithParam<file_case> {};

TEST_P(agents_file, reads_the_list_or_names_the_line) {
  const auto& row = GetParam();
  const auto got = parse_agents_file(row.text);
  EXPECT_EQ(got.agents, row.agents);
  EXPECT_EQ(got.error, row.error);
  if (got.error) {
    EXPECT_EQ(got.error->line, row.error->line);
    EXPECT_EQ(got.error->message, row.error->message);
  }
}

INSTANTIATE_TEST_SUITE_P(table, agents_file, testing::ValuesIn(file_cases),
                         test::case_name<file_case>);

TEST(agents_list, splits_on_commas_and_trims) {
  EXPECT_EQ(split_agents_list("self, http://n2:1080 ,,http://n3:1080,"),
            (list{"self", "http://n2:1080", "http://n3:1080"}));
  EXPECT_EQ(split_agents_list(""), list{});
  EXPECT_EQ(split_agents_list("self"), list{"self"});
}

TEST(agents_list, accepts_self_and_http_urls_only) {
  EXPECT_EQ(agent_problem("self"), std::nullopt);
  EXPECT_EQ(agent_problem("http://node2:1080"), std::nullopt);
  EXPECT_EQ(agent_problem("http://[::1]:1080/base"), std::nullopt);
  EXPECT_EQ(agent_problem("https://node2"), std::nullopt);
  for (const char* bad : {"node2:1080", "ftp://node2", "http://", "Self", "/gpu_status", "",
                          "http://node2/?x=1", "http://node2/#top"})
    EXPECT_EQ(agent_problem(bad),
              "agent " + std::string(bad) + " is neither self nor a URL like http://node2:1080")
        << bad;
}

TEST(agents_list, a_refused_agent_stays_on_one_line) {
  // The message is the one line smistat prints before it exits; a stray \r from a Windows-edited
  // environment file must not split it.
  EXPECT_EQ(agent_problem("node2\r=x\n"),
            "agent node2\\r=x\\n is neither self nor a URL like http://node2:1080");
}

}  // namespace
}  // namespace smistat::config_detail
