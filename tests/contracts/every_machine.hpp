#pragma once
// The loop every contract's golden test runs: each recorded machine, loaded, checked against its
// own golden folder.

#include <filesystem>
#include <functional>

#include "src/collect/snapshot.hpp"

namespace smistat::test {

using machine_loader = std::function<collect::snapshot(const std::filesystem::path& dir)>;
using golden_check =
    std::function<void(const collect::snapshot& s, const std::filesystem::path& golden_dir)>;

/** Loads every recorded machine (machine_dirs()) with `load`, expects GPU rows in it, and runs
 *  `check` with the machine's folder under `golden_root`, under a trace naming the machine.
 *  Fails when no machine is found. */
void for_every_machine(const std::filesystem::path& golden_root, const machine_loader& load,
                       const golden_check& check);

}  // namespace smistat::test
