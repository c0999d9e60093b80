#pragma once
// nvgpu's HTML page (`/` of its web app, docs/contracts/nvgpu.md): each agent's coloured
// table, converted the way ansi2html does it (scheme "osx", light background) into one
// self-contained document: a <pre> with coloured spans, no scripts, no external assets.

#include <span>
#include <string>
#include <string_view>

#include "src/contracts/nvgpu/nvgpu_status.hpp"
#include "src/contracts/nvgpu/nvgpu_table.hpp"

namespace smistat::render {

/** One agent's part of the page: `host (hostname)`, a newline and its coloured table (HEAD's
 *  master). `host` is what the master's AGENTS names (`self` for this machine). */
std::string nvgpu_page_section(std::string_view host, std::string_view hostname,
                               std::span<const nvgpu_device> devices, bool memory_column = false);

/** An agent that could not be read: the host, a newline and the error text. */
std::string nvgpu_error_section(std::string_view host, std::string_view error);

/** The page: sections separated by a blank line, as one HTML document. */
std::string render_nvgpu_page(std::span<const std::string> sections);

/** Text with ANSI colour escapes (SGR 0, 1, 30-37, 39, 90-97) as ansi2html's document: the
 *  text HTML-escaped inside `<pre class="ansi2html-content">`, colours as `<span class=...>`;
 *  other escape sequences are dropped. */
std::string ansi_to_html_document(std::string_view text);

}  // namespace smistat::render
