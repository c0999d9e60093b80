#include "src/collect/smi_commands.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

namespace smistat::collect {

namespace {

runner::run_request make_request(const collector_options& o, std::vector<std::string> args) {
  runner::run_request r;
  r.program = o.program;
  r.args = std::move(args);
  r.timeout = o.run_timeout;
  return r;
}

template <class Range, class Project>
std::string join(const Range& items, Project project) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ',';
    out += project(item);
  }
  return out;
}

std::string format_arg() { return "--format=" + std::string(sample_format); }

std::string period_arg(seconds period) {
  // nvidia-smi takes whole milliseconds; below 1 ms it would spin.
  return std::to_string(std::max<long long>(
      1, std::chrono::duration_cast<std::chrono::milliseconds>(period).count()));
}

std::string loop_period_arg(const collector_options& o) { return period_arg(o.refresh_interval); }

}  // namespace

runner::run_request version_request(const collector_options& o) {
  return make_request(o, {"--version"});
}

runner::run_request banner_request(const collector_options& o) { return make_request(o, {}); }

runner::run_request list_gpus_request(const collector_options& o) {
  return make_request(o, {"-L"});
}

runner::run_request help_query_gpu_request(const collector_options& o) {
  return make_request(o, {"--help-query-gpu"});
}

runner::run_request query_gpu_request(const collector_options& o,
                                      std::span<const parsers::resolved_field> fields) {
  auto names = join(fields, [](const parsers::resolved_field& f) { return f.query_name; });
  return make_request(o, {"--query-gpu=" + names, format_arg()});
}

std::vector<std::string> loop_query_args(const collector_options& o,
                                         std::span<const parsers::resolved_field> fields) {
  auto names = join(fields, [](const parsers::resolved_field& f) { return f.query_name; });
  return {"--query-gpu=" + names, format_arg(), "-lms", loop_period_arg(o)};
}

runner::run_request compute_apps_request(const collector_options& o) {
  auto names = join(parsers::default_compute_app_fields(),
                    [](std::string_view f) { return std::string(f); });
  return make_request(o, {"--query-compute-apps=" + names, format_arg()});
}

std::vector<std::string> loop_compute_apps_args(const collector_options& o) {
  auto args = compute_apps_request(o).args;
  args.emplace_back("-lms");
  args.push_back(loop_period_arg(o));
  return args;
}

runner::run_request query_details_request(const collector_options& o) {
  return make_request(o, {"-q"});
}

std::vector<std::string> loop_details_args(const collector_options& o) {
  return {"-q", "-lms", period_arg(o.details_interval)};
}

std::vector<std::string> compute_app_fields() {
  std::vector<std::string> out;
  for (auto f : parsers::default_compute_app_fields()) out.emplace_back(f);
  return out;
}

}  // namespace smistat::collect
