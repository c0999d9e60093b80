#pragma once
// The machine's name as Python's socket.gethostname() gives it (nvgpu's agent `hostname`).

#include <string>

namespace smistat::system {

/** gethostname(); "localhost" when it fails. */
std::string host_name();

}  // namespace smistat::system
