#include "tests/contracts/every_machine.hpp"

#include <gtest/gtest.h>

#include "tests/support/golden.hpp"

namespace smistat::test {

void for_every_machine(const std::filesystem::path& golden_root, const machine_loader& load,
                       const golden_check& check) {
  const auto machines = machine_dirs();
  if (machines.empty()) {
    ADD_FAILURE() << "no recorded machine found";
    return;
  }
  for (const auto& dir : machines) {
    SCOPED_TRACE(dir.filename().string());
    const collect::snapshot s = load(dir);
    EXPECT_FALSE(s.gpus.rows.empty());
    check(s, golden_root / dir.filename());
  }
}

}  // namespace smistat::test
