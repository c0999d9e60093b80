#include "src/record/record_command.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "src/record/record_arguments.hpp"
#include "src/record/recorder.hpp"

namespace smistat::record {
namespace {

constexpr int exit_recorded = 0;
constexpr int exit_incomplete = 1;
constexpr int exit_usage = 2;

/** Refuses a folder that holds anything, so a recording never mixes with other files by
 *  accident; --force writes over the recording's own files and leaves the rest. */
std::string check_folder(const record_options& o) {
  std::error_code ec;
  if (!std::filesystem::exists(o.dir, ec)) return {};
  if (!std::filesystem::is_directory(o.dir, ec)) return o.dir.string() + " is not a folder";
  if (!o.force && !std::filesystem::is_empty(o.dir, ec))
    return o.dir.string() + " is not empty (--force writes the recording into it anyway)";
  return {};
}

void print_masked(const recording& r, const record_options& o) {
  static const std::pair<identity_kind, const char*> names[] = {
      {identity_kind::gpu_uuid, "GPU UUIDs"},
      {identity_kind::mig_uuid, "MIG UUIDs"},
      {identity_kind::bare_uuid, "other UUIDs"},
      {identity_kind::serial, "serial numbers"},
      {identity_kind::chassis_serial, "chassis serials"},
      {identity_kind::pdi, "device ids (PDI)"},
      {identity_kind::fabric_guid, "fabric GUIDs"},
  };
  std::string line;
  for (const auto& [kind, name] : names) {
    const auto it = r.masked.find(kind);
    if (it == r.masked.end() || it->second == 0) continue;
    line += (line.empty() ? "" : ", ") + std::to_string(it->second) + " " + name;
  }
  std::printf("masked: %s\n", line.empty() ? "nothing identifying found" : line.c_str());
  for (const auto& host : o.hostnames)
    std::printf("masked: host name %s -> redacted-host\n", host.c_str());
  std::printf("kept as recorded: process names and paths; review them before sharing\n");
}

void print_summary(const recording& r, const record_options& o) {
  std::printf("recorded %zu files from %s into %s (state %s):\n", r.files.size(), o.program.c_str(),
              o.dir.string().c_str(), o.state.c_str());
  for (const auto& step : r.kept)
    std::printf("  %-30s %s\n", step.file.c_str(), command_line(step).c_str());
  for (const auto& s : r.skipped)
    std::printf("  not recorded: %s (%s: %s)\n", s.step.file.c_str(), command_line(s.step).c_str(),
                s.reason.c_str());
  print_masked(r, o);
}

bool has_file(const recording& r, const std::string& name) {
  return std::any_of(r.files.begin(), r.files.end(),
                     [&name](const recorded_file& f) { return f.name == name; });
}

}  // namespace

int run(parsed_arguments parsed) {
  if (parsed.help) {
    std::fputs(usage(), stdout);
    return exit_recorded;
  }
  if (parsed.error.empty()) parsed.error = check_folder(parsed.options);
  if (!parsed.error.empty()) {
    std::fprintf(stderr, "smistat record: %s\nrun 'smistat record --help' for usage\n",
                 parsed.error.c_str());
    return exit_usage;
  }
  auto& options = parsed.options;
  options.hostnames = local_hostnames();
  const auto recorded = record_machine(options);
  if (!recorded.start_error.empty()) {
    std::fprintf(stderr, "smistat record: %s\n", recorded.start_error.c_str());
    return exit_incomplete;
  }
  if (!recorded.files.empty()) write_recording(options.dir, recorded.files);
  print_summary(recorded, options);
  const bool complete = has_file(recorded, "list-gpus.txt") &&
                        has_file(recorded, "query-gpu." + options.state + ".csv");
  if (!complete) std::fprintf(stderr, "smistat record: -L or the GPU query was not recorded\n");
  return complete ? exit_recorded : exit_incomplete;
}

}  // namespace smistat::record
