// /gpu/history: each recorded machine as one sample, and a four-GPU history with a GPU missing
// from one sample, compared with goldens (SMISTAT_UPDATE_GOLDEN=1 rewrites them).
#include "src/contracts/smistat/gpu_history.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "tests/contracts/render_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::render {
namespace {

using namespace std::chrono_literals;
using history::history_sample;
using history::history_sample_ptr;

const std::filesystem::path golden_root = SMISTAT_GOLDEN_DIR;

history_sample_ptr sample_at(collect::snapshot s, collect::wall_clock::time_point at) {
  s.sampled_at = at;
  return std::make_shared<const history_sample>(history_sample_of(s));
}

/** Three samples a second apart; GPU 1 is lost in the second (its row is missing). */
std::vector<history_sample_ptr> four_gpu_history() {
  const auto t0 = test::sample_time();
  collect::snapshot without_gpu_1 = test::four_gpu_snapshot();
  without_gpu_1.gpus.rows.erase(without_gpu_1.gpus.rows.begin() + 1);
  return {sample_at(test::four_gpu_snapshot(), t0), sample_at(without_gpu_1, t0 + 1s),
          sample_at(test::four_gpu_snapshot(), t0 + 2s)};
}

TEST(gpu_history, every_machine_as_one_sample_matches_its_golden) {
  for (const auto& dir : test::machine_dirs()) {
    SCOPED_TRACE(dir.filename().string());
    const std::vector samples{sample_at(test::snapshot_from_machine(dir), test::sample_time())};
    EXPECT_TRUE(test::matches_golden(golden_root / dir.filename() / "gpu-history.json",
                                     render_gpu_history(samples, {100, 1.0})));
  }
}

TEST(gpu_history, a_missing_gpu_and_placeholders_are_null_never_numbers) {
  const auto samples = four_gpu_history();
  const std::string body = render_gpu_history(samples, {3, 0.5});
  EXPECT_TRUE(test::matches_golden(golden_root / "gpu-history" / "four-gpu-gap.json", body));
  const auto v = boost::json::parse(body);
  const auto& gpu1 = v.at("gpus").at(1);
  EXPECT_EQ(gpu1.at("index"), 1);
  EXPECT_TRUE(gpu1.at("utilization_percent").at(1).is_null()) << "absent in the second sample";
  EXPECT_TRUE(gpu1.at("power_w").at(0).is_null()) << "[N/A] in the table";
  EXPECT_EQ(v.at("timestamps").as_array().size(), 3u);
}

TEST(gpu_history, since_keeps_only_newer_samples) {
  const auto samples = four_gpu_history();
  const double t1 = unix_seconds(samples[1]->sampled_at);
  const auto v = boost::json::parse(render_gpu_history(samples, {3, 1.0}, t1));
  ASSERT_EQ(v.at("timestamps").as_array().size(), 1u);
  // Boost.JSON 1.81 may parse a double one unit off; the body holds the exact repr.
  EXPECT_DOUBLE_EQ(v.at("timestamps").at(0).as_double(), unix_seconds(samples[2]->sampled_at));
  EXPECT_EQ(v.at("gpus").at(0).at("utilization_percent").as_array().size(), 1u);
  const auto none = boost::json::parse(
      render_gpu_history(samples, {3, 1.0}, unix_seconds(samples[2]->sampled_at)));
  EXPECT_TRUE(none.at("timestamps").as_array().empty());
  EXPECT_TRUE(none.at("gpus").as_array().empty());
}

TEST(gpu_history, an_empty_history_still_has_its_shape) {
  EXPECT_EQ(render_gpu_history({}, {0, 2.0}),
            R"({"max_history":0,"interval_seconds":2.0,"timestamps":[],"gpus":[]})");
}

std::shared_ptr<const history::history_gpu_label> label(const char* uuid, const char* name) {
  return std::make_shared<const history::history_gpu_label>(history::history_gpu_label{uuid, name});
}

TEST(gpu_history, a_gpu_is_followed_by_uuid_across_index_changes) {
  history_sample a{test::sample_time(), {{0, label("GPU-a", "A"), 100, 1, 2, 3, 4.5}}};
  history_sample b{test::sample_time() + 1s,
                   {{0, label("GPU-b", "B"), 200, 5, 6, 7, std::nullopt},
                    {1, label("GPU-a", "A"), 100, 8, 9, 10, 11.0}}};
  const std::vector samples{std::make_shared<const history_sample>(a),
                            std::make_shared<const history_sample>(b)};
  const auto v = boost::json::parse(render_gpu_history(samples, {}));
  ASSERT_EQ(v.at("gpus").as_array().size(), 2u);
  EXPECT_EQ(v.at("gpus").at(0).at("uuid"), "GPU-b");
  EXPECT_TRUE(v.at("gpus").at(0).at("utilization_percent").at(0).is_null());
  EXPECT_EQ(v.at("gpus").at(1).at("uuid"), "GPU-a");
  EXPECT_EQ(v.at("gpus").at(1).at("index"), 1);
  EXPECT_EQ(v.at("gpus").at(1).at("utilization_percent"), boost::json::parse("[1,8]"));
}

TEST(gpu_history, a_sample_shares_the_labels_the_sample_before_has_in_the_same_place) {
  const auto s = test::four_gpu_snapshot();
  const auto first = history_sample_of(s);
  const auto second = history_sample_of(s, &first);
  ASSERT_EQ(second.gpus.size(), 4u);
  for (std::size_t i = 0; i < second.gpus.size(); ++i)
    EXPECT_EQ(second.gpus[i].label, first.gpus[i].label) << "GPU " << i;
  EXPECT_EQ(second, first);

  // GPU 1 lost: the GPUs after it moved up a place, where the sample before named others.
  collect::snapshot without_gpu_1 = s;
  without_gpu_1.gpus.rows.erase(without_gpu_1.gpus.rows.begin() + 1);
  const auto third = history_sample_of(without_gpu_1, &second);
  ASSERT_EQ(third.gpus.size(), 3u);
  EXPECT_EQ(third.gpus[0].label, second.gpus[0].label);
  EXPECT_NE(third.gpus[1].label, second.gpus[1].label);
  EXPECT_EQ(*third.gpus[1].label, *second.gpus[2].label);
  EXPECT_EQ(*third.gpus[2].label, *second.gpus[3].label);
}

}  // namespace
}  // namespace smistat::render
