#include "harness/store/redis_config.hpp"

#include <boost/url/parse.hpp>

#include <stdexcept>

namespace revbench::store {

std::string RedisConfig::url() const { return "redis://" + host + ":" + std::to_string(port); }

RedisConfig parse_redis_url(std::string_view text) {
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) throw std::invalid_argument("redis URL '" + std::string(text) + "': " + parsed.error().message());
  const auto& url = *parsed;
  if (url.scheme() != "redis") throw std::invalid_argument("redis URL '" + std::string(text) + "': scheme must be redis");
  if (url.host().empty()) throw std::invalid_argument("redis URL '" + std::string(text) + "': no host");
  if (url.has_userinfo() || !url.encoded_query().empty())
    throw std::invalid_argument("redis URL '" + std::string(text) + "': credentials and options are not supported");
  if (!url.path().empty() && url.path() != "/")
    throw std::invalid_argument("redis URL '" + std::string(text) + "': database selection is not supported");
  RedisConfig config;
  config.host = url.host();
  if (url.has_port()) {
    const auto port = url.port_number();
    if (port == 0) throw std::invalid_argument("redis URL '" + std::string(text) + "': bad port");
    config.port = port;
  }
  return config;
}

}  // namespace revbench::store
