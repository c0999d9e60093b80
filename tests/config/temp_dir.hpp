#pragma once
// A scratch directory per test, so .env and config files never touch the source tree or the
// working directory, and tests can run in parallel.

#include <filesystem>
#include <string_view>

namespace smistat::test {

/** A fresh directory under the system temp dir, removed with its contents on destruction. */
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  /** The directory itself. */
  const std::filesystem::path& path() const { return path_; }
  /** Writes `text` to `name` inside the directory and returns the full path. */
  std::filesystem::path write(std::string_view name, std::string_view text) const;

 private:
  std::filesystem::path path_;
};

}  // namespace smistat::test
