#include "src/contracts/smistat/api_description.hpp"

#include <initializer_list>
#include <string_view>
#include <utility>

#include "src/contracts/kit/json_writer.hpp"

namespace smistat::app {
namespace {

std::string page(std::string_view title, std::string_view body) {
  std::string html = "<!DOCTYPE html>\n<html>\n<head>\n<title>";
  html += title;
  html += "</title>\n<meta charset=\"utf-8\">\n</head>\n<body>\n";
  html += body;
  html += "\n</body>\n</html>\n";
  return html;
}

/** Shown until the UI has rendered: without internet the CDN's script never arrives, and a
 *  blank page would not say why. Readable without JavaScript too. */
constexpr std::string_view fallback_notice =
    R"(<div id="docs-fallback" style="font-family: sans-serif; margin: 2em; padding: 1em; border: 1px solid #c77c02; border-radius: 6px; max-width: 48em">
<p id="docs-status"><strong>Loading {ui} from <code>{script}</code>&hellip;</strong></p>
<p>If this message stays, the browser could not load it (no internet access?). The API description itself is at <a href="/openapi.json">/openapi.json</a>. To serve the UI from this machine, start smistat with <code>--docs.assets-dir DIR</code> holding the files of npm's swagger-ui-dist and redoc.</p>
</div>
<script>
function hideNotice() { var n = document.getElementById('docs-fallback'); if (n) n.remove(); }
function uiFailed() { document.getElementById('docs-status').innerHTML = '<strong>{ui} could not be loaded from <code>{script}</code>.</strong>'; }
</script>
)";

constexpr std::string_view swagger_body = R"(<div id="swagger-ui"></div>
<link type="text/css" rel="stylesheet" href="{css}">
<script src="{script}"></script>
<script>
if (window.SwaggerUIBundle) SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui', onComplete: hideNotice});
else uiFailed();
</script>)";

constexpr std::string_view redoc_body = R"(<div id="redoc"></div>
<script src="{script}"></script>
<script>
if (window.Redoc) Redoc.init('/openapi.json', {}, document.getElementById('redoc'), hideNotice);
else uiFailed();
</script>)";

/** `text` with every `{name}` replaced by its value. */
std::string filled(std::string_view text,
                   std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string out(text);
  for (const auto& [name, value] : values)
    for (auto at = out.find(name); at != std::string::npos; at = out.find(name, at + value.size()))
      out.replace(at, name.size(), value);
  return out;
}

}  // namespace

std::string render_openapi(const config& cfg, const std::vector<described_route>& routes) {
  std::string out;
  render::json_writer w(out);
  w.begin_object().key("openapi").string("3.0.2");
  w.key("info").begin_object().key("title").string(cfg.title);
  w.key("description").string(cfg.description).key("version").string(cfg.version).end_object();
  w.key("paths").begin_object();
  for (const auto& r : routes) {
    w.key(r.path).begin_object().key("get").begin_object();
    w.key("summary").string(r.summary);
    w.key("tags").begin_array().string(r.tag).end_array();
    w.key("responses").begin_object().key("200").begin_object();
    w.key("description").string("Successful Response");
    w.key("content").begin_object().key(r.content_type).begin_object();
    w.key("schema").raw(r.schema.empty() ? "{}" : r.schema).end_object().end_object();
    w.end_object().end_object().end_object().end_object();
  }
  w.end_object().end_object();
  return out;
}

std::string render_swagger_html(const config& cfg, const docs_sources& from) {
  const auto values = {std::pair<std::string_view, std::string_view>{"{ui}", "Swagger UI"},
                       {"{script}", from.swagger_js},
                       {"{css}", from.swagger_css}};
  return page(cfg.title + " - Swagger UI",
              filled(fallback_notice, values) + filled(swagger_body, values));
}

std::string render_redoc_html(const config& cfg, const docs_sources& from) {
  const auto values = {std::pair<std::string_view, std::string_view>{"{ui}", "ReDoc"},
                       {"{script}", from.redoc_js}};
  return page(cfg.title + " - ReDoc", filled(fallback_notice, values) + filled(redoc_body, values));
}

}  // namespace smistat::app
