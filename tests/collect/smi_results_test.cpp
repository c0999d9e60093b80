#include "src/collect/smi_results.hpp"

#include <gtest/gtest.h>

#include "tests/collect/fake_runner.hpp"

namespace smistat::collect {
namespace {

using runner::run_outcome;
using test::ended;
using test::exited;

TEST(smi_results, run_error_kinds) {
  struct row {
    test::scripted_run run;
    const char* kind;  // nullptr: no error
    int exit_code;
    const char* message;
  };
  const row rows[] = {
      {exited(0, "0, NVIDIA H100\n"), nullptr, 0, ""},
      {ended(run_outcome::spawn_failed), "nvidia_smi_missing", 0, "No such file or directory"},
      {ended(run_outcome::timed_out), "timed_out", 0, nullptr},
      {ended(run_outcome::output_too_large), "output_too_large", 0, nullptr},
      {ended(run_outcome::killed_by_signal), "killed_by_signal", 0, nullptr},
      {exited(9,
              "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. "
              "Make sure that the latest NVIDIA driver is installed and running.\n\n"),
       "driver_not_loaded", 9,
       "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure "
       "that the latest NVIDIA driver is installed and running."},
      {exited(6, "No devices were found\n"), "no_devices", 6, "No devices were found"},
      {exited(255, "Failed to initialize NVML: Unknown Error\n"), "nvml_unknown_error", 255,
       "Failed to initialize NVML: Unknown Error"},
      {exited(3, "something new\n"), "unknown", 3, "something new"},
  };
  for (const auto& r : rows) {
    const auto e = run_error(r.run.result);
    if (!r.kind) {
      EXPECT_FALSE(e.has_value());
      continue;
    }
    ASSERT_TRUE(e.has_value()) << r.kind;
    EXPECT_EQ(name_of(e->kind), r.kind);
    EXPECT_EQ(e->exit_code, r.exit_code) << r.kind;
    if (r.message) {
      EXPECT_EQ(e->message, r.message) << r.kind;
    }
    EXPECT_FALSE(e->message.empty()) << r.kind;
  }
}

const std::vector<parsers::resolved_field> two_fields{
    {"index", "index"}, {"clocks_event_reasons.active", "clocks_throttle_reasons.active"}};

// A query that asks the same fields run after run maps its columns once; other fields, anew.
TEST(smi_results, gpu_columns_are_kept_while_the_fields_stay) {
  const auto first = gpu_columns(two_fields);
  EXPECT_EQ(first->fields(), (std::vector<std::string>{"index", "clocks_event_reasons.active"}));
  EXPECT_EQ(gpu_columns(two_fields, first), first);
  const std::vector<parsers::resolved_field> one_field{{"index", "index"}};
  const auto other = gpu_columns(one_field, first);
  EXPECT_NE(other, first);
  EXPECT_EQ(other->fields(), (std::vector<std::string>{"index"}));
}

TEST(smi_results, gpu_query_renames_columns_to_keys) {
  const auto got = read_gpu_query(exited(0, "0, 0x0000000000000001\n").result, two_fields);
  ASSERT_TRUE(got.table.has_value());
  EXPECT_FALSE(got.error.has_value());
  EXPECT_EQ(got.table->fields(),
            (std::vector<std::string>{"index", "clocks_event_reasons.active"}));
  ASSERT_NE(got.table->find(0, "clocks_event_reasons.active"), nullptr);
  EXPECT_EQ(got.table->find(0, "clocks_event_reasons.active")->raw, "0x0000000000000001");
}

TEST(smi_results, gpu_query_reports_the_rejected_field) {
  const auto got = read_gpu_query(
      exited(2, "Field \"clocks_throttle_reasons.active\" is not a valid field to query.\n\n")
          .result,
      two_fields);
  EXPECT_FALSE(got.table.has_value());
  EXPECT_EQ(got.rejected_field, "clocks_throttle_reasons.active");
  ASSERT_TRUE(got.error.has_value());
  EXPECT_EQ(got.error->kind, collection_failure::invalid_field);
}

TEST(smi_results, gpu_query_garbage_is_a_parse_error) {
  const auto got = read_gpu_query(exited(0, "garbage\n").result, two_fields);
  EXPECT_FALSE(got.table.has_value());
  ASSERT_TRUE(got.error.has_value());
  EXPECT_EQ(got.error->kind, collection_failure::parse_error);
}

TEST(smi_results, gpu_query_keeps_rows_beside_a_lost_gpu) {
  const auto got =
      read_gpu_query(exited(15,
                            "0, 0x0000000000000001\nUnable to determine the device handle for GPU "
                            "0000:03:00.0: GPU is lost.  Reboot the system to recover this GPU\n")
                         .result,
                     two_fields);
  ASSERT_TRUE(got.table.has_value());
  EXPECT_EQ(got.table->rows.size(), 1u);
  ASSERT_EQ(got.table->lost.size(), 1u);
  EXPECT_EQ(got.table->lost[0].bus_id, "0000:03:00.0");
  ASSERT_TRUE(got.error.has_value());
  EXPECT_EQ(got.error->kind, collection_failure::gpu_lost);
  EXPECT_EQ(got.error->exit_code, 15);
}

TEST(smi_results, gpu_query_with_every_gpu_lost_is_a_failure) {
  const auto got = read_gpu_query(
      exited(15,
             "Unable to determine the device handle for GPU 0000:03:00.0: GPU is lost.  Reboot "
             "the system to recover this GPU\n")
          .result,
      two_fields);
  EXPECT_FALSE(got.table.has_value());
  ASSERT_TRUE(got.error.has_value());
  EXPECT_EQ(got.error->kind, collection_failure::gpu_lost);
}

TEST(smi_results, compute_apps_keep_the_processes_beside_a_lost_gpu) {
  const auto got = read_compute_apps(
      exited(15,
             "Unable to determine the device handle for GPU 0000:2A:00.0: GPU is lost.  Reboot "
             "the system to recover this GPU\n"
             "GPU-00000000-0000-0000-0000-000000000000, 11327, /root/tools/memhog, 2566\n")
          .result);
  EXPECT_FALSE(got.error.has_value());
  ASSERT_TRUE(got.apps.has_value());
  ASSERT_EQ(got.apps->size(), 1u);
  EXPECT_EQ((*got.apps)[0].pid, 11327);
}

TEST(smi_results, compute_apps_failing_otherwise_stay_a_failure) {
  const auto got = read_compute_apps(exited(15, "some other text\n").result);
  EXPECT_FALSE(got.apps.has_value());
  ASSERT_TRUE(got.error.has_value());
  EXPECT_EQ(got.error->kind, collection_failure::gpu_lost);
}

TEST(smi_results, banner_fills_versions_even_on_a_failing_exit) {
  static_facts facts;
  auto run = exited(
      15, "| NVIDIA-SMI 465.27       Driver Version: 465.27       CUDA Version: 11.3     |\n");
  EXPECT_TRUE(apply_banner(facts, run.result));
  EXPECT_EQ(facts.driver_version, "465.27");
  EXPECT_EQ(facts.cuda_version, "11.3");
  EXPECT_FALSE(apply_banner(facts, exited(0, "no banner here\n").result));
}

TEST(smi_results, sampled_driver_version_reads_the_first_row) {
  parsers::query_table t;
  t.set_fields({"index", "driver_version"});
  t.rows = {{parsers::make_cell("0"), parsers::make_cell("590.48.01")}};
  EXPECT_EQ(sampled_driver_version(t), "590.48.01");
  t.set_fields({"index", "name"});
  EXPECT_EQ(sampled_driver_version(t), "");
}

}  // namespace
}  // namespace smistat::collect
