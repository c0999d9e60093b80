#pragma once
// load_config called the way main() calls it, from a plain list of words.

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "src/config/config.hpp"

namespace smistat::test {

using env_map = std::map<std::string, std::string>;

/** A .env path that never exists, for tests that want no .env at all. */
inline const std::string no_dotenv = "/nonexistent/smistat-test/.env";

/** Runs load_config on `smistat <args...>` with the given environment and .env path. */
inline loaded_config load(std::vector<std::string> args, const env_map& environment = {},
                          const std::string& dotenv_path = no_dotenv) {
  args.insert(args.begin(), "smistat");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);
  return load_config(static_cast<int>(args.size()), argv.data(), environment, dotenv_path);
}

/** The config load() yields, for tests that only look at values. */
inline config load_cfg(std::vector<std::string> args, const env_map& environment = {},
                       const std::string& dotenv_path = no_dotenv) {
  return load(std::move(args), environment, dotenv_path).cfg;
}

}  // namespace smistat::test
