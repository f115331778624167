#include "harness/session/run_links.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <algorithm>
#include <stdexcept>

#include "harness/network/tcp_link.hpp"

namespace revbench::session {
namespace {

const network::LinkSetting* setting_for(std::span<const network::LinkSetting> settings, network::Tier tier) {
  const auto found = std::find_if(settings.begin(), settings.end(), [tier](const auto& s) { return s.tier == tier; });
  return found == settings.end() ? nullptr : &*found;
}

}  // namespace

RunLinks::RunLinks(std::span<const network::LinkSetting> settings, const std::string& redis_url, const std::string& pg_url)
    : settings_(settings.begin(), settings.end()) {
  redis_url_ = through(network::Tier::server_redis, redis_url);
  subscriber_redis_url_ = through(network::Tier::subscriber_redis, redis_url);
  pg_url_ = through(network::Tier::server_postgres, pg_url);
}

RunLinks::~RunLinks() = default;

// The URL with its host and port replaced by a link's listening address.
std::string RunLinks::through(network::Tier tier, const std::string& url) {
  const auto* setting = setting_for(settings_, tier);
  if (setting == nullptr) return url;
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || !parsed->has_port())
    throw std::invalid_argument("--link " + setting->text + ": the store's URL names no host:port to put a link in front of");
  network::LinkOptions options;
  options.name = std::string(network::tier_name(tier));
  options.upstream_host = std::string(parsed->host());
  options.upstream_port = parsed->port_number();
  options.shape = setting->shape;
  auto link = std::make_unique<network::TcpLink>(options);
  boost::urls::url rewritten(*parsed);
  rewritten.set_host_ipv4(boost::urls::ipv4_address(0x7f000001));
  rewritten.set_port_number(link->port());
  placed_.push_back({tier, 0, std::move(link)});
  return std::string(rewritten.buffer());
}

std::vector<load::HttpTarget> RunLinks::in_front_of(const std::vector<load::HttpTarget>& instances) {
  const auto* setting = setting_for(settings_, network::Tier::client_server);
  if (setting == nullptr) return instances;
  std::vector<load::HttpTarget> reached;
  for (std::size_t i = 0; i < instances.size(); ++i) {
    network::LinkOptions options;
    options.name = std::string(network::tier_name(network::Tier::client_server));
    options.upstream_host = instances[i].host;
    options.upstream_port = instances[i].port;
    options.shape = setting->shape;
    auto link = std::make_unique<network::TcpLink>(options);
    reached.push_back({"127.0.0.1", link->port()});
    placed_.push_back({network::Tier::client_server, static_cast<int>(i) + 1, std::move(link)});
  }
  return reached;
}

std::vector<results::LinkRecord> RunLinks::records() const {
  std::vector<results::LinkRecord> out;
  for (const auto& placed : placed_) {
    const auto state = placed.link->state();
    out.push_back({std::string(network::tier_name(placed.tier)), placed.instance, network::describe(state.options.shape),
                   state.counters.accepted, state.counters.bytes_up, state.counters.bytes_down});
  }
  return out;
}

}  // namespace revbench::session
