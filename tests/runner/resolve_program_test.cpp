#include "src/runner/resolve_program.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace smistat::runner {
namespace {

namespace fs = std::filesystem;

class resolve_program_test : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("smistat-resolve-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "subdir");
    write(dir_ / "tool", fs::perms::owner_all);
    write(dir_ / "data", fs::perms::owner_read | fs::perms::owner_write);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static void write(const fs::path& path, fs::perms perms) {
    std::ofstream(path) << "#!/bin/sh\n";
    fs::permissions(path, perms);
  }
  fs::path dir_;
};

TEST_F(resolve_program_test, bare_names_are_searched_on_the_path) {
  const std::string dir = dir_.string();
  const struct {
    const char* program;
    std::string path;
    std::optional<fs::path> expected;
  } cases[] = {
      {"tool", dir, dir_ / "tool"},
      {"tool", "/nonexistent:" + dir, dir_ / "tool"},
      {"tool", "::" + dir + ":", dir_ / "tool"},
      {"data", dir, std::nullopt},    // not executable
      {"subdir", dir, std::nullopt},  // a directory
      {"missing", dir, std::nullopt},
      {"tool", "", std::nullopt},
      {"", dir, std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(resolve_program(c.program, c.path), c.expected)
        << "program '" << c.program << "' PATH '" << c.path << "'";
  }
}

TEST_F(resolve_program_test, names_with_a_slash_are_used_as_given) {
  for (const char* program : {"/nonexistent/tool", "./tool", "sub/tool"}) {
    EXPECT_EQ(resolve_program(program, dir_.string()), fs::path(program)) << program;
  }
}

TEST(current_search_path, is_this_process_path) {
  const char* path = std::getenv("PATH");
  ASSERT_NE(path, nullptr);
  EXPECT_EQ(current_search_path(), path);
}

}  // namespace
}  // namespace smistat::runner
