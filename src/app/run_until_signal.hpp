#pragma once
// The life of `smistat serve` once both halves are built: start collection, then listening,
// run until SIGINT or SIGTERM, and shut down in an order that answers every request it can
// and leaves no child behind.

#include "src/app/collection_service.hpp"
#include "src/app/http_front.hpp"

namespace smistat::app {

/** Starts `collection` and `front`, runs the HTTP threads on this one until a signal has shut
 *  both down, and waits for the collection thread. */
void run_until_signal(collection_service& collection, http_front& front);

}  // namespace smistat::app
