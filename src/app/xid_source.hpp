#pragma once
// XID errors: the kernel log reader `--xid.source` asks for, started beside collection, and the
// GPUs it names kept up to date from every published sample.

#include <boost/asio/any_io_executor.hpp>
#include <memory>

#include "src/collect/snapshot_store.hpp"
#include "src/collect/xid_log.hpp"
#include "src/collect/xid_reader.hpp"
#include "src/config/config.hpp"
#include "src/runner/stream_launcher.hpp"

namespace smistat::app {

/** Starts the reader for cfg.xid_source on `executor` (it reads once that runs); with `none`
 *  it reads nothing and `log` stays `off`. stop() it at shutdown. */
std::shared_ptr<collect::xid_reader> start_xid_reader(const config& cfg,
                                                      boost::asio::any_io_executor executor,
                                                      runner::stream_launcher& launcher,
                                                      collect::snapshot_store& store,
                                                      std::shared_ptr<collect::xid_log> log);

}  // namespace smistat::app
