// The direction of dependency between src/ modules, checked on the include lines themselves:
// the build's link lines catch a wrong edge only when a symbol is used, this catches the include.
// Each module may include its own headers and those of the modules listed for it (README,
// "Layout"); render sees collect and system only through the snapshot model's headers.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

namespace fs = std::filesystem;

const fs::path source_root = fixtures_dir() / "..";

/** The module a project header or source belongs to: `parsers`, `src/<folder>`'s folder, or
 *  `main` for src/main.cpp (any other file at the root of src/ belongs to no module). */
std::string module_of(const std::string& path) {
  if (path.starts_with("parsers/")) return "parsers";
  if (!path.starts_with("src/")) return "other";
  const auto rest = path.substr(4);
  const auto slash = rest.find('/');
  if (slash != std::string::npos) return rest.substr(0, slash);
  return rest == "main.cpp" ? "main" : "src root";
}

struct rule {
  std::set<std::string> modules;  ///< whole modules it may include
  std::set<std::string> headers;  ///< single headers of other modules it may include
};

const std::map<std::string, rule>& rules() {
  static const std::map<std::string, rule> table = {
      {"parsers", {{"parsers"}, {}}},
      {"common", {{"common"}, {}}},
      {"runner", {{"runner", "common"}, {}}},
      {"system", {{"system", "common"}, {}}},
      {"http", {{"http", "common"}, {}}},
      {"config", {{"config", "common"}, {}}},
      {"collect", {{"collect", "runner", "system", "parsers", "common"}, {}}},
      {"render",
       {{"render", "parsers", "common"},
        {"src/collect/snapshot.hpp", "src/system/system_info.hpp", "src/system/self_process.hpp"}}},
      {"app",
       {{"app", "http", "render", "collect", "system", "runner", "config", "parsers", "common"},
        {}}},
      {"cli",
       {{"cli", "record", "app", "render", "collect", "system", "runner", "config", "parsers",
         "common"},
        {}}},
      {"record", {{"record", "runner", "parsers", "common"}, {}}},
      {"main", {{"cli", "app", "config", "common"}, {}}},
  };
  return table;
}

struct include_edge {
  std::string file;
  std::string header;
};

std::vector<include_edge> project_includes() {
  static const std::regex include_line(R"re(^\s*#\s*include\s*"([^"]+)")re");
  std::vector<include_edge> edges;
  for (const char* top : {"src", "parsers"}) {
    for (const auto& entry : fs::recursive_directory_iterator(source_root / top)) {
      const auto ext = entry.path().extension();
      if (ext != ".cpp" && ext != ".hpp") continue;
      const auto file = fs::relative(entry.path(), source_root).generic_string();
      const std::string text = read_file(entry.path());
      std::size_t pos = 0;
      while (pos < text.size()) {
        const auto nl = std::min(text.find('\n', pos), text.size());
        const std::string line = text.substr(pos, nl - pos);
        std::smatch m;
        if (std::regex_search(line, m, include_line)) edges.push_back({file, m[1].str()});
        pos = nl + 1;
      }
    }
  }
  return edges;
}

TEST(architecture, every_source_file_belongs_to_a_known_module) {
  for (const auto& e : project_includes())
    EXPECT_TRUE(rules().contains(module_of(e.file))) << e.file << " is in no module";
}

TEST(architecture, includes_follow_the_direction_of_dependency) {
  const auto edges = project_includes();
  ASSERT_GT(edges.size(), 300u) << "the scan found too few includes to be reading the tree";
  for (const auto& [file, header] : edges) {
    const auto from = module_of(file);
    const auto to = module_of(header);
    if (to == "other") continue;  // not a project header (quoted system headers)
    const auto found = rules().find(from);
    ASSERT_NE(found, rules().end()) << file;
    const rule& allowed = found->second;
    EXPECT_TRUE(allowed.modules.contains(to) || allowed.headers.contains(header))
        << file << " (" << from << ") includes " << header << " (" << to
        << "), an edge the module diagram does not allow";
  }
}

TEST(architecture, renderers_do_no_io_and_keep_no_log) {
  // Renderers are pure functions of a snapshot: no files, no processes, no sockets, no logging.
  static const std::regex io_include(
      R"re(#\s*include\s*<(fstream|filesystem|unistd\.h|iostream|boost/(asio|beast|process)[^>]*)>)re");
  static const std::regex logging(R"re(\blog::(write|debug|info|warning|error)\s*\()re");
  int files = 0;
  for (const auto& entry : fs::directory_iterator(source_root / "src" / "render")) {
    const auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    ++files;
    const std::string text = read_file(entry.path());
    const auto name = entry.path().filename().string();
    EXPECT_FALSE(std::regex_search(text, io_include)) << name << " includes an I/O header";
    EXPECT_FALSE(std::regex_search(text, logging)) << name << " logs";
  }
  EXPECT_GE(files, 30);
}

}  // namespace
}  // namespace smistat::test
