#pragma once
// A latency histogram as HdrHistogram's V2 compressed encoding, base64: the
// text after the commas of a .hlog line, which every HdrHistogram port
// decodes (Histogram.decodeFromCompressedByteBuffer in Java, hdr_log_decode
// in C). revbench's histogram has HdrHistogram's layout for a lowest
// discernible value of 1 ns, 2 significant digits and a highest trackable
// value of 60 s, so a cell is a counts-array index and nothing is rounded.
#include <string>
#include <string_view>

#include "harness/load/latency_histogram.hpp"

namespace revbench::results {

std::string hdr_payload(const load::LatencyHistogram& histogram);
// Throws std::invalid_argument naming what does not fit: not base64, not a
// V2 compressed histogram, another layout (significant digits, lowest
// value), counts beyond 60 s.
load::LatencyHistogram histogram_of_hdr_payload(std::string_view base64);

}  // namespace revbench::results
