// nvgpu's table (plain, coloured, with `mem. used`) and its HTML page, as goldens for every
// recorded machine and for a machine with a lost GPU; plus tabulate's layout rules.
#include "src/contracts/nvgpu/nvgpu_table.hpp"

#include <gtest/gtest.h>

#include "src/contracts/nvgpu/nvgpu_table_html.hpp"
#include "tests/contracts/nvgpu/nvgpu_fixture.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::render {
namespace {

const std::filesystem::path golden_root = SMISTAT_GOLDEN_DIR;

void expect_table_goldens(const std::filesystem::path& golden_dir, const collect::snapshot& s) {
  const auto devices = nvgpu_devices(s, test::sample_time());
  EXPECT_TRUE(test::matches_golden(golden_dir / "table.txt",
                                   render_nvgpu_table(devices, {false, false}) + "\n"));
  EXPECT_TRUE(test::matches_golden(golden_dir / "table.color.txt",
                                   render_nvgpu_table(devices, {false, true}) + "\n"));
  EXPECT_TRUE(test::matches_golden(golden_dir / "table.mem.txt",
                                   render_nvgpu_table(devices, {true, false}) + "\n"));
}

collect::snapshot with_gpu_1_lost() {
  auto s = test::nvgpu_machine(test::fixtures_dir() / "synthetic-8x-h100__590.48.01");
  s.gpus.rows.erase(s.gpus.rows.begin() + 1);
  s.gpus.lost.push_back({"0000:2A:00.0", "GPU is lost.  Reboot the system to recover this GPU",
                         "Unable to determine the device handle for GPU 0000:2A:00.0: GPU is "
                         "lost.  Reboot the system to recover this GPU"});
  // nvidia-smi hides a lost GPU's processes.
  std::erase_if(s.apps.edit(), [](const auto& a) { return a.gpu_uuid.ends_with("0001"); });
  return s;
}

TEST(nvgpu_table, every_machine_matches_its_goldens) {
  const auto machines = test::machine_dirs();
  ASSERT_FALSE(machines.empty());
  for (const auto& dir : machines) {
    SCOPED_TRACE(dir.filename().string());
    expect_table_goldens(golden_root / dir.filename(), test::nvgpu_machine(dir));
  }
}

TEST(nvgpu_table, a_lost_gpu_is_a_red_row_saying_why) {
  expect_table_goldens(golden_root / "synthetic-8x-h100-gpu-1-lost", with_gpu_1_lost());
  const auto devices = nvgpu_devices(with_gpu_1_lost(), test::sample_time());
  const auto text = render_nvgpu_table(devices, {false, true});
  EXPECT_NE(text.find("\x1b[31m[!]\x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("GPU is lost."), std::string::npos);
}

TEST(nvgpu_table, the_page_matches_its_golden) {
  const auto s = test::nvgpu_machine(test::fixtures_dir() / "synthetic-8x-h100__590.48.01");
  const auto devices = nvgpu_devices(s, test::sample_time());
  const std::vector<std::string> sections{
      nvgpu_page_section("self", "node02", devices),
      nvgpu_error_section("http://10.0.0.9:1080", "Host not available")};
  EXPECT_TRUE(test::matches_golden(golden_root / "page.html", render_nvgpu_page(sections)));
}

TEST(nvgpu_table, the_page_escapes_text_and_keeps_only_colours) {
  const auto page =
      ansi_to_html_document("a<b & \"c\" \x1b[1;31mred\x1b[0m \x1b[2Kplain\x1b[34mblue");
  EXPECT_NE(page.find("<pre class=\"ansi2html-content\">\na&lt;b &amp; &quot;c&quot; <span "
                      "class=\"ansi1 ansi31\">red</span> plain<span class=\"ansi34\">blue</span>\n"
                      "</pre>"),
            std::string::npos)
      << page;
  EXPECT_EQ(page.find("<script"), std::string::npos);
  // No external assets.
  EXPECT_EQ(page.find("src="), std::string::npos);
  EXPECT_EQ(page.find("href="), std::string::npos);
}

TEST(nvgpu_table, status_marks_and_colours_follow_nvgpu) {
  nvgpu_device free_gpu;
  free_gpu.type = "T4";
  free_gpu.is_available = true;
  nvgpu_device busy = free_gpu;
  busy.is_available = false;
  busy.users = "alice,?";  // only a lone `?` is alarming
  nvgpu_device unknown = busy;
  unknown.users = "?";
  const std::vector<nvgpu_device> devices{free_gpu, busy, unknown};
  const auto text = render_nvgpu_table(devices, {false, true});
  EXPECT_NE(text.find("\x1b[32m[ ]\x1b[0m"), std::string::npos) << text;
  EXPECT_NE(text.find("\x1b[34m[~]\x1b[0m"), std::string::npos) << text;
  EXPECT_NE(text.find("\x1b[31m[!]\x1b[0m"), std::string::npos) << text;
}

TEST(nvgpu_table, matches_the_observed_layout) {
  // The original's observed render (colours removed), seed columns.
  nvgpu_device idle;
  idle.type = "NVIDIA GeForce RTX 3080";
  idle.is_available = true;
  idle.utilization = 7;
  idle.temperature = 44;
  idle.clock_mhz = 139;
  nvgpu_device busy = idle;
  busy.is_available = false;
  busy.temperature = 45;
  busy.users = "root";
  busy.running_since = "just now";
  busy.pids = "25964";
  busy.cmd = "/usr/bin/python3 -m flask...";
  const std::vector<nvgpu_device> devices{idle, busy};
  EXPECT_EQ(render_nvgpu_table(devices, {false, false}),
            "    status    type                     util.      temp.    MHz  users    since     "
            "pids    cmd\n"
            "--  --------  -----------------------  -------  -------  -----  -------  --------  "
            "------  ----------------------------\n"
            " 0  [ ]       NVIDIA GeForce RTX 3080    7 %         44    139\n"
            " 1  [~]       NVIDIA GeForce RTX 3080    7 %         45    139  root     just now  "
            "25964   /usr/bin/python3 -m flask...");
}

TEST(nvgpu_table, unknown_values_read_n_a_and_numbers_align_right_only_when_all_are) {
  nvgpu_device mig;
  mig.type = "H100";
  mig.is_available = true;
  mig.temperature = 31;
  mig.clock_mhz = 1980;
  mig.memory = nvgpu_memory{85520809984, 85520809984 - 1610612736, 1610612736};
  const std::vector<nvgpu_device> devices{mig};
  EXPECT_EQ(render_nvgpu_table(devices, {true, false}),
            "    status    type    util.    mem. used      temp.    MHz  users    since    pids"
            "    cmd\n"
            "--  --------  ------  -------  -----------  -------  -----  -------  -------  ------"
            "  -----\n"
            " 0  [ ]       H100    N/A      1.61GB            31   1980");
}

TEST(nvgpu_table, owner_columns_appear_only_when_some_gpu_has_an_owner) {
  nvgpu_device idle;
  idle.type = "T4";
  idle.is_available = true;
  nvgpu_device slurm = idle;
  slurm.is_available = false;
  slurm.users = "alice";
  slurm.pids = "4711";
  slurm.jobs = "4242";
  const std::vector<nvgpu_device> devices{idle, slurm};
  EXPECT_EQ(
      render_nvgpu_table(devices, {false, false, true}),
      "    status    type    util.    temp.    MHz    users    job    since    pids    cmd\n"
      "--  --------  ------  -------  -------  -----  -------  -----  -------  ------  -----\n"
      " 0  [ ]       T4      N/A      N/A      N/A\n"
      " 1  [~]       T4      N/A      N/A      N/A    alice    4242            4711");
  // nvgpu's own table, whatever the devices know, unless smistat asks for its columns.
  const std::vector<nvgpu_device> plain{idle, idle};
  EXPECT_EQ(render_nvgpu_table(devices, {false, false, false}),
            render_nvgpu_table(std::vector<nvgpu_device>{idle,
                                                         [&] {
                                                           auto d = slurm;
                                                           d.jobs.clear();
                                                           return d;
                                                         }()},
                               {false, false, false}));
  // Asked for, but no GPU has an owner: still nvgpu's columns.
  EXPECT_EQ(render_nvgpu_table(plain, {false, false, true}),
            render_nvgpu_table(plain, {false, false, false}));
  auto pod = slurm;
  pod.jobs.clear();
  pod.pods = "7a1b2c3d-4e5f-6789-abcd-ef0123456789";
  const auto text = render_nvgpu_table(std::vector<nvgpu_device>{pod}, {false, false, true});
  EXPECT_NE(text.find("users    pod uid"), std::string::npos) << text;
  EXPECT_EQ(text.find(" job "), std::string::npos) << text;
  EXPECT_NE(text.find("alice    7a1b2c3d-4e5f-6789-abcd-ef0123456789"), std::string::npos) << text;
}

}  // namespace
}  // namespace smistat::render
