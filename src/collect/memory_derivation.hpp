#pragma once
// "Derive before defaulting" (docs/architecture.md, "Failure rules"): a memory figure nvidia-smi
// cannot give is worked out from the ones it gave, so no contract shows a busy GPU as empty because
// the driver rejected `memory.used` or printed a placeholder for it.

#include "parsers/query_csv.hpp"

namespace smistat::collect {

/** For every row of a GPU table keyed by smistat's keys, fills an unknown `memory.used`,
 *  `memory.free` or `memory.total` (MiB) from the other two: total = used + free + reserved,
 *  with reserved counted as 0 where it is unknown (so a derived `used` errs towards busy). A
 *  column the query did not ask for is added when some row has a figure for it. A figure that
 *  cannot be derived stays unknown, as does one that would come out negative. */
void derive_memory_figures(parsers::query_table& table);

}  // namespace smistat::collect
