#include "tests/contracts/prometheus/grafana_dashboard.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>

#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

namespace json = boost::json;

/** label_values(expr, label), the Prometheus data source's variable query: Grafana's own
 *  syntax, not PromQL, so it is taken apart here. */
dashboard_variable parse_label_values(const std::string& name, const std::string& query) {
  const std::string head = "label_values(";
  const auto comma = query.rfind(',');
  if (query.rfind(head, 0) != 0 || query.back() != ')' || comma == std::string::npos)
    throw std::runtime_error("variable " + name + ": not label_values(expr, label): " + query);
  auto label = query.substr(comma + 1, query.size() - comma - 2);
  label.erase(0, label.find_first_not_of(' '));
  return {name, query.substr(head.size(), comma - head.size()), label};
}

std::string variable_query(const json::value& query) {
  if (query.is_string()) return std::string(query.as_string());
  return std::string(query.at("query").as_string());
}

void collect_panels(const json::array& panels, std::vector<dashboard_panel>& out) {
  for (const auto& p : panels) {
    const auto& panel = p.as_object();
    if (panel.at("type").as_string() == "row") {
      if (const auto* nested = panel.if_contains("panels")) collect_panels(nested->as_array(), out);
      continue;
    }
    dashboard_panel result{std::string(panel.at("title").as_string()), {}};
    for (const auto& target : panel.at("targets").as_array())
      result.exprs.emplace_back(target.at("expr").as_string());
    out.push_back(std::move(result));
  }
}

}  // namespace

grafana_dashboard load_grafana_dashboard(const std::filesystem::path& path) {
  const auto model = json::parse(read_file(path)).as_object();
  grafana_dashboard dashboard;
  for (const auto& v : model.at("templating").at("list").as_array()) {
    if (v.at("type").as_string() != "query") continue;  // the data source picker has no query
    const std::string name(v.at("name").as_string());
    dashboard.variables.push_back(parse_label_values(name, variable_query(v.at("query"))));
  }
  collect_panels(model.at("panels").as_array(), dashboard.panels);
  return dashboard;
}

std::string substitute_variables(std::string text,
                                 const std::map<std::string, std::string>& values) {
  std::vector<std::pair<std::string, std::string>> by_length(values.begin(), values.end());
  std::sort(by_length.begin(), by_length.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (const auto& [name, value] : by_length) {
    for (const auto& token : {"${" + name + "}", "$" + name}) {
      for (auto at = text.find(token); at != std::string::npos;
           at = text.find(token, at + value.size()))
        text.replace(at, token.size(), value);
    }
  }
  return text;
}

}  // namespace smistat::test
