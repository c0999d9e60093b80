#pragma once
// A Grafana dashboard opened against a live Prometheus the way a user opens it: each variable
// chosen in turn from what it offers, then every panel query run with those choices.

#include <map>
#include <optional>
#include <set>
#include <string>

#include "tests/contracts/prometheus/grafana_dashboard.hpp"
#include "tests/contracts/prometheus/prometheus_server.hpp"

namespace smistat::test {

/** What a variable that takes several values is set to. */
enum class multi_choice {
  all,    ///< "All": every value offered, as an overview shows them
  first,  ///< one value, as Grafana sets it in each copy of a repeated row
};

class dashboard_session {
 public:
  dashboard_session(const prometheus_server& prom, grafana_dashboard dashboard);

  /** Chooses each variable in order, with the ones before it already chosen: the first value
   *  offered, or where several values may be chosen as `multi` says ("All" is Grafana's
   *  `(a|b|...)`). Waits up to 30 s for each to offer something; returns the name of the first
   *  that offers nothing, or nullopt once all are chosen. */
  std::optional<std::string> choose_variables(multi_choice multi);

  /** What `target` sends to Prometheus: its expr with the choices and Grafana's built-ins. */
  std::string query_of(const dashboard_target& target) const;

  /** What `variable` offers with the choices made so far (its regex applied). */
  std::set<std::string> offered(const dashboard_variable& variable) const;

  const grafana_dashboard& dashboard() const noexcept { return dashboard_; }
  const std::map<std::string, std::string>& chosen() const noexcept { return chosen_; }

 private:
  const prometheus_server& prom_;
  grafana_dashboard dashboard_;
  std::map<std::string, std::string> chosen_;
};

}  // namespace smistat::test
