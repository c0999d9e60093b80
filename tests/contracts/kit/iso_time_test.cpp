#include "src/common/iso_time.hpp"

#include <gtest/gtest.h>

#include "tests/contracts/render_fixture.hpp"

namespace smistat::render {
namespace {

using namespace std::chrono;

struct iso_case {
  system_clock::time_point t;
  const char* expected;  // datetime.now().isoformat() at TZ=UTC, fraction always written
};

TEST(iso_time, local_isoformat_always_has_six_fraction_digits) {
  const iso_case cases[] = {
      {test::sample_time(), "2026-11-21T23:18:33.706334"},
      {sys_days{year{2026} / 1 / 2}, "2026-01-02T00:00:00.000000"},
      {sys_days{year{2026} / 1 / 2} + 5us, "2026-01-02T00:00:00.000005"},
      {sys_days{year{2026} / 1 / 2} + 999999us + 999ns, "2026-01-02T00:00:00.999999"},
      // Before the epoch the fraction still counts forward from the whole second.
      {sys_days{year{1969} / 12 / 31} + 23h + 59min + 59s + 250ms, "1969-12-31T23:59:59.250000"},
  };
  for (const auto& c : cases) EXPECT_EQ(common::local_isoformat(c.t), c.expected);
}

}  // namespace
}  // namespace smistat::render
