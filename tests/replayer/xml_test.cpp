// `-q -x` in every form monitoring agents run: byte for byte, per GPU, in loops, well formed.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/replayer/replayer_process.hpp"
#include "tests/replayer/xml_checks.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

constexpr const char* eight_gpus = "synthetic-8x-h100__590.48.01";

struct xml_recording {
  std::filesystem::path dir;
  std::string state;
  std::string xml;
};

// Every q-x.<state>.xml of every machine folder.
std::vector<xml_recording> xml_recordings() {
  std::vector<xml_recording> out;
  for (const auto& dir : machine_dirs())
    for (const std::string state : {"idle", "load"})
      if (const auto path = dir / ("q-x." + state + ".xml"); std::filesystem::exists(path))
        out.push_back({dir, state, read_file(path)});
  return out;
}

env_vars env_for(const xml_recording& r) {
  return {{"NVIDIA_SMI_REPLAY_DIR", r.dir.string()}, {"NVIDIA_SMI_REPLAY_STATE", r.state}};
}

env_vars machine_env(const char* machine) {
  return {{"NVIDIA_SMI_REPLAY_DIR", machine_dir(machine).string()}};
}

std::size_t count_of(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(replayer_xml, every_folder_with_xml_has_idle_and_load) {
  const auto recordings = xml_recordings();
  // Every folder with a recorded -q has its derived -q -x beside it.
  std::size_t q_files = 0;
  for (const auto& dir : machine_dirs())
    for (const std::string state : {"idle", "load"})
      q_files += std::filesystem::exists(dir / ("q." + state + ".txt"));
  EXPECT_GE(recordings.size(), 22u);
  EXPECT_EQ(recordings.size(), q_files);
}

TEST(replayer_xml, every_form_answers_the_recording_byte_for_byte) {
  const std::vector<std::vector<std::string>> forms = {
      {"-q", "-x"}, {"-x", "-q"}, {"--query", "--xml-format"}, {"-x", "--query"}};
  for (const auto& r : xml_recordings())
    for (const auto& form : forms) {
      SCOPED_TRACE(r.dir.filename().string() + " " + r.state + " " + form[0] + " " + form[1]);
      const auto got = run_replayer(form, env_for(r));
      EXPECT_EQ(got.exit_code, 0);
      EXPECT_EQ(got.err, "");
      EXPECT_TRUE(got.out == r.xml) << "answer differs from the recording";
    }
}

TEST(replayer_xml, every_answer_is_well_formed_xml) {
  for (const auto& r : xml_recordings()) {
    SCOPED_TRACE(r.dir.filename().string() + " " + r.state);
    const auto got = run_replayer({"-q", "-x"}, env_for(r));
    EXPECT_EQ(xml_shape_problem(got.out), "");
    EXPECT_EQ(xmllint_problem(got.out), "");
  }
}

TEST(replayer_xml, the_shape_check_finds_broken_documents) {
  const auto good = read_file(machine_dir(eight_gpus) / "q-x.load.xml");
  EXPECT_EQ(xml_shape_problem(good), "");
  EXPECT_NE(xml_shape_problem(good.substr(0, good.size() / 2)), "");
  auto unbalanced = good;
  unbalanced.replace(unbalanced.find("</uuid>"), 7, "</uid>");
  EXPECT_NE(xml_shape_problem(unbalanced), "");
  EXPECT_NE(xml_shape_problem(good.substr(good.find('\n') + 1)), "") << "without the XML line";
  if (xmllint_available()) {
    EXPECT_NE(xmllint_problem(unbalanced), "");
  }
}

TEST(replayer_xml, id_selects_gpus_and_keeps_the_attached_count) {
  const auto env = machine_env(eight_gpus);
  struct row {
    std::vector<std::string> args;
    std::vector<std::string> bus_ids;
  };
  const row rows[] = {
      {{"-q", "-x", "-i", "3"}, {"00000000:5D:00.0"}},
      {{"-x", "-q", "--id=0,5"}, {"00000000:18:00.0", "00000000:AB:00.0"}},
      {{"-q", "-x", "-g", "2a:00.0"}, {"00000000:2A:00.0"}},
      {{"-q", "-x", "-i", "GPU-00000000-0000-0000-0000-000000000007"}, {"00000000:DB:00.0"}},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(r.args.back());
    const auto got = run_replayer(r.args, env);
    ASSERT_EQ(got.exit_code, 0) << got.err;
    EXPECT_EQ(got.err, "");
    EXPECT_EQ(count_of(got.out, "<gpu id="), r.bus_ids.size());
    for (const auto& bus_id : r.bus_ids)
      EXPECT_NE(got.out.find("<gpu id=\"" + bus_id + "\">"), std::string::npos) << bus_id;
    // nvidia-smi counts every GPU of the machine, whichever it prints.
    EXPECT_NE(got.out.find("<attached_gpus>8</attached_gpus>"), std::string::npos);
    EXPECT_EQ(xml_shape_problem(got.out), "");
    EXPECT_EQ(xmllint_problem(got.out), "");
  }
}

TEST(replayer_xml, id_selection_also_cuts_the_text_answer) {
  const auto got = run_replayer({"-q", "-i", "6"}, machine_env(eight_gpus));
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(count_of(got.out, "\nGPU 0000"), 1u);
  EXPECT_NE(got.out.find("\nGPU 00000000:BA:00.0\n"), std::string::npos);
  EXPECT_NE(got.out.find("GPU-00000000-0000-0000-0000-000000000006"), std::string::npos);
}

TEST(replayer_xml, an_id_naming_no_gpu_finds_no_devices) {
  for (const std::string id : {"8", "GPU-ffffffff-0000-0000-0000-000000000000", "00:01:00.0"}) {
    const auto got = run_replayer({"-q", "-x", "-i", id}, machine_env(eight_gpus));
    EXPECT_EQ(got.exit_code, 6) << id;
    EXPECT_EQ(got.out, "No devices were found\n") << id;
  }
}

TEST(replayer_xml, folders_without_xml_answer_not_supported_and_say_why) {
  for (const char* machine :
       {"geforce-rtx-2080-super__465.27", "geforce-rtx-2080-super-windows__466.63"}) {
    SCOPED_TRACE(machine);
    const auto got = run_replayer({"-x", "-q", "-l", "1"}, machine_env(machine));
    EXPECT_EQ(got.exit_code, 3);
    EXPECT_EQ(got.out, "Not Supported\n");
    EXPECT_NE(got.err.find("q-x.idle.xml was not recorded"), std::string::npos) << got.err;
    EXPECT_EQ(got.out.find("not recognized"), std::string::npos);
    EXPECT_EQ(got.err.find("not recognized"), std::string::npos);
  }
}

TEST(replayer_xml, x_without_q_is_an_invalid_combination) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"-x"}, {"-x", "-L"}, {"-x", "--query-gpu=index", "--format=csv"}}) {
    const auto got = run_replayer(args, machine_env(eight_gpus));
    EXPECT_EQ(got.exit_code, 255);
    EXPECT_EQ(got.out,
              "Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.\n");
  }
}

