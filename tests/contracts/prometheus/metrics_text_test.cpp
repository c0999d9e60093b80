#include "src/contracts/prometheus/metrics_text.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace smistat::render {
namespace {

struct escape_case {
  std::string input;
  std::string label_value;
  std::string help;
};

TEST(MetricsText, EscapesLabelValuesAndHelp) {
  const escape_case cases[] = {
      {"plain", "plain", "plain"},
      {R"(back\slash)", R"(back\\slash)", R"(back\\slash)"},
      {R"(say "hi")", R"(say \"hi\")", R"(say "hi")"},
      {"two\nlines", R"(two\nlines)", R"(two\nlines)"},
      {"\\\"\n", R"(\\\"\n)", "\\\\\"\\n"},
      {"", "", ""},
      {"NVIDIA GeForce RTX 2080 SUPER", "NVIDIA GeForce RTX 2080 SUPER",
       "NVIDIA GeForce RTX 2080 SUPER"},
      {"tab\tand unicode \xc2\xb0", "tab\tand unicode \xc2\xb0", "tab\tand unicode \xc2\xb0"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(escape_label_value(c.input), c.label_value) << c.input;
    EXPECT_EQ(escape_help(c.input), c.help) << c.input;
  }
}

TEST(MetricsText, FormatsValuesLikeGoClients) {
  const std::pair<double, std::string> cases[] = {
      {0, "0"},
      {1, "1"},
      {-1, "-1"},
      {700, "700"},
      {631.95, "631.95"},
      {0.11, "0.11"},
      {999999, "999999"},
      {1e6, "1e+06"},
      {1.98e9, "1.98e+09"},
      {85520809984, "8.5520809984e+10"},
      {0.0001, "0.0001"},
      {0.00001, "1e-05"},
      {1.5e-7, "1.5e-07"},
      {1e100, "1e+100"},
      {-2.5e6, "-2.5e+06"},
      {std::numeric_limits<double>::infinity(), "+Inf"},
      {-std::numeric_limits<double>::infinity(), "-Inf"},
      {std::nan(""), "NaN"},
  };
  for (const auto& [v, text] : cases) EXPECT_EQ(format_sample_value(v), text) << v;
}

TEST(MetricsText, FamilyWritesHelpTypeAndEscapedLabelsOnce) {
  metric_family f("gpu_thing", metric_type::gauge, "Help with \\ and\nnewline.");
  f.add({{"gpu", "0"}, {"modelName", "A \"quoted\" name"}}, 1.5);
  f.add({{"gpu", "1"}, {"modelName", "back\\slash"}}, 2);
  std::string out;
  f.write(out);
  EXPECT_EQ(out,
            "# HELP gpu_thing Help with \\\\ and\\nnewline.\n"
            "# TYPE gpu_thing gauge\n"
            "gpu_thing{gpu=\"0\",modelName=\"A \\\"quoted\\\" name\"} 1.5\n"
            "gpu_thing{gpu=\"1\",modelName=\"back\\\\slash\"} 2\n");
}

TEST(MetricsText, EmptyFamilyWritesNothing) {
  metric_family f("never_sampled", metric_type::counter, "No samples.");
  std::string out = "kept";
  f.write(out);
  EXPECT_TRUE(f.empty());
  EXPECT_EQ(out, "kept");
}

TEST(MetricsText, SingleSampleWithoutLabelsHasNoBraces) {
  std::string out;
  append_single(out, "smistat_up", metric_type::gauge, "Up.", {}, 1);
  EXPECT_EQ(out, "# HELP smistat_up Up.\n# TYPE smistat_up gauge\nsmistat_up 1\n");
}

}  // namespace
}  // namespace smistat::render
