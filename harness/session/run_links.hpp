#pragma once
// The links one run puts on its tiers (`--link TIER=SHAPE`): one in front of
// each store for every instance's connections, one in front of each instance
// for the generator's. They live as long as the run; the fleet, made after
// them, is stopped before them.
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "harness/load/http_connection.hpp"
#include "harness/network/link_tier.hpp"
#include "results/scenario_results.hpp"

namespace revbench::network {
class TcpLink;
}

namespace revbench::session {

class RunLinks {
 public:
  // Links for the store tiers the settings name, to the stores at these URLs.
  RunLinks(std::span<const network::LinkSetting> settings, const std::string& redis_url, const std::string& pg_url);
  ~RunLinks();
  RunLinks(const RunLinks&) = delete;
  RunLinks& operator=(const RunLinks&) = delete;

  // The URLs the servers use: through a link where the tier has one.
  const std::string& redis_url() const { return redis_url_; }
  const std::string& subscriber_redis_url() const { return subscriber_redis_url_; }
  const std::string& pg_url() const { return pg_url_; }

  // The instances as the generator reaches them: through a link each when
  // the client-server tier has one.
  std::vector<load::HttpTarget> in_front_of(const std::vector<load::HttpTarget>& instances);

  std::vector<results::LinkRecord> records() const;

 private:
  struct Placed {
    network::Tier tier;
    int instance;
    std::unique_ptr<network::TcpLink> link;
  };
  std::string through(network::Tier tier, const std::string& url);

  std::vector<network::LinkSetting> settings_;
  std::vector<Placed> placed_;
  std::string redis_url_, subscriber_redis_url_, pg_url_;
};

}  // namespace revbench::session
