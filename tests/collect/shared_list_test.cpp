// common::shared_list: snapshots share a list by copying a pointer; a writer's change never
// reaches a list another holder shares.
#include "src/common/shared_list.hpp"

#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

#include "src/collect/snapshot.hpp"

namespace smistat::common {
namespace {

TEST(shared_list, a_copy_shares_the_items_instead_of_copying_them) {
  shared_list<std::string> list(std::vector<std::string>{"a", "b"});
  const auto copy = list;
  EXPECT_EQ(copy.data(), list.data());
  EXPECT_EQ(copy, list);
  const std::vector<std::string>& as_vector = copy;
  EXPECT_EQ(as_vector, (std::vector<std::string>{"a", "b"}));
  const std::span<const std::string> as_span = copy;
  EXPECT_EQ(as_span.size(), 2U);
}

TEST(shared_list, an_edit_copies_a_shared_list_first_and_leaves_the_other_holder_alone) {
  shared_list<std::string> list{"a", "b"};
  const auto published = list;
  list.edit()[0] = "changed";
  list.push_back("c");
  EXPECT_EQ(published.get(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(list.get(), (std::vector<std::string>{"changed", "b", "c"}));
  EXPECT_NE(published.data(), list.data());

  // A list held once is changed in place.
  const auto* before = list.data();
  list.edit()[1] = "again";
  EXPECT_EQ(list.data(), before);
}

TEST(shared_list, an_empty_list_holds_nothing_and_grows_on_its_own) {
  shared_list<int> none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.begin(), none.end());
  auto grown = none;
  grown.emplace_back(7);
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(grown.size(), 1U);
  grown.clear();
  EXPECT_TRUE(grown.empty());
}

TEST(shared_list, a_snapshot_copy_shares_its_processes_details_and_listed_gpus) {
  collect::snapshot s;
  s.apps = std::vector<parsers::compute_app>(3);
  s.details = std::vector<parsers::gpu_details>(2);
  s.facts.listed = std::vector<parsers::listed_gpu>(8);
  const collect::snapshot next = s;
  EXPECT_EQ(next.apps.data(), s.apps.data());
  EXPECT_EQ(next.details.data(), s.details.data());
  EXPECT_EQ(next.facts.listed.data(), s.facts.listed.data());
}

}  // namespace
}  // namespace smistat::common
