#pragma once
// The dashboard page, generated at build time from dashboard.html, dashboard.css and
// dashboard.js (embed_page.cmake inlines the stylesheet and the script).

#include <string_view>

namespace smistat::app::ui {

/** The whole page: one HTML document that requests nothing but this server's JSON routes. */
extern const std::string_view dashboard_page;

}  // namespace smistat::app::ui
