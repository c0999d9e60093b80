// The direction of dependency between src/ modules, checked on the include lines themselves:
// the build's link lines catch a wrong edge only when a symbol is used, this catches the include.
// Each module may include its own headers and those of the modules listed for it (README,
// "Layout"). Each contract (src/contracts/<name>) is a module of its own; its renderers see
// collect and system only through the snapshot model's headers, and only its route files see
// HTTP, the configuration and the rest of collect and system.
//
//   main ──> cli, app
//   cli ──> app, record, contracts/nvgpu, contracts/kit, collect, http, system, runner, config
//   app ──> contracts/*, history, http, collect, kubernetes, system, runner, config
//   contracts/<name> ──> contracts/kit, history, snapshot model, parsers, common  (+ route
//                        files: http, config, collect, system; contracts/gpu_statistics' `/`
//                        ──> smistat's UI)
//   contracts/kit ──> snapshot model, parsers, common  (+ route_kit, body_cache: http)
//   history ──> snapshot model, parsers, common
//   collect ──> runner, system, parsers, common
//   kubernetes ──> snapshot model, common
//   record ──> runner, parsers, common
//   http, runner, system, config ──> common
//   parsers ──> the standard library
//   tools/replayer (nvidia-smi-replay) ──> parsers

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

/** The module a project header or source belongs to: `parsers`, `tools/replayer`,
 *  `src/<folder>`'s folder, `contracts/<name>` for a contract's folder, or `main` for
 *  src/main.cpp (any other file at the root of src/ belongs to no module). */
std::string module_of(const std::string& path) {
  if (path.starts_with("parsers/")) return "parsers";
  if (path.starts_with("tools/replayer/")) return "tools/replayer";
  if (!path.starts_with("src/")) return "other";
  const auto rest = path.substr(4);
  const auto slash = rest.find('/');
  if (slash == std::string::npos) return rest == "main.cpp" ? "main" : "src root";
  if (rest.starts_with("contracts/")) {
    const auto inner = rest.find('/', slash + 1);
    return inner == std::string::npos ? "contracts root" : rest.substr(0, inner);
  }
  return rest.substr(0, slash);
}

struct rule {
  std::set<std::string> modules;  ///< whole modules it may include
  std::set<std::string> headers;  ///< single headers of other modules it may include
};

/** The snapshot model: what every renderer may read of collect and system. */
const std::set<std::string> snapshot_model = {
    "src/collect/snapshot.hpp", "src/collect/xid_report.hpp", "src/collect/kubernetes_report.hpp",
    "src/system/system_info.hpp", "src/system/self_process.hpp"};

/** The contracts' folders under src/contracts/, besides the kit they share. */
const std::vector<std::string> contract_names = {
    "gpu_statistics", "gpu_metrics_api", "fleet_manager", "gpu_manager",
    "nvgpu",          "prometheus",      "smistat"};

/** A contract may include its own files, the kit, the history it renders, the snapshot model,
 *  parsers and common; its route files also http, config, collect and system (the purity test
 *  below tells the files apart). */
rule contract_rule(const std::string& name) {
  rule r{{"contracts/" + name, "contracts/kit", "history", "parsers", "common", "http", "config",
          "collect", "system"},
         snapshot_model};
  // Contract 000's `/` answers a browser with smistat's dashboard.
  if (name == "gpu_statistics") r.modules.insert("contracts/smistat");
  return r;
}

const std::map<std::string, rule>& rules() {
  static const std::map<std::string, rule> table = [] {
    std::map<std::string, rule> t = {
        {"parsers", {{"parsers"}, {}}},
        {"common", {{"common"}, {}}},
        {"runner", {{"runner", "common"}, {}}},
        {"system", {{"system", "common"}, {}}},
        {"http", {{"http", "common"}, {}}},
        {"config", {{"config", "common"}, {}}},
        {"collect", {{"collect", "runner", "system", "parsers", "common"}, {}}},
        {"contracts/kit", {{"contracts/kit", "parsers", "common", "http"}, snapshot_model}},
        {"history", {{"history", "parsers", "common"}, snapshot_model}},
        {"kubernetes", {{"kubernetes", "parsers", "common"}, snapshot_model}},
        {"app",
         {{"app", "history", "http", "collect", "kubernetes", "system", "runner", "config",
           "parsers", "common"},
          {}}},
        {"cli",
         {{"cli", "record", "app", "contracts/nvgpu", "contracts/kit", "collect", "http", "system",
           "runner", "config", "parsers", "common"},
          {}}},
        {"record", {{"record", "runner", "parsers", "common"}, {}}},
        {"main", {{"cli", "app", "config", "common"}, {}}},
        // Spawned thousands of times by the tests, so it links the pure parsers alone, and no
        // product module may reach into it.
        {"tools/replayer", {{"tools/replayer", "parsers"}, {}}},
    };
    for (const auto& name : contract_names) {
      t.emplace("contracts/" + name, contract_rule(name));
      t.at("app").modules.insert("contracts/" + name);
    }
    t.at("app").modules.insert("contracts/kit");
    return t;
  }();
  return table;
}

