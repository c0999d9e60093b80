// Reading a Grafana dashboard's model the way Grafana does: the forms of variable references,
// variable queries and regexes the pinned anchor dashboards use, and their panels counted as
// Grafana shows them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "tests/contracts/prometheus/grafana_dashboard.hpp"
#include "tests/contracts/prometheus/grafana_variable_regex.hpp"

namespace smistat::test {
namespace {

std::filesystem::path anchor_path(const std::string& file) {
  return std::filesystem::path(SMISTAT_FIXTURES_DIR).parent_path() /
         "tests/contracts/prometheus/anchor_dashboards" / file;
}

const dashboard_panel* panel_titled(const grafana_dashboard& d, const std::string& title) {
  const auto it = std::find_if(d.panels.begin(), d.panels.end(),
                               [&](const auto& p) { return p.title == title; });
  return it == d.panels.end() ? nullptr : &*it;
}

TEST(grafana_dashboard_model, every_reference_form_is_substituted) {
  const std::map<std::string, std::string> values{{"gpu", "0"}, {"node", "h:1"}};
  EXPECT_EQ(
      substitute_variables(R"(x{gpu="$gpu",a="${gpu}",b="${gpu:regex}",c="[[gpu]]"})", values),
      R"(x{gpu="0",a="0",b="0",c="0"})");
  EXPECT_EQ(substitute_variables(R"(y{instance="$node"})", values), R"(y{instance="h:1"})");
}

TEST(grafana_dashboard_model, a_name_is_taken_whole) {
  const std::map<std::string, std::string> values{{"gpu", "0"}};
  EXPECT_EQ(substitute_variables("label_join(x, \"$gpu_label\", $gpu)", values),
            "label_join(x, \"$gpu_label\", 0)");
  EXPECT_EQ(substitute_variables(R"q(label_replace(x, "p", "$1", "q", "(.*)"))q", values),
            R"q(label_replace(x, "p", "$1", "q", "(.*)"))q");
}

TEST(grafana_dashboard_model, builtins_give_a_range_prometheus_reads) {
  EXPECT_EQ(substitute_variables("rate(e[$__rate_interval]) + increase(e[$__range])",
                                 grafana_builtin_variables()),
            "rate(e[1m]) + increase(e[1h])");
}

TEST(grafana_dashboard_model, unresolved_variables_are_found_and_group_references_are_not) {
  EXPECT_EQ(unresolved_variable(R"(x{instance="$node"})").value_or(""), "node");
  EXPECT_EQ(unresolved_variable("x{a=\"[[job]]\"}").value_or(""), "job");
  EXPECT_FALSE(unresolved_variable(R"q(label_replace(x, "p", "$1", "q", "^(.*)$"))q"));
}

TEST(grafana_dashboard_model, named_value_group_picks_the_value) {
  const std::string regex = R"(/gpu_label="(?<text>[^"]+)|uuid="(?<value>[^"]+)/g)";
  const std::vector<std::string> series{
      R"q(nvidia_smi_gpu_info{gpu_label="NVIDIA H100 #0 (00000000)",uuid="00-1"} 1 5)q",
      R"q(nvidia_smi_gpu_info{gpu_label="NVIDIA H100 #1 (00000000)",uuid="00-2"} 1 5)q",
      "no labels at all"};
  EXPECT_EQ(apply_variable_regex(regex, series), (std::set<std::string>{"00-1", "00-2"}));
}

TEST(grafana_dashboard_model, first_group_or_whole_value_without_named_groups) {
  EXPECT_EQ(apply_variable_regex("/host-(\\d+)/", {"host-1", "host-22", "other"}),
            (std::set<std::string>{"1", "22"}));
  EXPECT_EQ(apply_variable_regex("/^h/i", {"Host", "other"}), (std::set<std::string>{"Host"}));
  EXPECT_EQ(apply_variable_regex("", {"b", "a"}), (std::set<std::string>{"a", "b"}));
}

TEST(grafana_dashboard_model, dcgm_12239_has_eight_panels_and_multi_value_variables) {
  const auto d = load_grafana_dashboard(anchor_path("dcgm-exporter-12239.json"));
  EXPECT_EQ(d.panels.size(), 8u);
  ASSERT_EQ(d.variables.size(), 2u);
  EXPECT_EQ(d.variables[0].name, "instance");
  EXPECT_EQ(d.variables[0].expr, "DCGM_FI_DEV_GPU_TEMP");
  EXPECT_EQ(d.variables[0].label, "instance");
  EXPECT_TRUE(d.variables[0].multi);
}

TEST(grafana_dashboard_model, exporter_14574_v1_9_reads_object_queries) {
  const auto d = load_grafana_dashboard(anchor_path("nvidia_gpu_exporter-14574-v1.9.json"));
  EXPECT_EQ(d.panels.size(), 23u);
  ASSERT_EQ(d.variables.size(), 3u);
  EXPECT_EQ(d.variables[2].expr, R"(nvidia_smi_index{instance="$node"})");
  EXPECT_EQ(d.variables[2].label, "uuid");
  EXPECT_FALSE(d.variables[2].multi);
  const auto* throttle = panel_titled(d, "Throttle Reasons");
  ASSERT_NE(throttle, nullptr);
  EXPECT_EQ(throttle->targets.size(), 7u);
}

TEST(grafana_dashboard_model, exporter_14574_v1_14_reads_collapsed_rows_and_query_result) {
  const auto d = load_grafana_dashboard(anchor_path("nvidia_gpu_exporter-14574-v1.14.json"));
  EXPECT_EQ(d.panels.size(), 40u);
  // In the collapsed "Clocks" row.
  EXPECT_NE(panel_titled(d, "Graphics Clock Speed"), nullptr);
  ASSERT_EQ(d.variables.size(), 3u);
  EXPECT_EQ(d.variables[2].kind, variable_query_kind::query_result);
  EXPECT_EQ(d.variables[2].regex, R"(/gpu_label="(?<text>[^"]+)|uuid="(?<value>[^"]+)/g)");
}

TEST(grafana_dashboard_model, overview_25547_has_twenty_two_panels) {
  const auto d = load_grafana_dashboard(anchor_path("nvidia_gpu_exporter-25547-v1.14.json"));
  EXPECT_EQ(d.panels.size(), 22u);
  const auto* table = panel_titled(d, "GPUs");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->targets.size(), 9u);
  EXPECT_TRUE(d.variables.back().multi);
}

}  // namespace
}  // namespace smistat::test
