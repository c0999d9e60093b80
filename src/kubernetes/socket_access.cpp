#include "src/kubernetes/socket_access.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace smistat::kubernetes {

std::string socket_problem(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    if (err == ENOENT) return "socket missing: " + path;
    return "socket not readable: " + path + ": " + std::strerror(err);
  }
  if (!S_ISSOCK(st.st_mode)) return "not a socket: " + path;
  // Connecting to a unix socket needs write permission on it.
  if (::access(path.c_str(), R_OK | W_OK) != 0)
    return "socket not readable: " + path + ": " + std::strerror(errno);
  return {};
}

}  // namespace smistat::kubernetes
