// `nvidia-smi -q -lms N` cut into documents: read in arbitrary pieces, a document is handed out
// once the next banner closes it, or once it holds every GPU it announced and the child is
// quiet, and never twice unless it grew.
#include "parsers/details_documents.hpp"

#include <gtest/gtest.h>

#include <string>

#include "parsers/query_details.hpp"

namespace smistat::parsers {
namespace {

std::string document(int gpus, const std::string& tx = "1000 KB/s") {
  std::string d =
      "\n==============NVSMI LOG==============\n\n"
      "Timestamp                                 : Tue Jul 14 08:12:53 2026\n"
      "Driver Version                            : 590.48.01\n\n"
      "Attached GPUs                             : " +
      std::to_string(gpus) + "\n";
  for (int i = 0; i < gpus; ++i) {
    d += "GPU 00000000:1" + std::to_string(i) + ":00.0\n";
    d += "    GPU UUID                              : GPU-" + std::to_string(i) + "\n";
    d += "    PCI\n        Tx Throughput                     : " + tx + "\n";
    d += "        Rx Throughput                     : 2000 KB/s\n\n";
  }
  return d;
}

/** What a document is handed out as: from its banner on (nvidia-smi prints a blank line first). */
std::string from_banner(const std::string& doc) { return doc.substr(doc.find('=')); }

std::optional<std::string> take(details_documents& d) {
  const auto text = d.take();
  return text ? std::optional<std::string>(std::string(*text)) : std::nullopt;
}

TEST(details_documents, a_whole_document_is_read_once_the_child_is_quiet) {
  details_documents d(1 << 20);
  const auto doc = document(2);
  d.feed(doc);
  EXPECT_EQ(take(d), std::nullopt) << "the last section may still be printing";
  d.feed("");
  EXPECT_EQ(take(d), from_banner(doc));
  d.feed("");
  EXPECT_EQ(take(d), std::nullopt) << "handed out once";
}

TEST(details_documents, a_document_missing_an_announced_gpu_waits_for_it) {
  details_documents d(1 << 20);
  const auto doc = document(3);
  const auto third = doc.find("GPU 00000000:12");
  d.feed(doc.substr(0, third));
  d.feed("");
  EXPECT_EQ(take(d), std::nullopt) << "two of three GPUs";
  d.feed(doc.substr(third));
  d.feed("");
  EXPECT_EQ(take(d), from_banner(doc));
}

TEST(details_documents, the_next_banner_closes_a_document_read_in_any_pieces) {
  const auto first = document(2, "1 KB/s"), second = document(2, "2 KB/s");
  const auto stream = first + second;
  for (std::size_t piece : {1u, 7u, 36u, 4096u}) {
    details_documents d(1 << 20);
    std::optional<std::string> got;
    for (std::size_t at = 0; at < stream.size() && !got; at += piece) {
      d.feed(std::string_view(stream).substr(at, piece));
      got = take(d);
    }
    // What closed the first is the newline before the second's banner: that newline ends it.
    EXPECT_EQ(got, from_banner(first) + "\n") << "pieces of " << piece;
  }
}

TEST(details_documents, the_newest_closed_document_wins) {
  details_documents d(1 << 20);
  d.feed(document(1, "1 KB/s") + document(1, "2 KB/s") + document(1, "3 KB/s"));
  const auto got = take(d);
  ASSERT_TRUE(got);
  EXPECT_NE(got->find("2 KB/s"), std::string::npos) << *got;
  EXPECT_EQ(take(d), std::nullopt) << "the third is still open and the child not quiet";
}

TEST(details_documents, a_document_read_early_is_read_again_only_if_it_grew) {
  const auto doc = document(1);
  {
    details_documents d(1 << 20);
    d.feed(doc);
    d.feed("");
    ASSERT_EQ(take(d), from_banner(doc));
    d.feed(document(1));
    EXPECT_EQ(take(d), std::nullopt) << "closed with nothing but a blank line more";
  }
  {
    details_documents d(1 << 20);
    d.feed(doc);
    d.feed("");
    ASSERT_EQ(take(d), from_banner(doc));
    d.feed("    Minor Number                          : 3\n");
    d.feed(document(1));
    EXPECT_EQ(take(d), from_banner(doc) + "    Minor Number                          : 3\n\n");
  }
}

TEST(details_documents, text_before_the_first_banner_is_no_document) {
  details_documents d(1 << 20);
  d.feed("some warning nvidia-smi printed\n");
  d.feed(document(1));
  d.feed("");
  EXPECT_EQ(take(d), from_banner(document(1)));
}

TEST(details_documents, whole_sections_without_a_banner_are_no_document) {
  auto doc = document(1);
  doc.replace(doc.find("NVSMI"), 5, "NV?SMI");
  details_documents d(1 << 20);
  d.feed(doc);
  d.feed("");
  EXPECT_EQ(take(d), std::nullopt) << "quiet";
  d.finish();
  EXPECT_EQ(take(d), std::nullopt) << "ended";
}

TEST(details_documents, a_banner_inside_a_line_closes_nothing) {
  details_documents d(1 << 20);
  auto doc = document(1);
  doc += "    Note : ==============NVSMI LOG==============\n";
  d.feed(doc);
  d.feed("");
  EXPECT_EQ(take(d), from_banner(doc));
}

TEST(details_documents, an_ended_child_closes_its_whole_document_but_not_a_partial_one) {
  details_documents whole(1 << 20);
  whole.feed(document(2));
  whole.finish();
  EXPECT_EQ(take(whole), from_banner(document(2)));

  details_documents partial(1 << 20);
  const auto doc = document(2);
  partial.feed(doc.substr(0, doc.find("GPU 00000000:11")));
  partial.finish();
  EXPECT_EQ(take(partial), std::nullopt);
  partial.feed(document(1));
  partial.feed("");
  EXPECT_EQ(take(partial), from_banner(document(1))) << "the next child starts afresh";
}

TEST(details_documents, an_overlong_document_is_dropped_and_reported_once) {
  details_documents d(256);
  d.feed(document(4));
  EXPECT_TRUE(d.take_overflow());
  EXPECT_FALSE(d.take_overflow());
  d.feed("");
  EXPECT_EQ(take(d), std::nullopt);
}

TEST(details_documents, garbage_without_an_announcement_is_never_read_while_open) {
  details_documents d(1 << 20);
  d.feed("GPU 00000000:10:00.0\n\x01\x02 nonsense\n");
  d.feed("");
  EXPECT_EQ(take(d), std::nullopt);
}

TEST(details_documents, the_recorded_document_reads_as_a_run_of_it_does) {
  // What the stream hands out parses to what one `-q` run of the same text gives.
  const auto doc = document(3, "123 KB/s");
  details_documents d(1 << 20);
  d.feed(doc);
  d.feed("");
  const auto got = d.take();
  ASSERT_TRUE(got);
  const auto gpus = parse_query_details(*got);
  ASSERT_EQ(gpus.size(), 3u);
  EXPECT_EQ(gpus, parse_query_details(doc));
  EXPECT_EQ(gpus[2].tx_throughput_kb_per_sec, 123.0);
}

}  // namespace
}  // namespace smistat::parsers
