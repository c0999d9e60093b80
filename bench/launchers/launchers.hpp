#pragma once
// The launchers smistat does not use, kept to measure its own against (bench/spawn_bench.cpp)
// and to hold them to the same promises in tests/runner: glibc's posix_spawn, which cannot ask
// for the death signal, and Boost.Process's fork launcher, whose cost grows with the parent's
// resident memory.

#include "src/runner/launch.hpp"

namespace smistat::bench {

int launch_with_posix_spawn(const std::filesystem::path& executable,
                            const std::vector<std::string>& args, int in_fd, int out_fd, int err_fd,
                            runner::launch_error& error);

int launch_with_fork(const std::filesystem::path& executable, const std::vector<std::string>& args,
                     int in_fd, int out_fd, int err_fd, runner::launch_error& error);

}  // namespace smistat::bench
