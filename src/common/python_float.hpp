#pragma once
// Python's float repr and round(): the contracts' clients see both in every body, and the host
// readers round the way the Python servers did.

#include <string>

namespace smistat::common {

/** Appends `v` exactly as Python's `repr(float)`; NaN and infinities (a caller bug) as `0.0`. */
void append_python_float(std::string& out, double v);

/** Python's `round(x, ndigits)` for ndigits >= 0: correctly rounded, ties to even on the
 *  exact binary value. NaN and infinities come back unchanged. */
double python_round(double x, int ndigits);

}  // namespace smistat::common
