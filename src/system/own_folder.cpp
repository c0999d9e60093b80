#include "src/system/own_folder.hpp"

#include <system_error>

namespace smistat::system {

std::filesystem::path own_folder() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : self.parent_path();
}

}  // namespace smistat::system