// The loop of netdata (`-x -q -l 1`) and its go.d collector (`-q -x -l 5`), or faster: each
// period one whole document, DOCTYPE included, until killed.
TEST(replayer_xml, loops_print_one_whole_document_per_period_until_killed) {
  const std::vector<std::vector<std::string>> forms = {{"-x", "-q", "-lms", "20"},
                                                       {"-q", "-x", "--loop-ms=20"}};
  for (const auto& r : xml_recordings())
    for (const auto& form : forms) {
      SCOPED_TRACE(r.dir.filename().string() + " " + r.state + " " + form[0]);
      replayer_process p(form, env_for(r));
      ASSERT_TRUE(p.read_until([&](std::string_view out) {
        return out.size() >= 3 * r.xml.size();
      })) << p.err();
      p.signal_group(SIGTERM);
      ASSERT_TRUE(p.wait());
      p.read_available();
      EXPECT_EQ(p.term_signal(), SIGTERM) << "the loop must run until killed";
      EXPECT_EQ(p.err(), "");
      const auto whole = p.out().size() / r.xml.size();
      ASSERT_GE(whole, 3u);
      for (std::size_t i = 0; i < whole; ++i)
        EXPECT_TRUE(p.out().compare(i * r.xml.size(), r.xml.size(), r.xml) == 0)
            << "document " << i << " differs";
      EXPECT_EQ(count_of(p.out(), "\n<nvidia_smi_log>\n"), count_of(p.out(), "<!DOCTYPE"));
      EXPECT_EQ(count_of(p.out(), "\n</nvidia_smi_log>\n"), whole);
    }
}

