#include "src/cli/record_subcommand.hpp"

#include <chrono>
#include <utility>

#include "src/record/record_command.hpp"

namespace smistat::cli {
namespace {

/** The recorder's spelling of each shared setting, and the server's name for it. */
tool_command_line shared_settings(const std::map<std::string, std::string>& given) {
  tool_command_line out;
  for (const auto& [name, text] : given) {
    if (name == "config")
      out.config_file = text;
    else
      out.values.emplace(name == "timeout" ? "collect-timeout" : name, tool_value{name, text});
  }
  return out;
}

}  // namespace

int run_record(const invocation& in) {
  auto parsed = record::parse_arguments(in.args);
  if (parsed.help || !parsed.error.empty()) return record::run(std::move(parsed));
  try {
    const machine_source source =
        read_machine_source(shared_settings(parsed.shared), in.environment);
    parsed.options.program = source.collection.program;
    // -q takes seconds on big hosts: the recorder keeps its own longer default unless a source
    // sets the deadline.
    if (source.timeout_set) parsed.options.timeout = source.timeout;
  } catch (const usage_error& e) {
    parsed.error = e.what();
  }
  return record::run(std::move(parsed));
}

}  // namespace smistat::cli
