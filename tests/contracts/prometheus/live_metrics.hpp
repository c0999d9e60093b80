#pragma once
// What the tests of the real server's /metrics share: waiting for a family to appear.

#include <string>

namespace smistat::test {

/** The 8-GPU recording the live tests replay. */
inline const std::string eight_gpus = "synthetic-8x-h100__590.48.01";

/** /metrics once it holds `needle`, or the last answer when 30 s pass without it. */
std::string metrics_with(unsigned short port, const std::string& needle);

}  // namespace smistat::test
