#include "src/config/validate.hpp"

#include <string>
#include <string_view>

#include "src/config/converters.hpp"
#include "src/config/option_table.hpp"

namespace smistat::config_detail {
namespace {

/** Rules that involve two options, checked once every value is known. Each names the option
 *  whose value the user most likely has to change. */
void check_combinations(const config& cfg, const layer& merged) {
  if (cfg.refresh_interval == 0 && cfg.mode != collect_mode::on_demand)
    reject(merged.at("refresh-interval"), refresh_rule);
  const std::string_view prefix = cfg.api_prefix;
  if (cfg.apply_api_prefix && !prefix.empty() && (prefix.front() != '/' || prefix.back() == '/'))
    reject(merged.at("api-prefix"),
           "expected a path like /v1 (a leading /, no trailing /) with --apply-api-prefix");
  if (!cfg.agents_file.empty() && merged.contains("agents"))
    reject(merged.at("agents-file"), "give either --agents or --agents-file, not both");
  // Alone it would protect nothing, and its user would believe the probes closed.
  if (cfg.auth_probes && !cfg.auth_all)
    reject(merged.at("auth-probes"),
           "expected only with --auth-all (it extends that to the probes)");
}

}  // namespace

config validated(const layer& merged) {
  config cfg;
  for (const option_spec& s : option_table())
    if (const auto it = merged.find(std::string(s.name)); it != merged.end())
      s.apply(cfg, it->second);
  check_combinations(cfg, merged);
  return cfg;
}

}  // namespace smistat::config_detail
