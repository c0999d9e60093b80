#pragma once
// The queries of a Grafana dashboard's JSON model, as a test runs them against Prometheus:
// every visible panel target's PromQL and every query variable (`label_values(expr, label)`,
// `label_values(label)` or `query_result(expr)`, with the variable's regex).
//
// Grafana reads several generations of its own model; the dashboards tested here span them:
// panels nested in rows (collapsed) or flat after them, the variable query as a string or as an
// object, `$var`, `${var}`, `${var:format}` and the old `[[var]]`.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace smistat::test {

enum class variable_query_kind {
  label_values,  ///< the values of `label` on the series `expr` selects
  query_result,  ///< the text of each series `expr` returns, as Grafana prints it
};

struct dashboard_variable {
  std::string name;  ///< as the queries write it after `$`
  variable_query_kind kind = variable_query_kind::label_values;
  std::string expr;    ///< the series selector (empty: any series with `label`)
  std::string label;   ///< whose values the variable offers (label_values only)
  std::string regex;   ///< Grafana's `/pattern/flags` filter on each value; empty for none
  bool multi = false;  ///< several values (or "All") can be chosen
};

struct dashboard_target {
  std::string ref_id;  ///< "A", "B", ... as the panel names its queries
  std::string expr;
};

struct dashboard_panel {
  std::string title;
  std::vector<dashboard_target> targets;  ///< the visible ones: Grafana does not run hidden ones
};

struct grafana_dashboard {
  std::vector<dashboard_variable> variables;  ///< query variables, in the dashboard's order
  std::vector<dashboard_panel>
      panels;  ///< panels with a query, rows' included; rows themselves not
};

/** Reads `path`; throws on JSON it cannot read or a variable query it does not know. */
grafana_dashboard load_grafana_dashboard(const std::filesystem::path& path);

/** `text` with each variable of `values` replaced wherever Grafana would replace it (`$name`,
 *  `${name}`, `${name:format}`, `[[name]]`). A name is taken whole, as Grafana takes it: with
 *  `gpu` known, `$gpu_label` stays as it is. */
std::string substitute_variables(const std::string& text,
                                 const std::map<std::string, std::string>& values);

/** The first variable reference left in `text` (`$1` in a label_replace is not one). */
std::optional<std::string> unresolved_variable(const std::string& text);

/** Grafana's global variables (`$__rate_interval`, `$__interval`, `$__range`, ...) as a panel
 *  showing the last hour with a one-minute step would set them. */
const std::map<std::string, std::string>& grafana_builtin_variables();

}  // namespace smistat::test
