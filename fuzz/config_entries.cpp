// The configuration sources: `.env` text, a config file, the process environment. Each input
// goes through its source and then through precedence and validation, and ends as a config or as
// a config_error whose message is one non-empty line (it is printed as the one line smistat
// says before it exits). Any other exception escaping is a finding.
#include <unistd.h>

#include <string>
#include <vector>

#include "fuzz/check.hpp"
#include "fuzz/entries.hpp"
#include "fuzz/memory_file.hpp"
#include "src/config/config.hpp"
#include "src/config/config_file.hpp"
#include "src/config/dotenv.hpp"
#include "src/config/dotenv_file.hpp"
#include "src/config/environment.hpp"
#include "src/config/merge.hpp"
#include "src/config/validate.hpp"

namespace smistat::fuzz {
namespace {

using namespace smistat::config_detail;

/** Runs `read_sources`, then merges and validates what it found. */
template <class ReadSources>
void expect_config_or_one_line_error(ReadSources read_sources) {
  try {
    sources found;
    read_sources(found);
    (void)validated(merge(found));
  } catch (const config_error& e) {
    expect_one_line(e.what(), "a config_error is one line");
  }
}

// What a `.env` may refer to with ${VAR}.
const env_map& sample_environment() {
  static const env_map environment{{"HOME", "/root"}, {"PORT", "9000"}, {"EMPTY", ""}};
  return environment;
}

void check_dotenv_grammar(std::string_view text) {
  const dotenv::parsed parsed = dotenv::parse(text);
  std::size_t previous = 0;
  for (const std::size_t line : parsed.bad_lines) {
    expect(line > previous, "bad lines are reported once each, in order");
    previous = line;
  }
  const auto resolved = dotenv::resolve(parsed.bindings, sample_environment());
  for (const auto& [key, value] : resolved) {
    bool bound = false;
    for (const auto& b : parsed.bindings) bound = bound || b.key == key;
    expect(bound, "resolve() sets only keys the file binds", key);
  }
}

/** NUL-separated entries, as in /proc/<pid>/environ, installed as `environ` while the real
 *  process_environment() reads them. */
env_map environment_from(std::string_view input) {
  std::vector<std::string> entries;
  for (;;) {
    const auto nul = input.find('\0');
    entries.emplace_back(input.substr(0, nul));
    if (nul == std::string_view::npos) break;
    input.remove_prefix(nul + 1);
  }
  std::vector<char*> pointers;
  for (auto& e : entries) pointers.push_back(e.data());
  pointers.push_back(nullptr);
  char** const saved = environ;
  environ = pointers.data();
  env_map out = process_environment();
  environ = saved;
  return out;
}

}  // namespace

void config_dotenv(std::string_view input) {
  check_dotenv_grammar(input);
  const memory_file file(input);
  expect_config_or_one_line_error([&](sources& found) {
    const dotenv_file dotenv = read_dotenv(file.path(), sample_environment());
    for (const auto& w : dotenv.warnings) expect_one_line(w, "a .env warning is one line");
    found.dotenv_plain = env_layer(dotenv.values, env_names::plain, " in .env");
    found.dotenv_smistat = env_layer(dotenv.values, env_names::smistat, " in .env");
  });
}

void config_file(std::string_view input) {
  const memory_file file(input);
  expect_config_or_one_line_error([&](sources& found) {
    found.config_file = config_file_layer(raw_value{"config", file.path(), "from --config"});
  });
}

void config_environment(std::string_view input) {
  const env_map environment = environment_from(input);
  (void)cuda_visible_devices(environment, {});
  expect_config_or_one_line_error([&](sources& found) {
    found.environment_plain = env_layer(environment, env_names::plain, "");
    found.environment_smistat = env_layer(environment, env_names::smistat, "");
  });
}

}  // namespace smistat::fuzz
