// parsers/ links Boost::headers for Boost.System's result<T>, which would also let Asio or
// JSON headers compile; this keeps the "text in, structs out" boundary real.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> include_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto nl = text.find('\n', pos);
    auto line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    const auto first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line.compare(first, 1, "#") == 0 &&
        line.find("include", first) != std::string::npos)
      out.push_back(line);
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return out;
}

TEST(purity, parsers_include_no_io_or_json_library) {
  const auto parsers_dir = fixtures_dir() / ".." / "parsers";
  ASSERT_TRUE(fs::is_directory(parsers_dir)) << parsers_dir;
  const char* forbidden[] = {
      "boost/asio",       "boost/beast", "boost/process", "boost/json", "boost/program_options",
      "boost/filesystem", "<iostream>",  "<fstream>"};
  int files = 0;
  for (const auto& entry : fs::directory_iterator(parsers_dir)) {
    const auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    ++files;
    for (const auto& line : include_lines(read_file(entry.path()))) {
      for (const char* bad : forbidden)
        EXPECT_EQ(line.find(bad), std::string::npos) << entry.path().filename() << ": " << line;
      if (line.find("boost/") != std::string::npos) {
        EXPECT_NE(line.find("boost/system/"), std::string::npos)
            << entry.path().filename() << ": only Boost.System is allowed: " << line;
      }
    }
  }
  EXPECT_GE(files, 24);
}

}  // namespace
}  // namespace smistat::test
