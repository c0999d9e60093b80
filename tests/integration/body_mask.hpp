#pragma once
// Replaces the values that change from run to run (timestamps, ages, durations) so response
// bodies can be compared byte for byte with golden files.

#include <string>

namespace smistat::test {

/** Masks the values of time-dependent JSON keys with `"<masked>"`-shaped placeholders. */
std::string mask_volatile(std::string body);

}  // namespace smistat::test
