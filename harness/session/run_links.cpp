#include "harness/session/run_links.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "harness/network/tcp_link.hpp"
#include "harness/session/link_round_trips.hpp"
#include "harness/store/embedded_stores.hpp"

namespace revbench::session {

RunLinks::RunLinks(std::span<const network::LinkSetting> settings, std::span<const scenarios::FaultedLink> faulted,
                   const scenarios::Regions* regions, store::Stores* stores)
    : settings_(settings.begin(), settings.end()), faulted_(faulted.begin(), faulted.end()), regions_(regions),
      stores_(stores) {
  if (stores_ == nullptr) return;
  const auto& redis_url = stores_->redis_url();
  const auto& pg_url = stores_->pg_url();
  direct_ = {redis_url, redis_url, pg_url};
  const auto shared = [this](network::Tier tier, const std::string& url) {
    const auto setting = setting_for(tier);
    return setting ? through(tier, url, setting->shape, 0, setting->text) : url;
  };
  shared_.redis = shared(network::Tier::server_redis, redis_url);
  shared_.subscriber_redis = shared(network::Tier::subscriber_redis, redis_url);
  shared_.pg = shared(network::Tier::server_postgres, pg_url);
  replicate(false);
}

void RunLinks::replicate(bool direct) {
  const auto port_of = [this, direct](network::Tier tier, const std::string& primary_url, std::uint16_t primary_port) {
    const auto setting = direct ? std::nullopt : setting_for(tier);
    if (!setting) return primary_port;
    const auto url = through(tier, primary_url, setting->shape, 0, setting->text);
    return boost::urls::parse_uri(url)->port_number();
  };
  auto* redis = stores_->redis_replica();
  auto* pg = stores_->pg_standby();
  if (redis != nullptr)
    redis->follow(port_of(network::Tier::redis_replication, direct_.redis, stores_->embedded_redis()->port()));
  if (pg != nullptr)
    pg->follow(port_of(network::Tier::postgres_replication, direct_.pg, stores_->embedded_postgres()->port()));
  // A partitioned replication link is the fault's to cut later, never at the start.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while ((redis != nullptr && !redis->replicating()) || (pg != nullptr && !pg->streaming())) {
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("the stores' replicas did not replicate within 20 s of being pointed at their primaries");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

StoreUrls RunLinks::stores_for(std::size_t instance) {
  const int numbered = static_cast<int>(instance) + 1;
  const auto* distance = regions_ != nullptr ? regions_->to_stores(instance) : nullptr;
  if (distance == nullptr) {
    // A fault for this instance alone needs a link of its own on the tier,
    // shaped as the tier's shared one.
    const auto own = [&](network::Tier tier, const std::string& direct, const std::string& shared) {
      if (!faulted(tier, numbered)) return shared;
      const auto setting = setting_for(tier);
      return through(tier, direct, setting ? setting->shape : network::LinkShape{}, numbered,
                     std::string(network::tier_name(tier)) + " of instance " + std::to_string(numbered));
    };
    return {own(network::Tier::server_redis, direct_.redis, shared_.redis),
            own(network::Tier::subscriber_redis, direct_.subscriber_redis, shared_.subscriber_redis),
            own(network::Tier::server_postgres, direct_.pg, shared_.pg)};
  }
  // In another region than the stores: its own links, of the regions' distance.
  const auto text = distance->a + "-" + distance->b + " " + distance->text;
  return {through(network::Tier::server_redis, direct_.redis, distance->shape, numbered, text),
          through(network::Tier::subscriber_redis, direct_.subscriber_redis, distance->shape, numbered, text),
          through(network::Tier::server_postgres, direct_.pg, distance->shape, numbered, text)};
}

RunLinks::~RunLinks() {
  if (stores_ == nullptr) return;
  try {
    replicate(true);  // before the links go: a synchronous primary would wait for its standby
  } catch (const std::exception&) {
    // A replica that does not come back fails the next run's start, with its reason.
  }
}

std::optional<network::LinkSetting> RunLinks::setting_for(network::Tier tier) const {
  const auto found = std::find_if(settings_.begin(), settings_.end(), [tier](const auto& s) { return s.tier == tier; });
  if (found != settings_.end()) return *found;
  // A fault on every instance's link needs the tier's; so does any fault on
  // the client's tier, whose links are per instance anyway.
  const bool cut = std::any_of(faulted_.begin(), faulted_.end(), [tier](const auto& f) {
    return f.tier == tier && (f.instance == 0 || tier == network::Tier::client_server);
  });
  if (cut) return network::LinkSetting{tier, {}, std::string(network::tier_name(tier)) + "=0s"};
  return std::nullopt;
}

bool RunLinks::faulted(network::Tier tier, int instance) const {
  return std::find(faulted_.begin(), faulted_.end(), scenarios::FaultedLink{tier, instance}) != faulted_.end();
}

void RunLinks::apply(network::Tier tier, int instance, const network::LinkFault& fault) {
  for (auto& placed : placed_)
    if (placed.tier == tier && (instance == 0 || placed.instance == instance)) placed.link->apply(fault);
}

void RunLinks::lift(network::Tier tier, int instance, network::FaultAction action) {
  for (auto& placed : placed_)
    if (placed.tier == tier && (instance == 0 || placed.instance == instance)) placed.link->lift(action);
}

// The URL with its host and port replaced by a new link's listening address;
// `why` names the setting in an error.
std::string RunLinks::through(network::Tier tier, const std::string& url, const network::LinkShape& shape, int instance,
                              const std::string& why) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || !parsed->has_port())
    throw std::invalid_argument(why + ": the store's URL names no host:port to put a link in front of");
  network::LinkOptions options;
  options.name = std::string(network::tier_name(tier));
  options.upstream_host = std::string(parsed->host());
  options.upstream_port = parsed->port_number();
  options.shape = shape;
  auto link = std::make_unique<network::TcpLink>(options);
  boost::urls::url rewritten(*parsed);
  rewritten.set_host_ipv4(boost::urls::ipv4_address(0x7f000001));
  rewritten.set_port_number(link->port());
  placed_.push_back({tier, instance, std::move(link), std::string(rewritten.buffer()), {}, {}});
  return placed_.back().store_url;
}

