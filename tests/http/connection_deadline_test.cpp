// The connection's one deadline: a phase that runs out of time expires, a later phase moves the
// time without a new timer, and nothing expires while an answer is awaited or after close.
#include "src/http/connection_deadline.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <utility>
#include <vector>

namespace smistat::http {
namespace {

using namespace std::chrono_literals;

struct deadline_fixture {
  deadline_fixture() {
    deadline.on_expiry(owner, [this] { ++expiries; });
  }
  /** Runs the io_context until `done` holds (at most 10 s, so a busy machine is no failure). */
  template <class Pred>
  void run_until(Pred done) {
    for (int i = 0; i < 1000 && !done(); ++i) {
      ctx.restart();
      ctx.run_for(10ms);
    }
  }
  void run_for(std::chrono::milliseconds d) {
    ctx.restart();
    ctx.run_for(d);
  }

  net::io_context ctx{1};
  std::shared_ptr<int> owner = std::make_shared<int>(0);
  connection_deadline deadline{ctx.get_executor()};
  int expiries = 0;
};

TEST(connection_deadline, a_phase_out_of_time_expires_once) {
  deadline_fixture f;
  f.deadline.expires_after(10ms);
  f.run_until([&] { return f.expiries > 0; });
  EXPECT_EQ(f.expiries, 1);
  EXPECT_TRUE(f.deadline.expired());
  f.deadline.expires_after(1h);
  EXPECT_FALSE(f.deadline.expired()) << "the next phase starts afresh";
}

TEST(connection_deadline, a_later_phase_moves_the_time_of_the_same_timer) {
  deadline_fixture f;
  f.deadline.expires_after(10ms);
  f.deadline.expires_after(1h);
  f.run_for(100ms);  // the timer fires for the first time and waits again
  EXPECT_EQ(f.expiries, 0);
  EXPECT_FALSE(f.deadline.expired());
}

TEST(connection_deadline, nothing_expires_while_an_answer_is_awaited) {
  deadline_fixture f;
  f.deadline.expires_after(10ms);
  f.deadline.expires_never();
  f.run_for(100ms);
  EXPECT_EQ(f.expiries, 0);
  f.deadline.expires_after(10ms);
  f.run_until([&] { return f.expiries > 0; });
  EXPECT_EQ(f.expiries, 1) << "the phase after the answer has its deadline again";
}

TEST(connection_deadline, nothing_expires_after_cancel_or_without_the_owner) {
  const std::vector<std::pair<const char*, void (*)(deadline_fixture&)>> endings{
      {"cancelled", [](deadline_fixture& f) { f.deadline.cancel(); }},
      {"owner gone", [](deadline_fixture& f) { f.owner.reset(); }},
  };
  for (const auto& [name, end] : endings) {
    deadline_fixture f;
    f.deadline.expires_after(10ms);
    end(f);
    f.run_for(100ms);
    EXPECT_EQ(f.expiries, 0) << name;
  }
}

}  // namespace
}  // namespace smistat::http
