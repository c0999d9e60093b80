// The static facts and the failure texts: --help-query-gpu, -L, the banner, -q, --version and
// what nvidia-smi prints when it fails. Each parser must take any text; the properties are the
// promises their headers make about what they return.
#include <cmath>
#include <string>

#include "fuzz/check.hpp"
#include "fuzz/entries.hpp"
#include "parsers/banner.hpp"
#include "parsers/csv_dialect.hpp"
#include "parsers/help_query_gpu.hpp"
#include "parsers/list_gpus.hpp"
#include "parsers/query_details.hpp"
#include "parsers/query_fields.hpp"
#include "parsers/smi_failure.hpp"
#include "parsers/version.hpp"

namespace smistat::fuzz {
namespace {

using namespace smistat::parsers;

bool starts_with_digit(std::string_view s) { return !s.empty() && s[0] >= '0' && s[0] <= '9'; }

bool is_printable_word(std::string_view s) {
  for (const char c : s)
    if (c <= ' ' || c >= '\x7f') return false;
  return !s.empty();
}

bool is_word(std::string_view s) {
  return !s.empty() && s.find_first_of(" \t\r\n\"") == std::string_view::npos;
}

// A version read from a banner: empty, or a blank-free word starting with a digit.
void expect_version_word(std::string_view v, std::string_view what) {
  expect(v.empty() || (starts_with_digit(v) && v.find_first_of(" |") == std::string_view::npos),
         what, v);
}

}  // namespace

void help_query_gpu(std::string_view input) {
  const auto catalog = parse_help_query_gpu(input);
  for (const auto& f : catalog.fields) {
    expect(is_printable_word(f.name), "a field name is one printable word", f.name);
    expect(catalog.find(f.name) != nullptr, "every field is found by its name", f.name);
    for (const auto& alias : f.aliases) {
      expect(is_printable_word(alias) && alias != f.name, "an alias is another word", alias);
      expect(catalog.find(alias) != nullptr, "every alias is found", alias);
    }
  }
  // The collector asks for what resolve_query_fields returns: only names the driver knows.
  for (const auto& r : resolve_query_fields(catalog))
    expect(catalog.fields.empty() || catalog.find(r.query_name) != nullptr,
           "resolved names are in the catalog", r.query_name);
}

void list_gpus(std::string_view input) {
  const auto list = parse_list_gpus(input);
  std::size_t accounted = list.unrecognized.size();
  for (const auto& gpu : list.gpus) {
    expect(gpu.index >= 0 && !gpu.name.empty() && !gpu.uuid.empty(), "a listed GPU is whole",
           gpu.name);
    accounted += 1 + gpu.mig_devices.size();
  }
  expect(accounted == split_lines(input).size(), "every line is a GPU, a MIG device or kept");
}

void banner(std::string_view input) {
  const auto info = parse_banner(input);
  if (!info) return;
  expect(!info->nvidia_smi_version.empty(), "a banner has an nvidia-smi version");
  expect_version_word(info->nvidia_smi_version, "the nvidia-smi version is a version");
  expect_version_word(info->driver_version, "the driver version is a version or empty");
  expect_version_word(info->cuda_version, "the CUDA version is a version or empty");
}

void query_details(std::string_view input) {
  for (const auto& gpu : parse_query_details(input)) {
    expect(is_word(gpu.bus_id), "a section's bus id is one word", gpu.bus_id);
    for (const auto& v : {gpu.tx_throughput_kb_per_sec, gpu.rx_throughput_kb_per_sec})
      expect(!v || (std::isfinite(*v) && *v >= 0), "throughput is finite and not negative");
  }
}

void version(std::string_view input) {
  const auto info = parse_version(input);
  if (!info) return;
  expect(!info->nvidia_smi_version.empty(), "a version text has an nvidia-smi version");
  for (const auto* v :
       {&info->nvidia_smi_version, &info->nvml_version, &info->driver_version, &info->cuda_version})
    expect(v->find('\n') == std::string::npos, "versions are one line", *v);
}

void smi_failure(std::string_view input) {
  for (const int exit_code : {0, 2, 6, 9, 12, 15, 255}) {
    for (const bool on_stdout : {true, false}) {
      const auto f = on_stdout ? classify_failure(exit_code, input, "")
                               : classify_failure(exit_code, "", input);
      if (exit_code == 0) {
        expect(f.kind == parsers::smi_failure::none && f.message.empty(),
               "exit 0 is never a failure");
        continue;
      }
      expect(f.kind != parsers::smi_failure::none, "a non-zero exit is a failure");
      expect(f.message.find('\n') == std::string::npos, "the message is one line", f.message);
      expect(f.message == trim(f.message), "the message is trimmed", f.message);
      expect(f.field.find('"') == std::string::npos, "a rejected field has no quote", f.field);
      (void)to_string(f.kind);
    }
  }
}

}  // namespace smistat::fuzz
