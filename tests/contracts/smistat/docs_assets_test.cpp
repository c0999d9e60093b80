// --docs.assets-dir: local Swagger UI / ReDoc files at /docs/assets/, and nothing else from the
// disk whatever the request path says.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "src/contracts/smistat/api_description.hpp"
#include "src/contracts/smistat/docs_asset_routes.hpp"
#include "tests/config/temp_dir.hpp"

namespace smistat::app {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

/** A scratch tree: assets/ with the UIs' files, a secret beside it, links in and out. */
class docs_assets_test : public testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(assets_ / "sub");
    write(assets_ / "swagger-ui-bundle.js", "window.SwaggerUIBundle = 1;");
    write(assets_ / "swagger-ui.css", "body {}");
    write(assets_ / "redoc.standalone.js", "window.Redoc = 1;");
    write(assets_ / "sub" / "nested.js", "nested");
    write(assets_ / ".hidden", "hidden");
    write(tmp_.path() / "secret.txt", "secret");
    fs::create_symlink(tmp_.path() / "secret.txt", assets_ / "out.txt");
    fs::create_symlink(assets_ / "swagger-ui.css", assets_ / "alias.css");
  }

  http::response get(const http::router& r, std::string path) {
    http::request req;
    req.path = std::move(path);
    return r.handle(req);
  }

  test::temp_dir tmp_;
  fs::path assets_ = tmp_.path() / "assets";
};

TEST_F(docs_assets_test, serves_the_files_of_the_folder_with_their_types) {
  http::router r;
  const auto from = add_docs_assets(r, assets_.string());
  const auto js = get(r, "/docs/assets/swagger-ui-bundle.js");
  EXPECT_EQ(js.status, 200u);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js.body_view(), "window.SwaggerUIBundle = 1;");
  EXPECT_EQ(get(r, "/docs/assets/swagger-ui.css").content_type, "text/css; charset=utf-8");
  EXPECT_EQ(get(r, "/docs/assets/alias.css").body_view(), "body {}");  // a link that stays inside
  EXPECT_EQ(from.swagger_js, "/docs/assets/swagger-ui-bundle.js");
  EXPECT_EQ(from.swagger_css, "/docs/assets/swagger-ui.css");
  EXPECT_EQ(from.redoc_js, "/docs/assets/redoc.standalone.js");
}

TEST_F(docs_assets_test, nothing_outside_the_folder_is_reachable) {
  http::router r;
  add_docs_assets(r, assets_.string());
  const std::string secret = (tmp_.path() / "secret.txt").string();
  for (const std::string& path : std::vector<std::string>{
           "/docs/assets/../secret.txt", "/docs/assets/%2e%2e/secret.txt",
           "/docs/assets/%2E%2E%2Fsecret.txt", "/docs/assets/..%2fsecret.txt",
           "/docs/assets/" + secret, "/docs/assets/%2F" + secret.substr(1), "/docs/assets/out.txt",
           "/docs/assets/sub/nested.js", "/docs/assets/sub", "/docs/assets/.hidden",
           "/docs/assets/", "/docs/assets/./swagger-ui.css"}) {
    const auto res = get(r, path);
    EXPECT_NE(res.status, 200u) << path;
    EXPECT_EQ(res.body_view().find("secret"), std::string::npos) << path;
  }
}

TEST_F(docs_assets_test, a_file_swapped_for_a_link_after_start_is_refused) {
  http::router r;
  add_docs_assets(r, assets_.string());
  fs::remove(assets_ / "redoc.standalone.js");
  fs::create_symlink(tmp_.path() / "secret.txt", assets_ / "redoc.standalone.js");
  EXPECT_EQ(get(r, "/docs/assets/redoc.standalone.js").status, 404u);
}

TEST_F(docs_assets_test, a_ui_whose_files_are_missing_keeps_the_cdn) {
  fs::remove(assets_ / "redoc.standalone.js");
  http::router r;
  const auto from = add_docs_assets(r, assets_.string());
  EXPECT_EQ(from.swagger_js, "/docs/assets/swagger-ui-bundle.js");
  EXPECT_EQ(from.redoc_js, docs_sources{}.redoc_js);
  EXPECT_TRUE(from.redoc_js.starts_with("https://"));
}

TEST(docs_assets, no_folder_means_the_cdn_and_no_routes) {
  http::router r;
  const auto from = add_docs_assets(r, "");
  EXPECT_TRUE(from.swagger_js.starts_with("https://cdn.jsdelivr.net/"));
  http::request req;
  req.path = "/docs/assets/swagger-ui-bundle.js";
  EXPECT_EQ(r.handle(req).status, 404u);
}

TEST(docs_pages, say_where_the_ui_comes_from_and_link_the_description_until_it_renders) {
  const config cfg;
  docs_sources local;
  local.swagger_js = "/docs/assets/swagger-ui-bundle.js";
  local.swagger_css = "/docs/assets/swagger-ui.css";
  local.redoc_js = "/docs/assets/redoc.standalone.js";
  for (const auto& from : {docs_sources{}, local}) {
    const std::string swagger = render_swagger_html(cfg, from);
    const std::string redoc = render_redoc_html(cfg, from);
    for (const auto& html : {swagger, redoc}) {
      EXPECT_NE(html.find("id=\"docs-fallback\""), std::string::npos);
      EXPECT_NE(html.find("<a href=\"/openapi.json\">"), std::string::npos);
      EXPECT_NE(html.find("hideNotice"), std::string::npos);  // removed once rendered
    }
    EXPECT_NE(swagger.find("<script src=\"" + from.swagger_js + "\">"), std::string::npos);
    EXPECT_NE(swagger.find("href=\"" + from.swagger_css + "\""), std::string::npos);
    EXPECT_NE(redoc.find("<script src=\"" + from.redoc_js + "\">"), std::string::npos);
  }
}

}  // namespace
}  // namespace smistat::app
