#include "results/hdr_payload.hpp"

#include <gtest/gtest.h>

#include <random>

#include "results/base64.hpp"
#include "results/hdr_interval_log.hpp"

namespace revbench::results {
namespace {

TEST(Base64, RoundTripsEveryLengthAndRefusesWhatIsNotBase64) {
  std::string bytes;
  for (int n = 0; n < 40; ++n) {
    EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes) << n;
    bytes += static_cast<char>(n * 37 + 200);
  }
  EXPECT_EQ(base64_encode("HdrHistogram"), "SGRySGlzdG9ncmFt");
  EXPECT_EQ(base64_encode("ab"), "YWI=");
  EXPECT_FALSE(base64_decode("YWI"));      // not whole groups
  EXPECT_FALSE(base64_decode("Y=WI"));     // padding inside
  EXPECT_FALSE(base64_decode("YW-_"));     // base64url's alphabet
  EXPECT_FALSE(base64_decode("YWI=YWI=")); // padding before the end
}

TEST(HdrPayload, RoundTripsHistogramsOfEveryShape) {
  std::mt19937_64 random(7);
  for (int round = 0; round < 50; ++round) {
    load::LatencyHistogram h;
    const int values = static_cast<int>(random() % 3000);
    for (int i = 0; i < values; ++i) {
      // From single nanoseconds to the 60 s ceiling, counts from 1 to 2^40.
      const auto ns = static_cast<std::int64_t>(std::exp2(static_cast<double>(random() % 3600) / 100.0));
      h.record(std::chrono::nanoseconds(ns), random() % 10 == 0 ? (std::uint64_t{1} << (random() % 40)) : 1);
    }
    const auto back = histogram_of_hdr_payload(hdr_payload(h));
    EXPECT_EQ(back.nonzero_cells(), h.nonzero_cells()) << round;
    EXPECT_EQ(back.count(), h.count());
  }
}

TEST(HdrPayload, HasHdrHistogramsCookieAndEncodingOfEmptyRuns) {
  load::LatencyHistogram empty;
  const auto text = hdr_payload(empty);
  EXPECT_EQ(text.substr(0, 5), "HISTF");  // the V2 compressed cookie, as every .hlog line shows it
  EXPECT_EQ(histogram_of_hdr_payload(text).count(), 0u);

  // Cells 0 and 2 (one empty cell between, written as a 0), then 60 s's
  // cell (a run of empty cells, written as its negated length).
  load::LatencyHistogram h;
  h.record(std::chrono::nanoseconds(0));
  h.record(std::chrono::nanoseconds(2), 3);
  h.record(std::chrono::seconds(60));
  const auto back = histogram_of_hdr_payload(hdr_payload(h));
  EXPECT_EQ(back.nonzero_cells(), h.nonzero_cells());
  EXPECT_EQ(back.nonzero_cells().back().first, load::LatencyHistogram::cell_of(60'000'000'000));
}

TEST(HdrPayload, NamesWhatDoesNotFit) {
  const auto fails_with = [](const std::string& payload, const std::string& expected) {
    try {
      histogram_of_hdr_payload(payload);
      ADD_FAILURE() << payload << " was read";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  };
  fails_with("not base64!", "not base64");
  fails_with(base64_encode(std::string(12, 'x')), "not a V2 compressed histogram");
  load::LatencyHistogram h;
  h.record(std::chrono::milliseconds(3));
  auto bytes = *base64_decode(hdr_payload(h));
  fails_with(base64_encode(bytes.substr(0, bytes.size() - 3)), "compressed bytes");
  bytes[bytes.size() - 1] ^= 0x55;  // the zlib stream's checksum
  fails_with(base64_encode(bytes), "does not inflate");
}

TEST(HdrTag, KeepsTheLogsSeparatorsOutOfValues) {
  EXPECT_EQ(hdr_tag({{"strategy", "redis-denylist"}, {"endpoint", "GET /a,b"}}), "strategy=redis-denylist;endpoint=GET_/a_b");
}

}  // namespace
}  // namespace revbench::results
