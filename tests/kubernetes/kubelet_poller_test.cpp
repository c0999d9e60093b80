#include "src/kubernetes/kubelet_poller.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include "tests/contracts/prometheus/metrics_snapshots.hpp"

namespace smistat::kubernetes {
namespace {

constexpr std::string_view two_gpus =
    "0, GPU-aaaa, NVIDIA H100, 00000000:01:00.0, 590.48.01, 45, 120.5, 1000, 35\n"
    "1, GPU-bbbb, NVIDIA H100, 00000000:02:00.0, 590.48.01, 45, 120.5, 1000, 35\n";

/** Answers each call with what the test put in `next`. */
class scripted_client final : public pod_resources_client {
 public:
  list_outcome list(std::chrono::milliseconds) override {
    std::lock_guard lock(mutex);
    ++calls;
    return next;
  }
  std::mutex mutex;
  list_outcome next;
  int calls = 0;
};

/** Polls the poller's report until `done` holds (at most 10 s); returns the last report. */
template <class Pred>
std::shared_ptr<const collect::kubernetes_report> wait_for(const kubelet_poller& p, Pred done) {
  auto r = p.current();
  for (int i = 0; i < 1000 && !done(*r); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    r = p.current();
  }
  return r;
}

TEST(kubernetes_poller, publishes_the_answer_matched_to_the_sample) {
  auto client = std::make_unique<scripted_client>();
  client->next.devices = pod_devices{{"ml", "train", "main", "nvidia.com/gpu", {"GPU-bbbb"}}};
  kubelet_poller poller({"/run/k.sock", std::chrono::hours(1), std::chrono::seconds(1)},
                        std::move(client));
  const auto before = poller.current();
  EXPECT_TRUE(before->enabled);
  EXPECT_EQ(before->socket, "/run/k.sock");
  EXPECT_FALSE(before->last_call);
  poller.on_snapshot(std::make_shared<const collect::snapshot>(test::small_snapshot(two_gpus)));
  poller.start();
  const auto r = wait_for(poller, [](const auto& rep) { return rep.devices_matched == 1; });
  EXPECT_EQ(r->calls_total, 1u);
  EXPECT_EQ(r->error, "");
  EXPECT_TRUE(r->last_success);
  EXPECT_EQ(r->by_gpu_uuid.at("GPU-bbbb").pod, "train");
  EXPECT_EQ(r->gpus_without_pod, std::vector<std::string>{"0"});
  poller.stop();
}

TEST(kubernetes_poller, a_sample_that_arrives_later_is_matched_without_a_new_call) {
  auto client = std::make_unique<scripted_client>();
  auto* raw = client.get();
  client->next.devices = pod_devices{{"ml", "train", "main", "nvidia.com/gpu", {"nvidia0"}}};
  kubelet_poller poller({"/run/k.sock", std::chrono::hours(1), std::chrono::seconds(1)},
                        std::move(client));
  poller.start();
  auto r = wait_for(poller, [](const auto& rep) { return rep.calls_total == 1; });
  EXPECT_EQ(r->devices_seen, 1u);
  EXPECT_EQ(r->devices_matched, 0u);  // no GPUs known yet
  poller.on_snapshot(std::make_shared<const collect::snapshot>(test::small_snapshot(two_gpus)));
  r = wait_for(poller, [](const auto& rep) { return rep.devices_matched == 1; });
  EXPECT_EQ(r->by_gpu_uuid.at("GPU-aaaa").pod, "train");
  poller.stop();
  std::lock_guard lock(raw->mutex);
  EXPECT_EQ(raw->calls, 1);
}

TEST(kubernetes_poller, a_failed_call_is_reported_and_keeps_the_last_answer) {
  auto client = std::make_unique<scripted_client>();
  auto* raw = client.get();
  client->next.devices = pod_devices{{"ml", "train", "main", "nvidia.com/gpu", {"GPU-aaaa"}}};
  kubelet_poller poller({"/run/k.sock", std::chrono::milliseconds(20), std::chrono::seconds(1)},
                        std::move(client));
  poller.on_snapshot(std::make_shared<const collect::snapshot>(test::small_snapshot(two_gpus)));
  poller.start();
  wait_for(poller, [](const auto& rep) { return rep.devices_matched == 1; });
  {
    std::lock_guard lock(raw->mutex);
    raw->next = {std::nullopt, "socket missing: /run/k.sock"};
  }
  const auto r = wait_for(poller, [](const auto& rep) { return rep.errors_total > 0; });
  EXPECT_EQ(r->error, "socket missing: /run/k.sock");
  EXPECT_EQ(r->devices_matched, 1u);
  EXPECT_EQ(r->by_gpu_uuid.at("GPU-aaaa").pod, "train");
  poller.stop();
}

TEST(kubernetes_poller, stop_ends_the_thread_between_calls) {
  auto client = std::make_unique<scripted_client>();
  client->next = {std::nullopt, "down"};
  kubelet_poller poller({"/run/k.sock", std::chrono::hours(1), std::chrono::seconds(1)},
                        std::move(client));
  poller.start();
  const auto r = wait_for(poller, [](const auto& rep) { return rep.calls_total == 1; });
  EXPECT_EQ(r->errors_total, 1u);
  EXPECT_FALSE(r->last_success);
  // Returns although the next call is an hour away; a stop that waited would time the test out.
  poller.stop();
}

}  // namespace
}  // namespace smistat::kubernetes
