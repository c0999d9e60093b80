#include "src/http/server_counters.hpp"

#include <gtest/gtest.h>

namespace smistat::http {
namespace {

TEST(server_counters, a_snapshot_copies_each_counter_into_its_own_member) {
  server_counters live;
  std::uint64_t next = 1;
  // Each counter gets a value of its own, so a counter copied into another's place shows.
  for (auto* c :
       {&live.connections_accepted, &live.accept_backoffs, &live.requests, &live.rejected,
        &live.tls_handshake_failures, &live.unauthorized, &live.read_timeouts, &live.write_timeouts,
        &live.streams_opened, &live.streams_active, &live.streams_refused, &live.stream_disconnects,
        &live.stream_frames_sent, &live.stream_frames_dropped, &live.stream_queue_peak_bytes})
    c->store(next++ * 100);
  const server_stats s = live.snapshot();
  EXPECT_EQ(s.connections_accepted, 100u);
  EXPECT_EQ(s.accept_backoffs, 200u);
  EXPECT_EQ(s.requests, 300u);
  EXPECT_EQ(s.rejected, 400u);
  EXPECT_EQ(s.tls_handshake_failures, 500u);
  EXPECT_EQ(s.unauthorized, 600u);
  EXPECT_EQ(s.read_timeouts, 700u);
  EXPECT_EQ(s.write_timeouts, 800u);
  EXPECT_EQ(s.streams_opened, 900u);
  EXPECT_EQ(s.streams_active, 1000u);
  EXPECT_EQ(s.streams_refused, 1100u);
  EXPECT_EQ(s.stream_disconnects, 1200u);
  EXPECT_EQ(s.stream_frames_sent, 1300u);
  EXPECT_EQ(s.stream_frames_dropped, 1400u);
  EXPECT_EQ(s.stream_queue_peak_bytes, 1500u);
}

TEST(server_counters, the_queue_peak_only_rises) {
  server_counters live;
  live.note_queue_bytes(10);
  live.note_queue_bytes(4);
  EXPECT_EQ(live.snapshot().stream_queue_peak_bytes, 10u);
  live.note_queue_bytes(11);
  EXPECT_EQ(live.snapshot().stream_queue_peak_bytes, 11u);
}

}  // namespace
}  // namespace smistat::http
