#pragma once
// Loop mode: the GPU figures come from loop_source's long-lived child. The child starts once
// the facts are read, so that it asks for the fields only the driver's own list offers; a field
// it rejects is dropped and the child restarts with the smaller set.

#include <memory>
#include <string>

#include "src/collect/gpu_source.hpp"
#include "src/collect/loop_source.hpp"

namespace smistat::collect {

class loop_gpu_source : public gpu_source {
 public:
  /** Every argument must outlive the source; without a `launcher` no child ever starts. */
  loop_gpu_source(const collect_strand& strand, runner::stream_launcher* launcher,
                  const collector_options& options, field_negotiation& fields, gpu_sink& sink);

  bool samples_by_itself() const noexcept override { return true; }
  void start() override {}
  void gpus_listed(std::size_t n) override;
  void facts_read(bool fields_changed) override;
  void stop(const snapshot_ptr& current) override;
  void fill_health(collection_health& health) const override;

 private:
  void start_loop();
  void on_exit(const collection_error& why, const std::string& rejected_field);

  collect_strand strand_;
  runner::stream_launcher* launcher_;
  const collector_options& options_;
  field_negotiation& fields_;
  gpu_sink& sink_;
  std::size_t listed_gpus_ = 0;  ///< by the last facts reading
  std::shared_ptr<loop_source> loop_;
};

}  // namespace smistat::collect
