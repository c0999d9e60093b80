#include "parsers/smi_failure.hpp"

#include <gtest/gtest.h>

namespace smistat::parsers {
namespace {

struct failure_case {
  const char* name;
  int exit_code;
  std::string_view out;
  std::string_view err;
  smi_failure want;
};

TEST(smi_failure, texts_and_exit_codes_classify) {
  const failure_case cases[] = {
      {"success", 0, "0, 35 %\n", "", smi_failure::none},
      {"success with a lost line", 0,
       "Unable to determine the device handle for GPU 0000:03:00.0: Unknown Error\n", "",
       smi_failure::none},
      {"driver text on stderr only", 9, "",
       "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n",
       smi_failure::driver_not_loaded},
      {"exit 9 without text", 9, "", "", smi_failure::driver_not_loaded},
      {"exit 12 without text", 12, "", "", smi_failure::nvml_library_missing},
      {"exit 6 without text", 6, "", "", smi_failure::no_devices},
      {"exit 15 without text", 15, "", "", smi_failure::gpu_lost},
      {"exit 2 without text", 2, "", "", smi_failure::unknown},
      {"unknown text", 255, "Something new went wrong\n", "", smi_failure::unknown},
      {"crlf text", 255, "Failed to initialize NVML: Unknown Error\r\n", "",
       smi_failure::nvml_unknown_error},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(classify_failure(c.exit_code, c.out, c.err).kind, c.want);
  }
}

TEST(smi_failure, message_is_the_meaningful_line) {
  const auto f = classify_failure(255, "\n  Something new went wrong  \nsecond line\n", "");
  EXPECT_EQ(f.message, "Something new went wrong");
  EXPECT_EQ(classify_failure(255, "", "only on stderr\n").message, "only on stderr");
  const auto mismatch = classify_failure(
      255,
      "Failed to initialize NVML: Driver/library version mismatch\nNVML library version: 570.124\n",
      "");
  EXPECT_EQ(mismatch.kind, smi_failure::version_mismatch);
  EXPECT_EQ(mismatch.message, "Failed to initialize NVML: Driver/library version mismatch");
}

TEST(smi_failure, invalid_field_names_the_field) {
  const auto f = classify_failure(
      2, "Field \"clocks_throttle_reasons.unknown\" is not a valid field to query.\n\n", "");
  EXPECT_EQ(f.kind, smi_failure::invalid_field);
  EXPECT_EQ(f.field, "clocks_throttle_reasons.unknown");
}

TEST(smi_failure, names_are_stable) {
  const std::pair<smi_failure, std::string_view> names[] = {
      {smi_failure::none, "none"},
      {smi_failure::driver_not_loaded, "driver_not_loaded"},
      {smi_failure::nvml_library_missing, "nvml_library_missing"},
      {smi_failure::no_devices, "no_devices"},
      {smi_failure::gpu_lost, "gpu_lost"},
      {smi_failure::invalid_field, "invalid_field"},
      {smi_failure::insufficient_permissions, "insufficient_permissions"},
      {smi_failure::version_mismatch, "version_mismatch"},
      {smi_failure::nvml_unknown_error, "nvml_unknown_error"},
      {smi_failure::unknown, "unknown"},
  };
  for (const auto& [kind, name] : names) EXPECT_EQ(to_string(kind), name);
}

}  // namespace
}  // namespace smistat::parsers
