#pragma once
// The dashboard page: GET /ui, and GET / for browsers. The page is embedded in the binary (see
// src/contracts/smistat/ui/), so it works on machines without internet; it reads the JSON routes of
// this server only.

#include "src/http/router.hpp"

namespace smistat::app {

/** Registers GET /ui (outside the API prefix, like /docs). */
void add_ui_routes(http::router& r);

/** The handler for `/`: the dashboard for a client whose Accept names text/html (a browser),
 *  `json_home` for anyone else (curl's "any type", JSON clients), so the contract's body is
 *  unchanged for them. Both answers carry `Vary: Accept` for caches in between. */
http::handler dashboard_for_browsers(const http::router& r, http::handler json_home);

}  // namespace smistat::app
