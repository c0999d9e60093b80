#pragma once
// Runs a program to completion through the runner, for tests that want its output.

#include <string>
#include <vector>

#include "src/runner/run_result.hpp"

namespace smistat::test {

/** Runs `program args...` with this process's environment; the result once it has exited. */
runner::run_result run_program(const std::string& program, const std::vector<std::string>& args);

}  // namespace smistat::test
