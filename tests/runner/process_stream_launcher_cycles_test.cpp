// Many streams: handlers of one stream never overlap on a multithreaded context, and hundreds of
// starts and stops leave no child and no descriptor behind.

#include <gtest/gtest.h>

#include "src/runner/process_stream_launcher.hpp"
#include "tests/runner/child_checks.hpp"
#include "tests/runner/stream_recorder.hpp"

namespace smistat::runner {
namespace {

using test::script;

class stream_on_four_threads : public test::stream_test {
 protected:
  stream_on_four_threads() : stream_test(4) {}
};

TEST_F(stream_on_four_threads, handlers_of_one_stream_never_overlap_and_the_exit_comes_last) {
  constexpr std::size_t bytes = 2'000'000;  // many chunks each
  std::vector<std::shared_ptr<test::stream_recorder>> recorders;
  std::vector<std::shared_ptr<stream_handle>> handles;
  for (int i = 0; i < 6; ++i) {
    auto [handle, rec] = start("head", {"-c", std::to_string(bytes), "/dev/zero"});
    handles.push_back(handle);
    recorders.push_back(rec);
  }
  for (const auto& rec : recorders) {
    ASSERT_TRUE(rec->wait_exit());
    EXPECT_EQ(rec->result().outcome, run_outcome::exited);
    EXPECT_EQ(rec->result().exit_code, 0);
    EXPECT_EQ(rec->text().size(), bytes);  // all of stdout had arrived when the exit handler ran
    EXPECT_EQ(rec->misordered(), 0);
    EXPECT_EQ(rec->exits(), 1);
  }
  EXPECT_TRUE(test::no_children_left());
}

using process_stream_launcher_cycles = test::stream_test;

TEST_F(process_stream_launcher_cycles, two_hundred_starts_and_stops_leave_no_child_or_descriptor) {
  {  // the reactor's descriptors are created lazily: count after one stream has run
    auto [handle, rec] = start(script("echo-both.sh"), {"warm", "", "0"});
    ASSERT_TRUE(rec->wait_exit());
  }
  const auto before = test::open_fd_count();
  constexpr int batches = 10;
  constexpr int per_batch = 20;
  for (int batch = 0; batch < batches; ++batch) {
    std::vector<std::shared_ptr<test::stream_recorder>> recorders;
    std::vector<std::shared_ptr<stream_handle>> handles;
    for (int i = 0; i < per_batch; ++i) {
      // Never ends by itself: no gate file is ever made.
      auto [handle, rec] = start(script("print-wait-print.sh"), {"/nonexistent/gate"}, "first\n");
      recorders.push_back(rec);
      if (i % 2 == 0) handles.push_back(handle);  // the others end when their handle drops
    }
    for (std::size_t i = 0; i < handles.size(); ++i) {
      if (i % 2 == 0) {  // stop some mid-stream
        ASSERT_TRUE(recorders[2 * i]->wait_marker());
      }
      handles[i]->stop();
    }
    for (const auto& rec : recorders) {
      ASSERT_TRUE(rec->wait_exit());
      EXPECT_TRUE(rec->result().stopped_by_us);
      EXPECT_EQ(rec->result().outcome, run_outcome::timed_out);
    }
  }
  EXPECT_EQ(launcher_.streams_running(), 0u);
  EXPECT_EQ(test::children_in_proc(), std::vector<int>{});
  EXPECT_TRUE(test::no_children_left());
  EXPECT_EQ(test::open_fd_count(), before);
}

}  // namespace
}  // namespace smistat::runner
