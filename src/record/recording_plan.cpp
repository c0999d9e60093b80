#include "src/record/recording_plan.hpp"

#include "parsers/help_query_gpu.hpp"

namespace smistat::record {

std::vector<recording_step> static_steps() {
  return {
      {"version.txt", {"--version"}},
      {"help-query-gpu.txt", {"--help-query-gpu"}},
      {"help-query-compute-apps.txt", {"--help-query-compute-apps"}},
      {"list-gpus.txt", {"-L"}},
  };
}

std::vector<recording_step> state_steps(std::string_view state, std::string_view help_query_gpu) {
  const std::string suffix = "." + std::string(state);
  std::vector<recording_step> steps;
  std::string fields;
  for (const auto& field : parsers::parse_help_query_gpu(help_query_gpu).fields)
    fields += (fields.empty() ? "" : ",") + field.name;
  if (!fields.empty())
    steps.push_back({"query-gpu" + suffix + ".csv", {"--query-gpu=" + fields, "--format=csv"}});
  steps.push_back({"compute-apps" + suffix + ".csv",
                   {"--query-compute-apps=" + std::string(compute_apps_fields), "--format=csv"}});
  steps.push_back({"banner" + suffix + ".txt", {}});
  steps.push_back({"q" + suffix + ".txt", {"-q"}});
  // The format most monitoring agents read (telegraf, netdata, node-nvidia-smi).
  steps.push_back({"q-x" + suffix + ".xml", {"-q", "-x"}});
  return steps;
}

std::string command_line(const recording_step& step) {
  std::string line = "nvidia-smi";
  for (const auto& arg : step.args) {
    // The all-fields list runs to thousands of characters; its name says enough.
    line += ' ';
    line += arg.starts_with("--query-gpu=") ? "--query-gpu=<every field of --help-query-gpu>" : arg;
  }
  return line;
}

}  // namespace smistat::record
