#include "tests/contracts/prometheus/dashboard_session.hpp"

#include <boost/json.hpp>
#include <string_view>
#include <vector>

#include "tests/contracts/prometheus/grafana_variable_regex.hpp"

namespace smistat::test {
namespace {

/** A series as Grafana prints it for query_result: name{label="value",...} value timestamp. */
std::string series_text(const boost::json::value& series) {
  const auto& metric = series.at("metric").as_object();
  std::string text;
  if (const auto* name = metric.if_contains("__name__")) text = name->as_string();
  text += '{';
  bool first = true;
  for (const auto& [label, value] : metric) {
    if (label == "__name__") continue;
    if (!first) text += ',';
    first = false;
    text += std::string(label) + "=\"" + std::string(value.as_string()) + '"';
  }
  const auto& sample = series.at("value").as_array();
  return text + "} " + std::string(sample.at(1).as_string()) + ' ' +
         std::to_string(static_cast<long long>(sample.at(0).to_number<double>() * 1000));
}

/** Grafana's escaping of a multi-value variable's values for the Prometheus data source: each
 *  regex metacharacter behind a backslash, itself doubled inside a PromQL string. */
std::string regex_escaped(const std::string& value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\\\\\";
      continue;
    }
    if (std::string_view("$^*{}[]'+?.()|").find(c) != std::string_view::npos) out += "\\\\";
    out += c;
  }
  return out;
}

std::string all_of(const std::set<std::string>& values) {
  std::string out = "(";
  for (const auto& v : values) out += (out.size() > 1 ? "|" : "") + regex_escaped(v);
  return out + ")";
}

}  // namespace

dashboard_session::dashboard_session(const prometheus_server& prom, grafana_dashboard dashboard)
    : prom_(prom), dashboard_(std::move(dashboard)), chosen_(grafana_builtin_variables()) {}

std::set<std::string> dashboard_session::offered(const dashboard_variable& variable) const {
  const bool any_series = variable.expr.empty();
  const auto expr =
      any_series ? "{" + variable.label + "!=\"\"}" : substitute_variables(variable.expr, chosen_);
  std::vector<std::string> candidates;
  for (const auto& series : prom_.query(expr)) {
    if (variable.kind == variable_query_kind::query_result) {
      candidates.push_back(series_text(series));
    } else if (const auto* v = series.at("metric").as_object().if_contains(variable.label)) {
      candidates.emplace_back(v->as_string());
    }
  }
  return apply_variable_regex(variable.regex, candidates);
}

std::optional<std::string> dashboard_session::choose_variables(multi_choice multi) {
  for (const auto& variable : dashboard_.variables) {
    std::set<std::string> values;
    eventually([&] {
      values = offered(variable);
      return !values.empty();
    });
    if (values.empty()) return variable.name;
    const bool all = variable.multi && multi == multi_choice::all;
    chosen_[variable.name] = all ? all_of(values) : *values.begin();
  }
  return std::nullopt;
}

std::string dashboard_session::query_of(const dashboard_target& target) const {
  return substitute_variables(target.expr, chosen_);
}

}  // namespace smistat::test
