// `revbench link`: one link on its own, as toxiproxy runs one, so that any
// tool (redis-benchmark, pgbench, psql, a service of the user's) can be
// measured at a distance, and faults switched through its control port.
#include <CLI/CLI.hpp>

#include <charconv>
#include <iostream>
#include <optional>

#include "harness/cli/commands.hpp"
#include "harness/cli/duration_flag.hpp"
#include "harness/cli/shutdown_signals.hpp"
#include "harness/network/link_control.hpp"
#include "harness/network/link_shape.hpp"
#include "harness/network/tcp_link.hpp"

namespace revbench::cli {
namespace {

struct HostPort {
  std::string host;
  std::uint16_t port = 0;
};

struct LinkCommandOptions {
  HostPort listen;
  HostPort upstream;
  std::optional<HostPort> control;
  std::chrono::nanoseconds rtt{0};
  std::chrono::nanoseconds latency_up{0};
  std::chrono::nanoseconds latency_down{0};
  std::chrono::nanoseconds jitter{0};
  std::string distribution = "normal";
  std::uint64_t bandwidth = 0;
  std::uint64_t seed = 1;
};

// HOST:PORT, the host an address or a name; the last colon splits.
std::function<void(const std::string&)> host_port_into(HostPort& target, std::string flag, bool port_may_be_zero) {
  return [&target, flag = std::move(flag), port_may_be_zero](const std::string& text) {
    const auto colon = text.rfind(':');
    unsigned port = 0;
    const char* end = text.data() + text.size();
    const bool parsed = colon != std::string::npos && colon > 0 &&
                        std::from_chars(text.data() + colon + 1, end, port).ptr == end && colon + 1 < text.size();
    if (!parsed || port > 65535 || (port == 0 && !port_may_be_zero))
      throw CLI::ValidationError(flag, "expected HOST:PORT such as 127.0.0.1:6380, got '" + text + "'");
    target = {text.substr(0, colon), static_cast<std::uint16_t>(port)};
  };
}

int run(const LinkCommandOptions& options) {
  const ShutdownSignals signals;
  network::LinkOptions link_options;
  link_options.name = "link";
  link_options.listen_host = options.listen.host;
  link_options.listen_port = options.listen.port;
  link_options.upstream_host = options.upstream.host;
  link_options.upstream_port = options.upstream.port;
  const auto distribution = options.distribution == "pareto" ? network::Jitter::pareto : network::Jitter::normal;
  auto shape = network::LinkShape::round_trip(options.rtt + options.latency_up + options.latency_down, options.jitter,
                                              distribution, options.bandwidth);
  if (options.rtt.count() == 0) {
    shape.up.latency = options.latency_up;
    shape.down.latency = options.latency_down;
  }
  shape.seed = options.seed;
  link_options.shape = shape;
  network::TcpLink link(link_options);
  std::optional<network::LinkControl> control;
  if (options.control) control.emplace(link, options.control->host, options.control->port);
  std::cout << "link " << options.listen.host << ":" << link.port() << " -> " << options.upstream.host << ":"
            << options.upstream.port << ", " << network::describe(shape) << "\n";
  if (control) std::cout << "CONTROL http://" << options.control->host << ":" << control->port() << "\n";
  std::cout << "LISTENING " << options.listen.host << ":" << link.port() << std::endl;
  const int received = signals.wait();
  std::cerr << "revbench link: signal " << received << ", stopping\n";
  return 0;
}

}  // namespace

Action add_link_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "link", "Run one emulated network link (latency, jitter, bandwidth, faults) between a port and an upstream");
  auto options = std::make_shared<LinkCommandOptions>();
  command->add_option_function<std::string>("--listen", host_port_into(options->listen, "--listen", true),
                                            "HOST:PORT to listen on (port 0: a free one, printed)")
      ->required();
  command->add_option_function<std::string>("--upstream", host_port_into(options->upstream, "--upstream", false),
                                            "HOST:PORT every connection is carried to")
      ->required();
  auto* rtt = add_duration_flag(*command, "--rtt", options->rtt, "ms", "Round trip the link adds, split evenly over both directions");
  auto* up = add_duration_flag(*command, "--latency-up", options->latency_up, "ms", "One-way delay toward the upstream");
  auto* down = add_duration_flag(*command, "--latency-down", options->latency_down, "ms", "One-way delay back from the upstream");
  rtt->excludes(up)->excludes(down);
  add_duration_flag(*command, "--jitter", options->jitter, "ms",
                    "Spread of the round trip (normal: its standard deviation; pareto: its mean extra delay)");
  command->add_option("--distribution", options->distribution, "Jitter's distribution: normal or pareto")
      ->check(CLI::IsMember({"normal", "pareto"}))
      ->capture_default_str();
  command->add_option_function<std::string>(
      "--bandwidth",
      [o = options.get()](const std::string& text) {
        o->bandwidth = network::parse_bandwidth(text);
        if (o->bandwidth == 0)
          throw CLI::ValidationError("--bandwidth", "expected a rate such as 10MB/s, 512KiB/s or 100Mbit/s, got '" + text + "'");
      },
      "Rate each direction carries at most: 10MB/s, 512KiB/s, 100Mbit/s [default: unlimited]");
  command->add_option("--seed", options->seed, "Seed of the jitter's samples")->capture_default_str();
  command->add_option_function<std::string>(
      "--control",
      [o = options.get()](const std::string& text) {
        HostPort at;
        host_port_into(at, "--control", true)(text);
        o->control = at;
      },
      "HOST:PORT of the HTTP control API: GET /link, POST /faults, DELETE /faults[/ACTION]");
  return [options] { return run(*options); };
}

}  // namespace revbench::cli
