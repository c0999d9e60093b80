#include "src/contracts/smistat/ui_routes.hpp"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "src/common/text.hpp"
#include "src/contracts/smistat/ui/embedded_page.hpp"

namespace smistat::app {
namespace {

// The page may talk to this server only; inline style and script are its own (one document, see
// src/contracts/smistat/ui/embed_page.cmake). A browser then refuses any other request, even one a
// future edit of the page would add by mistake.
constexpr std::string_view content_security_policy =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

// Where the page finds the JSON routes: under --api-prefix when it is applied.
constexpr std::string_view prefix_meta = "<meta name=\"smistat-api-prefix\" content=\"\">";

std::string html_attribute(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

/** FNV-1a: a stable fingerprint of the page for its ETag (not a security measure). */
std::string entity_tag(std::string_view body) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : body) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  char text[20];
  std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(h));
  return text;
}

struct rendered_page {
  std::shared_ptr<const std::string> body;
  std::string etag;
};

rendered_page make_page(const http::router& r) {
  std::string body(ui::dashboard_page);
  const auto at = body.find(prefix_meta);
  if (at != std::string::npos) {
    const std::string prefix = r.full_path("", http::prefix_policy::apply);
    body.replace(at, prefix_meta.size(),
                 "<meta name=\"smistat-api-prefix\" content=\"" + html_attribute(prefix) + "\">");
  }
  auto shared = std::make_shared<const std::string>(std::move(body));
  return {shared, entity_tag(*shared)};
}

/** The page, or 304 when the browser's copy is current; browsers revalidate on every load
 *  (no-cache), so a new binary's page is never hidden behind an old one. */
http::handler page_handler(const http::router& r) {
  auto p = std::make_shared<const rendered_page>(make_page(r));
  return [p](const http::request& req) {
    http::response res;
    res.headers = {{"etag", p->etag},
                   {"cache-control", "no-cache"},
                   {"content-security-policy", std::string(content_security_policy)},
                   {"x-content-type-options", "nosniff"}};
    if (req.if_none_match == p->etag) {
      res.status = 304;
      return res;
    }
    res.content_type = "text/html; charset=utf-8";
    res.body = p->body;
    return res;
  };
}

bool wants_html(const http::request& req) {
  return common::ascii_lowercase(req.accept).find("text/html") != std::string::npos;
}

}  // namespace

void add_ui_routes(http::router& r) {
  constexpr http::route_doc ui_doc{.summary = "The dashboard page (also / for browsers)",
                                   .tag = "smistat",
                                   .schema = {},
                                   .content_type = "text/html"};
  r.add("/ui", page_handler(r), ui_doc, http::prefix_policy::skip);
}

http::handler dashboard_for_browsers(const http::router& r, http::handler json_home) {
  return
      [serve_page = page_handler(r), json_home = std::move(json_home)](const http::request& req) {
        http::response res = wants_html(req) ? serve_page(req) : json_home(req);
        res.headers.push_back({"vary", "Accept"});
        return res;
      };
}

}  // namespace smistat::app
