#include "harness/store/sentinel_lookup.hpp"

#include <hiredis/hiredis.h>

#include <charconv>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/store/hiredis_reply.hpp"

namespace revbench::store {
namespace {

std::optional<std::uint16_t> port_named(std::string_view text) {
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc() || end != text.data() + text.size() || port == 0 || port > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(port);
}

}  // namespace

std::optional<RedisEndpoint> endpoint_of(const RedisReply& reply) {
  if (reply.type != RedisReply::Type::array || reply.elements.size() != 2) return std::nullopt;
  const auto port = port_named(reply.elements[1].str);
  if (reply.elements[0].str.empty() || !port) return std::nullopt;
  return RedisEndpoint{reply.elements[0].str, *port};
}

std::optional<RedisEndpoint> primary_from_sentinels(const RedisConfig& config, std::chrono::milliseconds timeout_each) {
  const timeval timeout{static_cast<time_t>(timeout_each.count() / 1000),
                        static_cast<suseconds_t>((timeout_each.count() % 1000) * 1000)};
  for (const auto& sentinel : config.sentinels) {
    std::unique_ptr<redisContext, decltype(&redisFree)> context(
        redisConnectWithTimeout(sentinel.host.c_str(), sentinel.port, timeout), redisFree);
    if (!context || context->err != 0) continue;
    redisSetTimeout(context.get(), timeout);
    std::unique_ptr<redisReply, decltype(&freeReplyObject)> reply(
        static_cast<redisReply*>(redisCommand(context.get(), "SENTINEL get-master-addr-by-name %b",
                                              config.primary_name.data(), config.primary_name.size())),
        freeReplyObject);
    if (!reply) continue;
    if (auto primary = endpoint_of(copy_reply(*reply))) return primary;
  }
  return std::nullopt;
}

RedisConfig aimed_at_primary(RedisConfig config) {
  if (!config.follows_sentinels()) return config;
  const auto primary = primary_from_sentinels(config);
  if (!primary)
    throw std::runtime_error("redis: no Sentinel of " + config.url() + " names the primary " + config.primary_name);
  config.host = primary->host;
  config.port = primary->port;
  return config;
}

std::optional<RedisEndpoint> switched_primary(std::string_view payload, std::string_view name) {
  std::vector<std::string_view> words;
  while (!payload.empty()) {
    const auto space = payload.find(' ');
    words.push_back(payload.substr(0, space));
    payload = space == std::string_view::npos ? std::string_view() : payload.substr(space + 1);
  }
  if (words.size() != 5 || words[0] != name) return std::nullopt;
  const auto port = port_named(words[4]);
  if (!port || words[3].empty()) return std::nullopt;
  return RedisEndpoint{std::string(words[3]), *port};
}

}  // namespace revbench::store
