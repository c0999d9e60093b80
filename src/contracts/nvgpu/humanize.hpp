#pragma once
// arrow 1.x `Arrow.humanize()` in English: nvgpu shows how long a GPU's processes have run as
// `arrow.get(start).humanize()`, and its users read these exact phrases ("just now",
// "a minute ago", "2 days ago", "a week ago").

#include <chrono>
#include <string>

namespace smistat::render {

/** How `then` reads seen from `now`: "just now", "42 seconds ago", "an hour ago",
 *  "3 weeks ago", or "in 5 minutes" when `then` is later than `now`. The seconds between them
 *  are rounded half to even first, as arrow does; every count is a floor division, at least 2. */
std::string humanize(std::chrono::system_clock::time_point then,
                     std::chrono::system_clock::time_point now);

}  // namespace smistat::render
