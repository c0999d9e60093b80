#include "src/collect/facts_reader.hpp"

#include <boost/asio/post.hpp>
#include <memory>
#include <utility>

#include "src/collect/smi_commands.hpp"
#include "src/collect/smi_results.hpp"

namespace smistat::collect {
namespace {

namespace net = boost::asio;

/** The commands of one reading; lives until the last of them has answered. */
class facts_reading_state : public std::enable_shared_from_this<facts_reading_state> {
 public:
  facts_reading_state(net::any_io_executor executor, runner::async_runner& runner,
                      const collector_options& options, facts_handler done)
      : executor_(std::move(executor)),
        runner_(runner),
        options_(options),
        done_(std::move(done)) {}

  void start(bool discover) {
    run(version_request(options_), &facts_reading_state::on_version);
    run(list_gpus_request(options_), &facts_reading_state::on_list_gpus);
    if (discover) run(help_query_gpu_request(options_), &facts_reading_state::on_help);
  }

 private:
  using step = void (facts_reading_state::*)(const runner::run_result&);

  void run(runner::run_request request, step on_result) {
    ++outstanding_;
    runner_.async_run(std::move(request),
                      [self = shared_from_this(), on_result](runner::run_result r) {
                        net::post(self->executor_, [self, on_result, r = std::move(r)] {
                          ((*self).*on_result)(r);
                          self->finish_one();
                        });
                      });
  }

  void on_version(const runner::run_result& r) {
    auto& facts = reading_.facts;
    facts.nvidia_smi_found = r.outcome != runner::run_outcome::spawn_failed;
    facts.nvidia_smi_available = apply_version(facts, r);
    if (facts.nvidia_smi_available) return;
    reading_.error = run_error(r);
    // Old drivers have no --version; their banner still names the driver and CUDA versions.
    if (facts.nvidia_smi_found) run(banner_request(options_), &facts_reading_state::on_banner);
  }

  void on_banner(const runner::run_result& r) {
    reading_.facts.nvidia_smi_available = apply_banner(reading_.facts, r);
    if (reading_.facts.nvidia_smi_available) reading_.error.reset();
  }

  void on_list_gpus(const runner::run_result& r) { apply_list_gpus(reading_.facts, r); }

  void on_help(const runner::run_result& r) {
    if (r.ok()) reading_.catalog = parsers::parse_help_query_gpu(r.out);
  }

  void finish_one() {
    if (--outstanding_ > 0) return;
    if (!reading_.facts.nvidia_smi_available && !reading_.error)
      reading_.error =
          collection_error{collection_failure::parse_error, 0, "nvidia-smi printed no version"};
    done_(std::move(reading_));
  }

  net::any_io_executor executor_;
  runner::async_runner& runner_;
  const collector_options& options_;
  facts_handler done_;
  facts_reading reading_;
  int outstanding_ = 0;
};

}  // namespace

void read_facts(net::any_io_executor executor, runner::async_runner& runner,
                const collector_options& options, bool discover, facts_handler done) {
  auto state =
      std::make_shared<facts_reading_state>(std::move(executor), runner, options, std::move(done));
  state->start(discover);
}

}  // namespace smistat::collect
