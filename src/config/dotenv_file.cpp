#include "src/config/dotenv_file.hpp"

#include <cstddef>
#include <optional>
#include <system_error>

#include "src/config/config.hpp"
#include "src/config/dotenv.hpp"
#include "src/config/read_file.hpp"

namespace smistat::config_detail {

dotenv_file read_dotenv(const std::string& path, const env_map& environment) {
  std::optional<std::string> text;
  try {
    text = read_optional_file(path);
  } catch (const std::system_error& e) {
    throw config_error("cannot read " + in_quotes(path) +
                       " (the .env file): expected a readable file "
                       "or none (" +
                       e.code().message() + ")");
  }
  if (!text) return {};
  const dotenv::parsed parsed = dotenv::parse(*text);
  dotenv_file out{dotenv::resolve(parsed.bindings, environment), {}};
  for (const std::size_t line : parsed.bad_lines)
    out.warnings.push_back("ignoring line " + std::to_string(line) + " of " + path +
                           ": expected KEY=value");
  return out;
}

}  // namespace smistat::config_detail
