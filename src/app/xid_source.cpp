#include "src/app/xid_source.hpp"

#include <utility>

namespace smistat::app {

std::shared_ptr<collect::xid_reader> start_xid_reader(const config& cfg,
                                                      boost::asio::any_io_executor executor,
                                                      runner::stream_launcher& launcher,
                                                      collect::snapshot_store& store,
                                                      std::shared_ptr<collect::xid_log> log) {
  collect::xid_reader_options options;
  options.source = cfg.xid_source;
  // Most hosts run smistat unprivileged, where the default /dev/kmsg is closed: worth a line,
  // not a warning. A source the operator chose and smistat cannot read is a warning.
  options.quiet = cfg.xid_source == config{}.xid_source;
  if (cfg.xid_source != "none")
    store.subscribe([log](const collect::snapshot_ptr& s) { log->remember_gpus(s->gpus); });
  auto reader =
      std::make_shared<collect::xid_reader>(std::move(executor), launcher, options, std::move(log));
  reader->start();
  return reader;
}

}  // namespace smistat::app
