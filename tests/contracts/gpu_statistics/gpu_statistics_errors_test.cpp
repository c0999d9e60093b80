// Contract 000 without (good) data: the error dicts, and stale data served as data.
#include <gtest/gtest.h>

#include "src/app/publish_hooks.hpp"
#include "src/collect/snapshot_store.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_server.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_status.hpp"
#include "src/contracts/gpu_statistics/settings.hpp"
#include "tests/contracts/render_fixture.hpp"

namespace smistat::render {
namespace {

using test::sample_time;

constexpr const char* exit_9_text =
    "Failed to get GPU stats: Command '['nvidia-smi', "
    "'--query-gpu=index,name,memory.total,memory.used,memory.free,utilization.gpu,"
    "temperature.gpu,power.draw,power.limit', '--format=csv,noheader,nounits']' returned "
    "non-zero exit status 9.";

collect::snapshot failed(collect::collection_error error, bool found = true) {
  collect::snapshot s = test::empty_snapshot();
  s.facts.nvidia_smi_found = found;
  s.facts.nvidia_smi_available = found;
  s.health.last_attempt = sample_time();
  s.health.consecutive_failures = 1;
  s.health.last_error = std::move(error);
  return s;
}

// The driver is not loaded: nvidia-smi is there, but even `--version` exits 9.
collect::snapshot failed_without_version() {
  collect::snapshot s =
      failed({collect::collection_failure::driver_not_loaded, 9, "NVIDIA-SMI has failed"});
  s.facts.nvidia_smi_available = false;
  return s;
}

std::string error_dict(const std::string& text) {
  return R"({"error":")" + text + R"(","gpu_count":0,"gpus":[]})";
}

struct error_case {
  const char* what;
  collect::snapshot snapshot;
  std::string error;
};

// The original's observed no-GPU and error matrix: stats and summary carry the dict, count has a
// null time.
TEST(gpu_statistics_errors, failures_give_the_original_error_dicts) {
  const error_case cases[] = {
      {"nvidia-smi missing",
       failed({collect::collection_failure::nvidia_smi_missing, 0, "No such file or directory"},
              false),
       "nvidia-smi not available"},
      {"exit 9",
       failed({collect::collection_failure::driver_not_loaded, 9, "NVIDIA-SMI has failed"}),
       exit_9_text},
      {"exit 9, --version too", failed_without_version(), "nvidia-smi not available"},
      {"timeout",
       failed({collect::collection_failure::timed_out, 0, "nvidia-smi did not answer within 10 s"}),
       "Unexpected error: nvidia-smi did not answer within 10 s"},
      {"garbage", failed({collect::collection_failure::parse_error, 0, "ragged row"}),
       "Unexpected error: ragged row"},
      {"no attempt yet", test::empty_snapshot(), "Unexpected error: no GPU data collected yet"},
  };
  for (const auto& c : cases) {
    for (const auto& settings : {gpu_statistics_settings{}, [] {
                                   smistat::config cfg;
                                   cfg.cuda_visible_devices = "1";  // passes through unchanged
                                   return contracts::gpu_statistics_settings_from(cfg);
                                 }()}) {
      EXPECT_EQ(render_gpu_stats(c.snapshot, settings, sample_time()), error_dict(c.error))
          << c.what;
      EXPECT_EQ(render_gpu_summary(c.snapshot, settings, sample_time()), error_dict(c.error))
          << c.what;
      EXPECT_EQ(render_gpu_count(c.snapshot, settings, sample_time()),
                R"({"gpu_count":0,"timestamp":null})")
          << c.what;
    }
  }
}

TEST(gpu_statistics_errors, config_counts_zero_gpus_on_error) {
  const auto body =
      render_config(failed({collect::collection_failure::timed_out, 0, "x"}), {}, sample_time());
  EXPECT_NE(body.find(R"("total_system_gpus":0,"visible_gpu_count":0})"), std::string::npos);
}

// A failing nvidia-smi must not replace the last good sample with an error dict.
TEST(gpu_statistics_errors, stale_good_data_is_served_not_the_error) {
  collect::snapshot s = test::four_gpu_snapshot();
  s.health.last_attempt = sample_time() + std::chrono::seconds(10);
  s.health.consecutive_failures = 3;
  s.health.last_error = collect::collection_error{collect::collection_failure::driver_not_loaded, 9,
                                                  "NVIDIA-SMI has failed"};
  const auto now = sample_time() + std::chrono::seconds(11);
  EXPECT_EQ(render_gpu_stats(s, {}, now), render_gpu_stats(test::four_gpu_snapshot(), {}, now));
  EXPECT_EQ(render_gpu_count(s, {}, now),
            R"({"gpu_count":4,"timestamp":"2026-11-21T23:18:33.706334"})");
}

// A lost GPU is left out of 000's lists; the others are served normally.
TEST(gpu_statistics_errors, lost_gpus_are_left_out) {
  collect::snapshot s = test::snapshot_from_000_csv("0, A, 100, 50, 50, 10, 40, 1.0, 2.0\n");
  s.gpus.lost.push_back({"00000000:02:00.0", "GPU is lost.  Reboot the system to recover this GPU",
                         "Unable to determine the device handle for GPU 00000000:02:00.0: GPU is "
                         "lost.  Reboot the system to recover this GPU"});
  EXPECT_EQ(render_gpu_count(s, {}, sample_time()),
            R"({"gpu_count":1,"timestamp":"2026-11-21T23:18:33.706334"})");
}

// Bad memory numbers (`45.0` is not an int, as with Python's int()) cannot default: that GPU is
// left out ("Derive before defaulting"); every other bad number takes 000's default.
TEST(gpu_statistics_errors, placeholder_names_become_unknown_gpu_and_bad_numbers_default) {
  const auto s = test::snapshot_from_000_csv(
      "0, [Not Supported], 100, 45, 55, [N/A], [Unknown Error], N/A, [GPU requires reset]\n"
      "1, A, [Unknown Error], 45.0, , 5, 40, 1.0, 2.0\n"
      "[N/A], [N/A], 100 MiB, 25 MiB, 75 MiB, 7 %, 30 C, 12.5 W, 70.00 W\n");
  EXPECT_EQ(
      render_gpu_stats(s, {}, sample_time()),
      R"({"gpu_count":2,"gpus":[{"gpu_id":0,"name":"Unknown GPU","memory":{"total_mb":100,"used_mb":45,"free_mb":55,"usage_percent":45.0},"utilization_percent":0,"temperature_c":null,"power":{"draw_w":null,"limit_w":null}},{"gpu_id":0,"name":"Unknown GPU","memory":{"total_mb":100,"used_mb":25,"free_mb":75,"usage_percent":25.0},"utilization_percent":7,"temperature_c":30,"power":{"draw_w":12.5,"limit_w":70.0}}],"timestamp":"2026-11-21T23:18:33.706334"})");
}

// The original logs missing ids once per fetch. Renderers log nothing (every request renders);
// the app logs the notes once per published snapshot generation.
TEST(gpu_statistics_errors, missing_ids_are_logged_once_per_generation) {
  smistat::config cfg;
  cfg.cuda_visible_devices = "0,5";
  const auto settings = contracts::gpu_statistics_settings_from(cfg);
  collect::snapshot_store store;
  app::watch_publishes(store, app::make_snapshot_history(cfg.max_history),
                       settings.visible_gpu_ids);
  const auto missing_lines = [](const std::string& logged) {
    const std::string line =
        "GPU 5 specified in CUDA_VISIBLE_DEVICES does not exist on this system";
    std::size_t count = 0;
    for (auto at = logged.find(line); at != std::string::npos; at = logged.find(line, at + 1))
      ++count;
    return count;
  };
  for (int generation = 0; generation < 2; ++generation) {
    ::testing::internal::CaptureStderr();
    const auto s = store.publish(test::four_gpu_snapshot());
    render_gpu_stats(*s, settings, sample_time());
    render_gpu_summary(*s, settings, sample_time());
    render_gpu_count(*s, settings, sample_time());
    const std::string logged = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(missing_lines(logged), 1u) << logged;
    EXPECT_NE(logged.find("Continuing with 1 valid GPUs: [0]"), std::string::npos) << logged;
  }
}

TEST(gpu_statistics_errors, names_are_escaped) {
  const auto s = test::snapshot_from_000_csv("0, GPU \"x\" \\ y, 1, 1, 0, 1, 1, 1, 1\n");
  EXPECT_NE(render_gpu_stats(s, {}, sample_time()).find(R"("name":"GPU \"x\" \\ y")"),
            std::string::npos);
}

}  // namespace
}  // namespace smistat::render
