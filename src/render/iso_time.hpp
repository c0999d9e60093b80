#pragma once
// Timestamps as Python's `datetime.now().isoformat()` prints them.

#include <chrono>
#include <string>

namespace smistat::render {

/** Local time, naive (no offset), always 6 fraction digits: `2026-11-21T23:18:33.706334`.
 *  Python drops the fraction at exactly .000000; clients only need a non-empty string. */
std::string local_isoformat(std::chrono::system_clock::time_point t);

}  // namespace smistat::render
