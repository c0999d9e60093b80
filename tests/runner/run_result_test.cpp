#include "src/runner/run_result.hpp"

#include <gtest/gtest.h>

namespace smistat::runner {
namespace {

TEST(run_outcome_names, every_outcome_has_its_enumerator_name) {
  const struct {
    run_outcome outcome;
    std::string_view name;
  } cases[] = {
      {run_outcome::exited, "exited"},
      {run_outcome::spawn_failed, "spawn_failed"},
      {run_outcome::timed_out, "timed_out"},
      {run_outcome::output_too_large, "output_too_large"},
      {run_outcome::killed_by_signal, "killed_by_signal"},
  };
  for (const auto& c : cases) EXPECT_EQ(to_string(c.outcome), c.name);
}

TEST(run_result, ok_only_for_a_clean_exit) {
  run_result r;
  r.exit_code = 0;
  EXPECT_TRUE(r.ok());
  r.exit_code = 1;
  EXPECT_FALSE(r.ok());
  r.exit_code = 0;
  r.outcome = run_outcome::timed_out;
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace smistat::runner
