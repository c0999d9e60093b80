#include "src/record/recorder.hpp"

#include <boost/asio/io_context.hpp>
#include <fstream>
#include <stdexcept>
#include <utility>

#include "src/runner/process_runner.hpp"

namespace smistat::record {
namespace {

/** Runs one step to completion on a private io_context: recording is one command at a time,
 *  as a person would type them, so nvidia-smi never competes with itself. */
runner::run_result run_step(const record_options& options, const recording_step& step) {
  boost::asio::io_context context;
  runner::process_runner runner(context.get_executor());
  runner::run_request request;
  request.program = options.program;
  request.args = step.args;
  request.timeout = options.timeout;
  runner::run_result result;
  runner.async_run(std::move(request), [&result](runner::run_result r) { result = std::move(r); });
  context.run();
  return result;
}

std::string first_line(const runner::run_result& r) {
  const std::string& text = r.out.empty() ? r.err : r.out;
  return text.substr(0, text.find('\n'));
}

/** Why a finished run is not kept; empty when it is. */
std::string failure_reason(const record_options& options, const runner::run_result& r) {
  using runner::run_outcome;
  switch (r.outcome) {
    case run_outcome::exited:
      return r.exit_code == 0 ? "" : "exited " + std::to_string(r.exit_code) + ": " + first_line(r);
    case run_outcome::spawn_failed:
      return "could not start " + options.program + ": " + r.spawn_error;
    case run_outcome::timed_out:
      return "no answer within " + std::to_string(options.timeout.count() / 1000) + " s";
    case run_outcome::output_too_large: return "printed more than the runner's cap";
    case run_outcome::killed_by_signal: return "killed by signal " + std::to_string(r.signal);
  }
  return "unknown outcome";
}

/** Runs `steps` in order, keeping what exited 0 in `raw` and listing the rest in `out`. False
 *  when nvidia-smi could not be started: every other command would fail the same way. */
bool run_steps(const record_options& options, const std::vector<recording_step>& steps,
               recording& out, std::vector<recorded_file>& raw) {
  for (const auto& step : steps) {
    const auto result = run_step(options, step);
    const auto reason = failure_reason(options, result);
    if (result.outcome == runner::run_outcome::spawn_failed) {
      out.start_error = reason;
      return false;
    }
    if (!reason.empty()) {
      out.skipped.push_back({step, reason});
      continue;
    }
    raw.push_back({step.file, result.out});
    out.kept.push_back(step);
  }
  return true;
}

std::string text_of(const std::vector<recorded_file>& files, std::string_view name) {
  for (const auto& f : files)
    if (f.name == name) return f.text;
  return {};
}

}  // namespace

recording record_machine(const record_options& options) {
  recording out;
  std::vector<recorded_file> raw;
  if (!run_steps(options, static_steps(), out, raw)) return out;
  // The per-state steps need the driver's field list, which the static steps just read.
  const auto help_query_gpu = text_of(raw, "help-query-gpu.txt");
  if (help_query_gpu.empty())
    out.skipped.push_back({{"query-gpu." + options.state + ".csv", {"--query-gpu=..."}},
                           "no field list: --help-query-gpu was not recorded"});
  if (!run_steps(options, state_steps(options.state, help_query_gpu), out, raw)) return out;
  identity_mask mask(options.hostnames);
  out.files = mask_recording(std::move(raw), mask);
  for (const auto kind : all_identity_kinds) out.masked[kind] = mask.count(kind);
  return out;
}

void write_recording(const std::filesystem::path& dir, const std::vector<recorded_file>& files) {
  std::filesystem::create_directories(dir);
  for (const auto& file : files) {
    std::ofstream stream(dir / file.name, std::ios::binary | std::ios::trunc);
    stream.write(file.text.data(), static_cast<std::streamsize>(file.text.size()));
    if (!stream.flush()) throw std::runtime_error("cannot write " + (dir / file.name).string());
  }
}

}  // namespace smistat::record
