#include "src/contracts/gpu_statistics/visible_devices.hpp"

#include <gtest/gtest.h>

namespace smistat::render {
namespace {

using ids = std::vector<std::int64_t>;

struct parse_case {
  std::optional<std::string> input;
  std::optional<ids> expected;  // nullopt: no filtering (every GPU)
};

// The cases of the original's test_cuda_visible_devices_parsing_comprehensive.py, as far as
// the original's tests and code define them, plus Python int() corner cases.
TEST(visible_devices, parses_like_the_original) {
  const parse_case cases[] = {
      {std::nullopt, std::nullopt},  // unset: no filter
      {"", ids{}},                   // blank: show nothing
      {"   ", ids{}},
      {" \t \n ", ids{}},
      {"0", ids{0}},
      {"1", ids{1}},
      {"0,1,2,3", ids{0, 1, 2, 3}},
      {"0 , 1  2 , 3", ids{0, 1, 2, 3}},
      {"0\n1\t2", ids{0, 1, 2}},
      {"  1,2  ", ids{1, 2}},
      {",0,1,", ids{0, 1}},
      {"0,,1", ids{0, 1}},
      {"3,1,0", ids{3, 1, 0}},            // order kept
      {"0,1,0,2,1", ids{0, 1, 0, 2, 1}},  // duplicates kept
      {"2, 0 ,0", ids{2, 0, 0}},
      {"15,31,63", ids{15, 31, 63}},
      {"0.5,1.2,2", ids{2}},
      {"0,abc,-1,2,xyz", ids{0, 2}},
      {"-1,-2,3", ids{3}},
      {"+1", ids{1}},    // Python int() accepts a sign
      {"1_0", ids{10}},  // and PEP 515 underscores
      {"-0", ids{0}},
      {"007", ids{7}},
      {"x", std::nullopt},  // nothing valid: every GPU
      {"abc", std::nullopt},
      {"-1", std::nullopt},
      {",, ,,", std::nullopt},
      {"GPU-05a9ed06", std::nullopt},
      {"1__0", std::nullopt},
      {"_1,1_", std::nullopt},
      {"1e3", std::nullopt},
      {"0x1", std::nullopt},
      {"1;2", std::nullopt},                   // `;` is not a separator
      {"99999999999999999999", std::nullopt},  // beyond int64: treated as invalid
  };
  for (const auto& c : cases)
    EXPECT_EQ(parse_visible_devices(c.input), c.expected)
        << '"' << c.input.value_or("<unset>") << '"';
}

TEST(visible_devices, python_int_accepts_what_int_accepts) {
  EXPECT_EQ(parse_python_int(" 1"), 1);
  EXPECT_EQ(parse_python_int("\x1c"
                             "5\x1f"),
            5);  // str.isspace() counts these
  EXPECT_EQ(parse_python_int("-7"), -7);
  EXPECT_EQ(parse_python_int("9223372036854775807"), 9223372036854775807);
  for (const char* bad : {"", "+", "-", "+-1", "1 2", "1.0", "١", "_", "1_"})
    EXPECT_EQ(parse_python_int(bad), std::nullopt) << bad;
}

TEST(visible_devices, keeps_system_order_and_original_ids) {
  const ids system{0, 1, 2, 3};
  const auto sel = select_visible(system, ids{3, 1, 0});
  EXPECT_EQ(sel.kept, (std::vector<std::size_t>{0, 1, 3}));
  EXPECT_TRUE(sel.notes.empty());
  EXPECT_EQ(select_visible(system, ids{2, 0, 0}).kept, (std::vector<std::size_t>{0, 2}));
}

TEST(visible_devices, logs_missing_ids_with_the_original_wording) {
  const ids system{0, 1, 2, 3};
  const auto sel = select_visible(system, ids{0, 5, 7});
  EXPECT_EQ(sel.kept, (std::vector<std::size_t>{0}));
  const std::vector<filter_note> expected{
      {log::level::warning,
       "GPUs [5, 7] specified in CUDA_VISIBLE_DEVICES do not exist on "
       "this system"},
      {log::level::info, "Available GPU IDs on system: [0, 1, 2, 3]"},
      {log::level::info, "Continuing with 1 valid GPUs: [0]"}};
  EXPECT_EQ(sel.notes, expected);
}

TEST(visible_devices, a_single_missing_id_uses_the_singular_wording) {
  const auto sel = select_visible(ids{0, 1, 2, 3}, ids{1, 5});
  ASSERT_FALSE(sel.notes.empty());
  EXPECT_EQ(sel.notes.front().text,
            "GPU 5 specified in CUDA_VISIBLE_DEVICES does not exist on this system");
  EXPECT_EQ(sel.notes.back().text, "Continuing with 1 valid GPUs: [1]");
}

TEST(visible_devices, all_missing_keeps_nothing_and_says_so) {
  const auto sel = select_visible(ids{0, 1, 2, 3}, ids{5, 7});
  EXPECT_TRUE(sel.kept.empty());
  ASSERT_EQ(sel.notes.size(), 4u);
  EXPECT_EQ(sel.notes[2].text,
            "No valid GPUs found after filtering - all specified GPUs are missing from system");
  EXPECT_EQ(sel.notes[3].text, "Returning empty GPU list due to complete filtering mismatch");
}

TEST(visible_devices, empty_list_keeps_nothing_silently) {
  const auto sel = select_visible(ids{0, 1}, ids{});
  EXPECT_TRUE(sel.kept.empty());
  EXPECT_TRUE(sel.notes.empty());
}

TEST(visible_devices, python_list_repr) {
  EXPECT_EQ(python_list(ids{}), "[]");
  EXPECT_EQ(python_list(ids{2, 0, 0}), "[2, 0, 0]");
}

}  // namespace
}  // namespace smistat::render
