#include "harness/store/redis_config.hpp"

#include <boost/url/parse.hpp>

#include <charconv>
#include <stdexcept>

namespace revbench::store {
namespace {

constexpr std::string_view sentinel_scheme = "redis-sentinel://";

std::invalid_argument bad(std::string_view url, const std::string& why) {
  return std::invalid_argument("redis URL '" + std::string(url) + "': " + why);
}

// host:port, both required: a Sentinel has no default port a reader would guess.
RedisEndpoint parse_endpoint(std::string_view url, std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) throw bad(url, "Sentinel '" + std::string(text) + "' is not host:port");
  unsigned port = 0;
  const auto digits = text.substr(colon + 1);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (ec != std::errc() || end != digits.data() + digits.size() || port == 0 || port > 65535)
    throw bad(url, "Sentinel '" + std::string(text) + "': bad port");
  return {std::string(text.substr(0, colon)), static_cast<std::uint16_t>(port)};
}

RedisConfig parse_sentinel_url(std::string_view text) {
  const auto rest = text.substr(sentinel_scheme.size());
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos || slash + 1 == rest.size())
    throw bad(text, "name the primary the Sentinels monitor: redis-sentinel://host:port,.../NAME");
  RedisConfig config;
  config.host.clear();
  config.port = 0;
  config.primary_name = std::string(rest.substr(slash + 1));
  if (config.primary_name.find_first_of("/?@# ") != std::string::npos)
    throw bad(text, "primary name '" + config.primary_name + "': credentials, options and paths are not supported");
  for (std::string_view hosts = rest.substr(0, slash); !hosts.empty();) {
    const auto comma = hosts.find(',');
    config.sentinels.push_back(parse_endpoint(text, hosts.substr(0, comma)));
    hosts = comma == std::string_view::npos ? std::string_view() : hosts.substr(comma + 1);
  }
  if (config.sentinels.empty()) throw bad(text, "no Sentinel");
  return config;
}

}  // namespace

std::string RedisConfig::url() const {
  if (!follows_sentinels()) return "redis://" + host + ":" + std::to_string(port);
  std::string url(sentinel_scheme);
  for (std::size_t i = 0; i < sentinels.size(); ++i)
    url += (i == 0 ? "" : ",") + sentinels[i].host + ":" + std::to_string(sentinels[i].port);
  return url + "/" + primary_name;
}

RedisConfig parse_redis_url(std::string_view text) {
  if (text.starts_with(sentinel_scheme)) return parse_sentinel_url(text);
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) throw bad(text, parsed.error().message());
  const auto& url = *parsed;
  if (url.scheme() != "redis") throw bad(text, "scheme must be redis (or redis-sentinel)");
  if (url.host().empty()) throw bad(text, "no host");
  if (url.has_userinfo() || !url.encoded_query().empty()) throw bad(text, "credentials and options are not supported");
  if (!url.path().empty() && url.path() != "/") throw bad(text, "database selection is not supported");
  RedisConfig config;
  config.host = url.host();
  if (url.has_port()) {
    const auto port = url.port_number();
    if (port == 0) throw bad(text, "bad port");
    config.port = port;
  }
  return config;
}

}  // namespace revbench::store
