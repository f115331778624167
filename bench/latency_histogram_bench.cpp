// The load generator records one value per request and merges per thread at
// the end: both must cost next to nothing.
#include <benchmark/benchmark.h>

#include <random>

#include "harness/load/latency_histogram.hpp"

namespace revbench::load {
namespace {

void BM_HistogramRecord(benchmark::State& state) {
  LatencyHistogram h;
  std::mt19937_64 random(1);
  std::lognormal_distribution<double> latency(std::log(200'000.0), 1.0);
  std::vector<std::chrono::nanoseconds> values;
  for (int i = 0; i < 4096; ++i) values.emplace_back(static_cast<std::int64_t>(latency(random)));
  std::size_t i = 0;
  for (auto _ : state) h.record(values[i++ & 4095]);
  benchmark::DoNotOptimize(h.count());
}

void BM_HistogramMerge(benchmark::State& state) {
  LatencyHistogram a, b;
  for (int i = 1; i < 100000; ++i) b.record(std::chrono::nanoseconds(i * 997));
  for (auto _ : state) a.merge(b);
  benchmark::DoNotOptimize(a.count());
}

void BM_HistogramP99(benchmark::State& state) {
  LatencyHistogram h;
  for (int i = 1; i < 100000; ++i) h.record(std::chrono::nanoseconds(i * 997));
  for (auto _ : state) benchmark::DoNotOptimize(h.percentile(99));
}

BENCHMARK(BM_HistogramRecord);
BENCHMARK(BM_HistogramMerge);
BENCHMARK(BM_HistogramP99);

}  // namespace
}  // namespace revbench::load