struct include_edge {
  std::string file;
  std::string header;
};

std::vector<include_edge> project_includes() {
  static const std::regex include_line(R"re(^\s*#\s*include\s*"([^"]+)")re");
  std::vector<include_edge> edges;
  for (const char* top : {"src", "parsers", "tools/replayer"}) {
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

/** A contract's route file: `routes.{hpp,cpp}`, `*_route(s).{hpp,cpp}` or the kit's
 *  `route_kit.hpp`. Only these see HTTP, the configuration and I/O. */
bool is_route_file(const fs::path& p) {
  const auto stem = p.stem().string();
  return stem == "routes" || stem == "route_kit" || stem.ends_with("_route") ||
         stem.ends_with("_routes");
}

/** Contract files that are not route files but may do what route files do, and why. */
const std::map<std::string, std::string>& purity_exceptions() {
  static const std::map<std::string, std::string> table = {
      {"kit/body_cache.hpp", "caches the HTTP response a route renders per generation"},
      {"gpu_metrics_api/api_keys.hpp", "the API key check is an HTTP route guard"},
      {"gpu_metrics_api/api_keys.cpp", "the API key check is an HTTP route guard"},
      {"nvgpu/cluster_poller.hpp", "the nvgpu master fetches its agents over HTTP"},
      {"nvgpu/cluster_poller.cpp", "the nvgpu master fetches its agents over HTTP"},
      {"gpu_statistics/settings.hpp", "fills the renderers' settings from the configuration"},
      {"gpu_statistics/settings.cpp", "fills the renderers' settings from the configuration"},
      {"prometheus/settings.hpp", "fills the renderers' settings from the configuration"},
      {"prometheus/settings.cpp", "fills the renderers' settings from the configuration"},
      {"smistat/api_description.hpp", "titles /openapi.json from the configuration"},
      {"smistat/api_description.cpp", "titles /openapi.json from the configuration"},
  };
  return table;
}

TEST(architecture, renderers_do_no_io_and_keep_no_log) {
  // Renderers are pure functions of a snapshot: no files, no processes, no sockets, no logging,
  // no HTTP and no configuration; a contract's route files are where those meet its renderers.
  static const std::regex io_include(
      R"re(#\s*include\s*<(fstream|filesystem|unistd\.h|iostream|boost/(asio|beast|process)[^>]*)>)re");
  static const std::regex logging(R"re(\blog::(write|debug|info|warning|error)\s*\()re");
  static const std::regex wiring_include(
      R"re(#\s*include\s*"src/(http|config|collect|system)/([^"]+)")re");
  const auto contracts_root = source_root / "src" / "contracts";
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(contracts_root)) {
    const auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    const auto name = fs::relative(entry.path(), contracts_root).generic_string();
    if (is_route_file(entry.path()) || purity_exceptions().contains(name)) continue;
    ++files;
    const std::string text = read_file(entry.path());
    EXPECT_FALSE(std::regex_search(text, io_include)) << name << " includes an I/O header";
    EXPECT_FALSE(std::regex_search(text, logging)) << name << " logs";
    for (std::sregex_iterator it(text.begin(), text.end(), wiring_include), end; it != end; ++it) {
      const auto header = "src/" + (*it)[1].str() + "/" + (*it)[2].str();
      EXPECT_TRUE(snapshot_model.contains(header))
          << name << " includes " << header << ", which only a route file may";
    }
  }
  EXPECT_GE(files, 40);
}

TEST(architecture, every_contract_has_its_routes_and_its_library) {
  for (const auto& name : contract_names) {
    const auto dir = source_root / "src" / "contracts" / name;
    EXPECT_TRUE(fs::exists(dir / "routes.cpp")) << name << " has no routes.cpp";
    EXPECT_TRUE(fs::exists(dir / "CMakeLists.txt")) << name << " is no library of its own";
  }
}

}  // namespace
}  // namespace smistat::test
