#include "harness/session/haproxy_balancer.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <csignal>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "harness/store/free_port.hpp"

namespace revbench::session {
namespace {

// Answered by HAProxy itself (monitor-uri), never by an instance: what tells
// our balancer from another process that took the port first.
constexpr const char* monitor_path = "/revbench-balancer-up";

bool answers_as_balancer(std::uint16_t port) {
  namespace asio = boost::asio;
  try {
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    const std::string request = std::string("GET ") + monitor_path + " HTTP/1.0\r\n\r\n";
    asio::write(socket, asio::buffer(request));
    std::string answer(12, '\0');
    asio::read(socket, asio::buffer(answer));
    return answer == "HTTP/1.0 200" || answer == "HTTP/1.1 200";
  } catch (const std::exception&) {
    return false;
  }
}

// Sticky picks a new client's instance at random: round robin there would
// pair clients that arrive in lockstep (a victim's login, then its thief's
// first request) with neighbouring instances every time.
const char* algorithm_of(network::Balancing balancing) {
  switch (balancing) {
    case network::Balancing::leastconn: return "leastconn";
    case network::Balancing::sticky: return "random(1)";  // uniform: HAProxy's random(2) takes the less loaded of two
    default: return "roundrobin";
  }
}

}  // namespace

std::string haproxy_config(const std::vector<load::HttpTarget>& instances, network::Balancing balancing, std::uint16_t port) {
  const bool sticky = balancing == network::Balancing::sticky;
  // Keep-alive on both sides and each request balanced on its own (HTTP
  // mode); no health checks: an instance that is down is the run's to see.
  std::string config =
      "global\n"
      "  maxconn 4096\n"
      "defaults\n"
      "  mode http\n"
      "  timeout connect 2s\n"
      "  timeout client 60s\n"
      "  timeout server 60s\n"
      "  timeout http-keep-alive 60s\n"
      "frontend revbench\n"
      "  bind 127.0.0.1:" + std::to_string(port) + "\n"
      "  monitor-uri " + monitor_path + "\n"
      "  default_backend fleet\n"
      "backend fleet\n"
      "  balance " + algorithm_of(balancing) + "\n";
  if (sticky) config += std::string("  cookie ") + sticky_cookie + " insert indirect nocache\n";
  config += std::string("  http-response set-header ") + served_by_header + " %[srv_name]\n";
  for (std::size_t i = 0; i < instances.size(); ++i) {
    const auto name = std::to_string(i + 1);
    config += "  server " + name + " " + instances[i].host + ":" + std::to_string(instances[i].port) +
              (sticky ? " cookie " + name : "") + "\n";
  }
  return config;
}

HaproxyBalancer::HaproxyBalancer(const std::vector<load::HttpTarget>& instances, network::Balancing balancing)
    : dir_("revbench-haproxy") {
  if (balancing == network::Balancing::none) throw std::invalid_argument("a balancer needs a balancing other than none");
  store::start_on_a_free_port([&](std::uint16_t port) {
    port_ = port;
    start(instances, balancing);
  });
}

HaproxyBalancer::~HaproxyBalancer() { process_.stop(SIGTERM, std::chrono::seconds(2)); }

void HaproxyBalancer::start(const std::vector<load::HttpTarget>& instances, network::Balancing balancing) {
  const auto config = (dir_.path() / "haproxy.cfg").string();
  const auto log = (dir_.path() / "haproxy.log").string();
  std::ofstream(config) << haproxy_config(instances, balancing, port_);
  process_ = store::ChildProcess(store::ChildOptions{{"haproxy", "-f", config, "-db"}, std::nullopt, log, dir_.path().string()});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!answers_as_balancer(port_)) {
    if (!process_.running()) {
      const std::string said = store::tail_of(log);
      if (store::says_port_taken(said)) throw store::PortTaken("haproxy: port " + std::to_string(port_) + " taken: " + said);
      throw std::runtime_error("haproxy exited at start-up (is haproxy installed?): " + said);
    }
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("haproxy did not answer within 10 s: " + store::tail_of(log));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace revbench::session
