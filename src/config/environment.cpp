#include "src/config/environment.hpp"

#include <unistd.h>

#include <cctype>

#include "src/config/config.hpp"
#include "src/config/option_table.hpp"

namespace smistat {
namespace config_detail {

std::string smistat_env_name(std::string_view option) {
  std::string name = "SMISTAT_";
  for (const char c : option)
    name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

layer env_layer(const env_map& vars, env_names names, const std::string& where) {
  const bool smistat_names = names == env_names::smistat;
  layer out;
  for (const option_spec& s : option_table()) {
    const std::string key = smistat_names ? smistat_env_name(s.name) : std::string(s.plain_env);
    const auto it = key.empty() ? vars.end() : vars.find(key);
    if (it == vars.end()) continue;
    out.emplace(s.name,
                raw_value{std::string(s.name), it->second, "from " + key + where, !smistat_names});
  }
  return out;
}

std::optional<std::string> cuda_visible_devices(const env_map& environment,
                                                const env_map& dotenv_values) {
  // Taken raw: the /gpu endpoints parse it the way gpu_server.py does, quirks included.
  constexpr std::string_view key = "CUDA_VISIBLE_DEVICES";
  if (const auto it = environment.find(std::string(key)); it != environment.end())
    return it->second;
  if (const auto it = dotenv_values.find(std::string(key)); it != dotenv_values.end())
    return it->second;
  return std::nullopt;
}

}  // namespace config_detail

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> out;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text = *entry;
    const auto eq = text.find('=');
    if (eq != std::string_view::npos) out.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  return out;
}

}  // namespace smistat
