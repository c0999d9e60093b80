// The HPC job mapping folder: files named by GPU index, one job a line; everything else ignored.
#include "src/system/hpc_job_map.hpp"

#include <gtest/gtest.h>

#include "tests/system/host_tree.hpp"

namespace smistat::system {
namespace {

TEST(HpcJobMap, JobsOfEachIndexFileInOrder) {
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  root.write("jobs/0", "4242\n4243\r\n\n4242\n");
  root.write("jobs/1", "  777  ");
  root.write("jobs/3", "\n\n");        // no job: no entry
  root.write("jobs/1.0", "888\n");     // a MIG GPU instance: no series of its own
  root.write("jobs/README", "999\n");  // not a GPU index
  root.write("jobs/2/x", "555\n");     // a folder named like a GPU
  const auto map = read_hpc_job_map(root.path() / "jobs");
  EXPECT_EQ(map, (hpc_job_map{{"0", {"4242", "4243"}}, {"1", {"777"}}}));
}

TEST(HpcJobMap, MissingFolderGivesNothing) {
  EXPECT_TRUE(read_hpc_job_map("/nonexistent/smistat-jobs").empty());
}

}  // namespace
}  // namespace smistat::system
