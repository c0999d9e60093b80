#pragma once
// Answers nvidia-smi command lines from a recorded machine folder (fixtures/<machine>/), the
// way the driver would: `--query-gpu` output is cut from the recorded all-fields CSV for the
// asked names (aliases included) in the asked format, and unknown names are rejected.

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "parsers/help_query_gpu.hpp"
#include "tests/collect/fake_runner.hpp"

namespace smistat::test {

class smi_emulator {
 public:
  /** `state` picks `query-gpu.<state>.csv` and `compute-apps.<state>.csv`. */
  explicit smi_emulator(const std::filesystem::path& machine, std::string state = "idle");

  /** Answers one run; usable as a fake_runner responder. */
  scripted_run operator()(const std::vector<std::string>& args) const;

  /** Names the query rejects although --help-query-gpu lists them. */
  std::set<std::string> rejected;
  /** The plain `nvidia-smi` text when the folder has no banner recording. */
  std::string banner;

  /** The recorded value of `field` (name or alias) for GPU row `row`, units stripped. */
  std::string value(std::size_t row, const std::string& field) const;

 private:
  scripted_run query_gpu(const std::string& names, const std::string& format) const;
  scripted_run compute_apps(const std::string& names, const std::string& format) const;
  std::string read(const std::string& name) const;

  std::filesystem::path dir_;
  std::string state_;
  parsers::query_field_catalog catalog_;
};

/** Cuts columns `names` out of `--format=csv` text (header with units) into `format`. */
std::string cut_columns(const std::string& csv, const std::vector<std::string>& names,
                        const std::string& format);

}  // namespace smistat::test