std::vector<load::HttpTarget> RunLinks::in_front_of(const std::vector<load::HttpTarget>& instances) {
  const auto setting = setting_for(network::Tier::client_server);
  if (!setting) return instances;
  std::vector<load::HttpTarget> reached;
  for (std::size_t i = 0; i < instances.size(); ++i) {
    network::LinkOptions options;
    options.name = std::string(network::tier_name(network::Tier::client_server));
    options.upstream_host = instances[i].host;
    options.upstream_port = instances[i].port;
    options.shape = setting->shape;
    auto link = std::make_unique<network::TcpLink>(options);
    reached.push_back({"127.0.0.1", link->port()});
    placed_.push_back({network::Tier::client_server, static_cast<int>(i) + 1, std::move(link), {}, reached.back(), {}});
  }
  return reached;
}

void RunLinks::measure_round_trips(int samples) {
  for (auto& placed : placed_) {
    switch (placed.tier) {
      case network::Tier::client_server: placed.measured = http_round_trips(placed.server, samples); break;
      case network::Tier::server_postgres: placed.measured = postgres_round_trips(placed.store_url, samples); break;
      case network::Tier::server_redis:
      case network::Tier::subscriber_redis:
      case network::Tier::redis_replication: placed.measured = redis_round_trips(placed.store_url, samples); break;
      case network::Tier::postgres_replication: placed.measured = postgres_round_trips(placed.store_url, samples); break;
    }
  }
}

std::vector<results::LinkRecord> RunLinks::records() const {
  std::vector<results::LinkRecord> out;
  for (const auto& placed : placed_) {
    const auto state = placed.link->state();
    out.push_back({std::string(network::tier_name(placed.tier)), placed.instance, network::describe(state.options.shape),
                   state.counters.accepted, state.counters.bytes_up, state.counters.bytes_down, placed.measured});
  }
  return out;
}

}  // namespace revbench::session
