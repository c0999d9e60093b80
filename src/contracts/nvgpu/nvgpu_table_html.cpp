#include "src/contracts/nvgpu/nvgpu_table_html.hpp"

#include <array>
#include <optional>

namespace smistat::render {
namespace {

// ansi2html's "osx" scheme, normal and bright, for SGR 30-37 and 90-97.
constexpr std::array<const char*, 8> osx_colours{"#000000", "#c23621", "#25bc24", "#adad27",
                                                 "#492ee1", "#d338d3", "#33bbc8", "#cbcccd"};
constexpr std::array<const char*, 8> osx_bright{"#818383", "#fc391f", "#31e722", "#eaec23",
                                                "#5833ff", "#f935f8", "#14f0f0", "#e9ebeb"};

std::string style_sheet() {
  std::string css =
      ".ansi2html-content { display: inline; white-space: pre-wrap; word-wrap: break-word; }\n"
      ".body_foreground { color: #000000; }\n"
      // nvgpu's master replaces ansi2html's #AAAAAA with white.
      ".body_background { background-color: #FFFFFF; }\n"
      ".ansi1 { font-weight: bold; }\n";
  for (std::size_t i = 0; i < osx_colours.size(); ++i) {
    css += ".ansi" + std::to_string(30 + i) + " { color: " + osx_colours[i] + "; }\n";
    css += ".ansi" + std::to_string(90 + i) + " { color: " + osx_bright[i] + "; }\n";
  }
  return css;
}

void append_escaped(std::string& out, char c) {
  switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    default: out += c;
  }
}

/** The state one SGR sequence leaves: a colour class and boldness. */
struct sgr_state {
  std::optional<int> colour;
  bool bold = false;
  bool any() const { return colour || bold; }
};

void apply_sgr(std::string_view params, sgr_state& st) {
  if (params.empty()) params = "0";
  std::size_t start = 0;
  while (start <= params.size()) {
    auto end = params.find(';', start);
    if (end == std::string_view::npos) end = params.size();
    int code = 0;
    for (char c : params.substr(start, end - start))
      code = (c >= '0' && c <= '9') ? code * 10 + (c - '0') : -1000;
    if (code == 0) st = {};
    if (code == 1) st.bold = true;
    if (code == 22) st.bold = false;
    if (code == 39) st.colour.reset();
    if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) st.colour = code;
    start = end + 1;
  }
}

std::string open_span(const sgr_state& st) {
  std::string classes;
  if (st.bold) classes = "ansi1";
  if (st.colour) classes += (classes.empty() ? "ansi" : " ansi") + std::to_string(*st.colour);
  return "<span class=\"" + classes + "\">";
}

std::string converted_body(std::string_view text) {
  std::string out;
  sgr_state st;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\x1b') {
      append_escaped(out, text[i]);
      continue;
    }
    // CSI: ESC [ parameters final-byte; only `m` (colours) means anything here.
    if (i + 1 >= text.size() || text[i + 1] != '[') continue;
    std::size_t end = i + 2;
    while (end < text.size() && !(text[end] >= '@' && text[end] <= '~')) ++end;
    if (end >= text.size()) break;
    if (text[end] == 'm') {
      if (st.any()) out += "</span>";
      apply_sgr(text.substr(i + 2, end - i - 2), st);
      if (st.any()) out += open_span(st);
    }
    i = end;
  }
  if (st.any()) out += "</span>";
  return out;
}

}  // namespace

std::string nvgpu_page_section(std::string_view host, std::string_view hostname,
                               std::span<const nvgpu_device> devices, bool memory_column) {
  return std::string(host) + " (" + std::string(hostname) + ")\n" +
         render_nvgpu_table(devices, {memory_column, true});
}

std::string nvgpu_error_section(std::string_view host, std::string_view error) {
  return std::string(host) + "\n" + std::string(error);
}

std::string render_nvgpu_page(std::span<const std::string> sections) {
  std::string text;
  for (std::size_t i = 0; i < sections.size(); ++i) text += (i ? "\n\n" : "") + sections[i];
  return ansi_to_html_document(text);
}

std::string ansi_to_html_document(std::string_view text) {
  return "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\n"
         "<html>\n<head>\n"
         "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n"
         "<title></title>\n<style type=\"text/css\">\n" +
         style_sheet() +
         "</style>\n</head>\n"
         "<body class=\"body_foreground body_background\" style=\"font-size: normal;\" >\n"
         "<pre class=\"ansi2html-content\">\n" +
         converted_body(text) + "\n</pre>\n</body>\n\n</html>\n";
}

}  // namespace smistat::render
