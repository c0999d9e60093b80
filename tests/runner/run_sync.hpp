#pragma once
// Runs one request to completion, for tests that want the result and nothing else.

#include "src/runner/process_runner.hpp"

namespace smistat::runner::test {

/** Runs `request` on a private io_context and returns its result. */
run_result run_sync(const run_request& request, runner_options options = {});

}  // namespace smistat::runner::test
