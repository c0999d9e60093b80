#include "src/collect/snapshot_store.hpp"

#include <gtest/gtest.h>

#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <thread>

namespace smistat::collect {
namespace {

using namespace std::chrono_literals;
namespace net = boost::asio;

snapshot collected() {
  snapshot s;
  s.health.runs_total = 1;
  return s;
}

TEST(snapshot_store, starts_with_generation_zero_and_no_data) {
  snapshot_store store;
  ASSERT_NE(store.current(), nullptr);
  EXPECT_EQ(store.current()->generation, 0u);
  EXPECT_FALSE(store.current()->has_data());
}

TEST(snapshot_store, publish_stamps_increasing_generations) {
  snapshot_store store;
  auto first = store.publish(snapshot{});
  auto second = store.publish(snapshot{});
  EXPECT_EQ(first->generation, 1u);
  EXPECT_EQ(second->generation, 2u);
  EXPECT_EQ(store.current(), second);
}

TEST(snapshot_store, listeners_see_every_publish_until_unsubscribed) {
  snapshot_store store;
  std::vector<std::uint64_t> seen;
  const auto id = store.subscribe([&](const snapshot_ptr& s) { seen.push_back(s->generation); });
  store.publish(snapshot{});
  store.publish(snapshot{});
  store.unsubscribe(id);
  store.publish(snapshot{});
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{1, 2}));
}

TEST(snapshot_store, first_sample_wait_times_out_without_a_collection) {
  net::io_context ctx;
  snapshot_store store;
  store.publish(snapshot{});  // facts only: not a collection
  boost::system::error_code got_ec;
  snapshot_ptr got;
  store.async_wait_first(ctx.get_executor(), 10ms, [&](auto ec, snapshot_ptr s) {
    got_ec = ec;
    got = std::move(s);
  });
  ctx.run();
  EXPECT_EQ(got_ec, net::error::timed_out);
  ASSERT_NE(got, nullptr);
  EXPECT_EQ(got->generation, 1u);
}

TEST(snapshot_store, first_sample_wait_completes_on_publish) {
  net::io_context ctx;
  snapshot_store store;
  boost::system::error_code got_ec = net::error::timed_out;
  snapshot_ptr got;
  store.async_wait_first(ctx.get_executor(), 1h, [&](auto ec, snapshot_ptr s) {
    got_ec = ec;
    got = std::move(s);
  });
  net::post(ctx, [&] { store.publish(collected()); });
  ctx.run();  // returns only because the publish cancelled the hour-long deadline
  EXPECT_FALSE(got_ec);
  ASSERT_NE(got, nullptr);
  EXPECT_EQ(got->generation, 1u);
}

TEST(snapshot_store, first_sample_wait_answers_at_once_after_a_collection) {
  net::io_context ctx;
  snapshot_store store;
  store.publish(collected());
  int calls = 0;
  store.async_wait_first(ctx.get_executor(), 1h, [&](auto ec, snapshot_ptr s) {
    EXPECT_FALSE(ec);
    EXPECT_EQ(s->generation, 1u);
    ++calls;
  });
  ctx.run();
  EXPECT_EQ(calls, 1);
}

TEST(snapshot_store, a_wait_until_skips_publishes_that_do_not_meet_its_condition) {
  net::io_context ctx;
  snapshot_store store;
  std::vector<std::uint64_t> answered;
  store.async_wait_until(ctx.get_executor(), 1h, &has_collected_processes,
                         [&](auto ec, snapshot_ptr s) {
                           EXPECT_FALSE(ec);
                           answered.push_back(s->generation);
                         });
  snapshot with_gpus = collected();
  with_gpus.sampled_at = wall_clock::now();
  net::post(ctx, [&] {
    store.publish(with_gpus);  // GPU data, no process list yet: still waiting
    with_gpus.health.processes.runs_total = 1;
    store.publish(with_gpus);
    store.publish(with_gpus);  // answered once only
  });
  ctx.run();
  EXPECT_EQ(answered, (std::vector<std::uint64_t>{2}));
}

TEST(snapshot_store, a_failed_gpu_query_leaves_no_process_list_to_wait_for) {
  net::io_context ctx;
  snapshot_store store;
  store.publish(collected());  // collected, without data: processes never start
  int calls = 0;
  store.async_wait_until(ctx.get_executor(), 1h, &has_collected_processes,
                         [&](auto ec, snapshot_ptr) {
                           EXPECT_FALSE(ec);
                           ++calls;
                         });
  ctx.run();
  EXPECT_EQ(calls, 1);
}

TEST(snapshot_store, readers_on_other_threads_see_whole_generations) {
  snapshot_store store;
  std::atomic<bool> done{false};
  std::thread reader([&] {
    std::uint64_t last = 0;
    while (!done.load()) {
      const auto s = store.current();
      EXPECT_GE(s->generation, last);
      last = s->generation;
    }
  });
  for (int i = 0; i < 2000; ++i) store.publish(collected());
  done = true;
  reader.join();
  EXPECT_EQ(store.current()->generation, 2000u);
}

}  // namespace
}  // namespace smistat::collect
