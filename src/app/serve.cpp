#include "src/app/serve.hpp"

#include <csignal>

#include "src/app/collection_service.hpp"
#include "src/app/http_front.hpp"
#include "src/app/kubernetes_source.hpp"
#include "src/app/run_until_signal.hpp"
#include "src/common/log.hpp"

namespace smistat::app {

int serve(const loaded_config& loaded) {
  const config& cfg = loaded.cfg;
  for (const auto& w : loaded.warnings) log::warning(w);
  if (const auto warning = kubernetes_unsupported_warning(cfg); !warning.empty())
    log::warning(warning);
  ::signal(SIGPIPE, SIG_IGN);

  collection_service collection(cfg);
  const auto front = open_http_front(cfg, collection);
  if (!front) return 1;
  run_until_signal(collection, *front);
  return 0;
}

}  // namespace smistat::app
