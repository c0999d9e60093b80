#include "src/contracts/smistat/docs_asset_routes.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <system_error>

#include "src/common/log.hpp"

namespace smistat::app {
namespace {

namespace fs = std::filesystem;

// swagger-ui-bundle.js is about 1.5 MB; a cap keeps a stray huge file from being read whole.
constexpr std::size_t max_asset_bytes = 32 << 20;

std::string_view content_type_of(const fs::path& file) {
  static const std::map<std::string, std::string_view, std::less<>> types = {
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".map", "application/json"},
      {".json", "application/json"},
      {".html", "text/html; charset=utf-8"},
      {".png", "image/png"},
      {".svg", "image/svg+xml"},
      {".txt", "text/plain; charset=utf-8"}};
  const auto it = types.find(file.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

/** The file's bytes; nullopt when it cannot be read whole. O_NOFOLLOW: a file swapped for a
 *  link after start-up is refused, not followed. */
std::optional<std::string> read_asset(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return std::nullopt;
  std::string bytes;
  char buffer[65536];
  ssize_t n = 0;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0 && bytes.size() <= max_asset_bytes)
    bytes.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  if (n < 0 || bytes.size() > max_asset_bytes) return std::nullopt;
  return bytes;
}

http::handler asset_handler(fs::path file) {
  return [file = std::move(file)](const http::request&) {
    auto bytes = read_asset(file);
    if (!bytes) return http::detail_response(404, "Not Found");
    http::response res;
    res.content_type = std::string(content_type_of(file));
    res.body = std::make_shared<const std::string>(std::move(*bytes));
    res.headers.push_back({"cache-control", "max-age=3600"});
    res.headers.push_back({"x-content-type-options", "nosniff"});
    return res;
  };
}

/** Plain names only: they become URL paths as they are. */
bool servable_name(const std::string& name) {
  return !name.empty() && name.front() != '.' && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
  });
}

/** The files of `dir` that may be served: regular files, links only when they stay inside. */
std::map<std::string, fs::path> servable_files(const fs::path& dir) {
  std::map<std::string, fs::path> files;
  std::error_code ec;
  const fs::path root = fs::canonical(dir, ec);
  if (ec) return files;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    const std::string name = entry.path().filename().string();
    std::error_code entry_ec;
    const fs::path target = fs::canonical(entry.path(), entry_ec);
    if (!servable_name(name) || entry_ec) continue;
    if (target.parent_path() != root) {
      log::warning("docs assets: not serving " + name + ", it leads out of " + root.string());
      continue;
    }
    if (!fs::is_regular_file(target, entry_ec)) continue;
    files.emplace(name, target);
  }
  return files;
}

}  // namespace

docs_sources add_docs_assets(http::router& r, const std::string& dir) {
  docs_sources sources;
  if (dir.empty()) return sources;
  const auto files = servable_files(dir);
  for (const auto& [name, target] : files)
    r.add(std::string(docs_assets_path) + name, asset_handler(target),
          http::unlisted_route("a file of the documentation viewers"), http::prefix_policy::skip);
  const auto local = [&](const char* name) { return std::string(docs_assets_path) + name; };
  if (files.contains("swagger-ui-bundle.js") && files.contains("swagger-ui.css")) {
    sources.swagger_js = local("swagger-ui-bundle.js");
    sources.swagger_css = local("swagger-ui.css");
  } else {
    log::warning("docs assets: no swagger-ui-bundle.js and swagger-ui.css in " + dir +
                 "; /docs loads Swagger UI from the CDN");
  }
  if (files.contains("redoc.standalone.js")) {
    sources.redoc_js = local("redoc.standalone.js");
  } else {
    log::warning("docs assets: no redoc.standalone.js in " + dir +
                 "; /redoc loads ReDoc from the CDN");
  }
  return sources;
}

}  // namespace smistat::app