// netdata's two collectors on every folder: the first document at once, then nothing until the
// period ends, and no end of their own.
TEST(replayer_xml, a_seconds_loop_prints_the_first_document_at_once_and_keeps_running) {
  for (const auto& r : xml_recordings())
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"-x", "-q", "-l", "1"}, {"-q", "-x", "-l", "5"}}) {
      SCOPED_TRACE(r.dir.filename().string() + " " + r.state + " " + args[0] + " -l " + args[3]);
      replayer_process p(args, env_for(r));
      ASSERT_TRUE(p.read_until([&](std::string_view out) { return out.size() >= r.xml.size(); }));
      EXPECT_TRUE(p.out() == r.xml);
      EXPECT_FALSE(p.stdout_closed_now()) << "a loop does not end by itself";
      p.signal_group(SIGTERM);
      ASSERT_TRUE(p.wait());
      EXPECT_EQ(p.term_signal(), SIGTERM);
      EXPECT_EQ(p.err(), "");
    }
}

// The second document of a seconds loop comes a whole period after the first.
TEST(replayer_xml, a_seconds_loop_prints_the_next_document_a_second_later) {
  const auto dir = machine_dir("h100-80gb-hbm3__590.48.01");
  const auto recorded = read_file(dir / "q-x.load.xml");
  replayer_process p({"-x", "-q", "-l", "1"}, machine_env("h100-80gb-hbm3__590.48.01"));
  ASSERT_TRUE(p.read_until([&](std::string_view out) { return out.size() >= recorded.size(); }));
  const auto first = std::chrono::steady_clock::now();
  ASSERT_TRUE(p.read_until([&](std::string_view out) { return out.size() >= 2 * recorded.size(); }))
      << "no second document";
  EXPECT_GE(std::chrono::steady_clock::now() - first, std::chrono::milliseconds(900));
  EXPECT_TRUE(p.out() == recorded + recorded);
  p.signal_group(SIGTERM);
  ASSERT_TRUE(p.wait());
  EXPECT_EQ(p.term_signal(), SIGTERM);
}

// Unraid's plugin (`-q -x -g <index>`) and `-i` on every folder: the first GPU's block alone.
TEST(replayer_xml, selecting_the_first_gpu_works_on_every_folder) {
  for (const auto& r : xml_recordings())
    for (const char* option : {"-g", "-i"}) {
      SCOPED_TRACE(r.dir.filename().string() + " " + r.state + " " + option);
      const auto got = run_replayer({"-q", "-x", option, "0"}, env_for(r));
      ASSERT_EQ(got.exit_code, 0) << got.err;
      EXPECT_EQ(got.err, "");
      EXPECT_EQ(count_of(got.out, "<gpu id="), 1u);
      const auto first = r.xml.find("\t<gpu id=");
      const auto first_end = r.xml.find("\t</gpu>\n\n", first);
      EXPECT_NE(got.out.find(r.xml.substr(first, first_end - first)), std::string::npos);
      EXPECT_EQ(xml_shape_problem(got.out), "");
    }
}

TEST(replayer_xml, text_q_loops_as_well) {
  const auto recorded = read_file(machine_dir("l40s__595.80") / "q.load.txt");
  replayer_process p({"-q", "-lms", "20"}, machine_env("l40s__595.80"));
  ASSERT_TRUE(
      p.read_until([&](std::string_view out) { return out.size() >= 2 * recorded.size(); }));
  EXPECT_TRUE(p.out().compare(0, recorded.size(), recorded) == 0);
  EXPECT_TRUE(p.out().compare(recorded.size(), recorded.size(), recorded) == 0);
}

}  // namespace
}  // namespace smistat::test
