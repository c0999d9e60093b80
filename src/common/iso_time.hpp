#pragma once
// Timestamps as the Python servers print them (`datetime.isoformat()` and strftime shapes).

#include <chrono>
#include <string>

namespace smistat::common {

/** Local time, naive (no offset), always 6 fraction digits: `2026-11-21T23:18:33.706334`.
 *  Python drops the fraction at exactly .000000; clients only need a non-empty string. */
std::string local_isoformat(std::chrono::system_clock::time_point t);

/** UTC, naive, 6 fraction digits: `datetime.utcnow().isoformat()` (`2026-11-21T23:18:33.706334`).
 */
std::string utc_isoformat(std::chrono::system_clock::time_point t);

/** UTC, whole seconds, `Z`: `2024-01-15T10:30:45Z`. */
std::string utc_iso_seconds(std::chrono::system_clock::time_point t);

}  // namespace smistat::common
