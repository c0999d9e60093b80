#include "tests/contracts/prometheus/grafana_dashboard.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <regex>
#include <stdexcept>

#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

namespace json = boost::json;

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

/** The argument list of `head(...)`, or nullopt when `query` is not that call. */
std::optional<std::string> call_arguments(const std::string& query, const std::string& head) {
  if (query.rfind(head + "(", 0) != 0 || query.back() != ')') return std::nullopt;
  return query.substr(head.size() + 1, query.size() - head.size() - 2);
}

/** label_values(expr, label), label_values(label) and query_result(expr): the Prometheus data
 *  source's variable queries are Grafana's own syntax, not PromQL, so they are taken apart
 *  here. The label is after the last comma, since the selector may hold commas of its own. */
dashboard_variable parse_variable_query(const std::string& name, std::string query) {
  query = trimmed(query);
  dashboard_variable variable{name, variable_query_kind::label_values, {}, {}, {}, false};
  if (const auto args = call_arguments(query, "query_result")) {
    variable.kind = variable_query_kind::query_result;
    variable.expr = trimmed(*args);
  } else if (const auto label_args = call_arguments(query, "label_values")) {
    const auto comma = label_args->rfind(',');
    if (comma != std::string::npos) variable.expr = trimmed(label_args->substr(0, comma));
    variable.label =
        trimmed(comma == std::string::npos ? *label_args : label_args->substr(comma + 1));
  } else {
    throw std::runtime_error("variable " + name + ": unknown query form: " + query);
  }
  return variable;
}

std::string variable_query(const json::value& query) {
  if (query.is_string()) return std::string(query.as_string());
  return std::string(query.at("query").as_string());
}

bool flag(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

dashboard_variable read_variable(const json::object& v) {
  const std::string name(v.at("name").as_string());
  auto variable = parse_variable_query(name, variable_query(v.at("query")));
  if (const auto* regex = v.if_contains("regex"); regex && regex->is_string())
    variable.regex = std::string(regex->as_string());
  variable.multi = flag(v, "multi") || flag(v, "includeAll");
  return variable;
}

void collect_panels(const json::array& panels, std::vector<dashboard_panel>& out) {
  for (const auto& p : panels) {
    const auto& panel = p.as_object();
    // A collapsed row carries its panels inside; an open one is followed by them.
    if (const auto* nested = panel.if_contains("panels")) collect_panels(nested->as_array(), out);
    const auto* targets = panel.if_contains("targets");
    if (panel.at("type").as_string() == "row" || !targets) continue;
    dashboard_panel result{std::string(panel.at("title").as_string()), {}};
    for (const auto& t : targets->as_array()) {
      const auto& target = t.as_object();
      if (flag(target, "hide") || !target.if_contains("expr")) continue;
      result.targets.push_back({std::string(target.at("refId").as_string()),
                                std::string(target.at("expr").as_string())});
    }
    if (!result.targets.empty()) out.push_back(std::move(result));
  }
}

// Grafana's own pattern for a variable reference: ${name} or ${name:format}, [[name]] or
// [[name:format]], $name.
const std::regex& variable_reference() {
  static const std::regex pattern(R"(\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::\w+)?\]\]|\$(\w+))");
  return pattern;
}

std::string referenced_name(const std::smatch& m) {
  for (int group = 1; group <= 3; ++group)
    if (m[group].matched) return m[group].str();
  return {};
}

}  // namespace

grafana_dashboard load_grafana_dashboard(const std::filesystem::path& path) {
  const auto model = json::parse(read_file(path)).as_object();
  grafana_dashboard dashboard;
  for (const auto& v : model.at("templating").at("list").as_array()) {
    const auto type = v.at("type").as_string();
    if (type == "datasource") continue;  // the data source picker has no query
    if (type != "query")
      throw std::runtime_error("variable of unknown type " + std::string(type) + " in " +
                               path.string());
    dashboard.variables.push_back(read_variable(v.as_object()));
  }
  collect_panels(model.at("panels").as_array(), dashboard.panels);
  return dashboard;
}

std::string substitute_variables(const std::string& text,
                                 const std::map<std::string, std::string>& values) {
  std::string out;
  auto rest = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), variable_reference()), end; it != end;
       ++it) {
    const auto& m = *it;
    const auto known = values.find(referenced_name(m));
    if (known == values.end()) continue;
    out.append(rest, m[0].first);
    out += known->second;
    rest = m[0].second;
  }
  out.append(rest, text.cend());
  return out;
}

std::optional<std::string> unresolved_variable(const std::string& text) {
  for (std::sregex_iterator it(text.begin(), text.end(), variable_reference()), end; it != end;
       ++it) {
    const auto name = referenced_name(*it);
    if (!name.empty() && !std::isdigit(static_cast<unsigned char>(name.front()))) return name;
  }
  return std::nullopt;
}

const std::map<std::string, std::string>& grafana_builtin_variables() {
  static const std::map<std::string, std::string> builtins = {
      {"__interval", "1m"}, {"__interval_ms", "60000"}, {"__rate_interval", "1m"},
      {"__range", "1h"},    {"__range_s", "3600"},      {"__range_ms", "3600000"},
  };
  return builtins;
}

}  // namespace smistat::test
