#pragma once
// The queries of a Grafana dashboard's JSON model, as a test runs them against Prometheus:
// every panel target's PromQL and every query variable's `label_values(expr, label)`.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace smistat::test {

struct dashboard_variable {
  std::string name;   ///< as the queries write it after `$`
  std::string expr;   ///< the series selector of label_values(expr, label)
  std::string label;  ///< whose values the variable offers
};

struct dashboard_panel {
  std::string title;
  std::vector<std::string> exprs;  ///< one per target
};

struct grafana_dashboard {
  std::vector<dashboard_variable> variables;  ///< query variables, in the dashboard's order
  std::vector<dashboard_panel> panels;        ///< rows' panels included; rows themselves not
};

/** Reads `path`; throws on JSON it cannot read or a variable query other than label_values. */
grafana_dashboard load_grafana_dashboard(const std::filesystem::path& path);

/** `text` with each `$name` and `${name}` of `values` replaced by its value. Longer names are
 *  replaced first, so `$gpu` never eats the start of `$gpu_model`. */
std::string substitute_variables(std::string text,
                                 const std::map<std::string, std::string>& values);

}  // namespace smistat::test
