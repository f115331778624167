#include "test_server.hpp"

#include <stdexcept>

#include "../store/store_environment.hpp"
#include "harness/contract/seeded_users.hpp"
#include "harness/server/seed.hpp"

namespace revbench::testing {
namespace {
constexpr int seeded_users = 400;
std::atomic<int> next_user{1};

server::ServerConfig with_stores(server::ServerConfig config) {
  if (config.redis_url.empty()) config.redis_url = store::testing::shared_redis().url();
  if (config.pg_url.empty()) config.pg_url = store::testing::shared_postgres().url();
  config.admin_token = admin_token;
  config.threads = 2;
  return config;
}
}  // namespace

std::vector<std::string> all_strategy_names() {
  std::vector<std::string> names;
  for (auto name : strategies::strategy_names()) names.emplace_back(name);
  return names;
}

// gtest names allow no '-': short-ttl runs as AllStrategies/.../short_ttl.
std::string strategy_test_name(const ::testing::TestParamInfo<std::string>& param_info) {
  std::string name = param_info.param;
  for (auto& c : name)
    if (c == '-') c = '_';
  return name;
}

TestServer::TestServer(const std::string& strategy, strategies::StrategyOptions options, server::ServerConfig config)
    : strategy_(strategies::make_strategy(strategy, options)),
      server_(std::make_unique<server::HttpServer>(with_stores(config), *strategy_)),
      client_(server_->port()) {
  static const bool seeded = [] {
    server::seed_users(store::testing::shared_postgres().url(), seeded_users, 1000);
    return true;
  }();
  (void)seeded;
  if (!server_->start()) throw std::runtime_error("test server: stores did not answer");
}

TestServer::~TestServer() { server_->stop(); }

std::uint16_t TestServer::port() const { return server_->port(); }

std::string TestServer::fresh_user() {
  const int index = next_user.fetch_add(1);
  if (index > seeded_users) throw std::runtime_error("test server: out of seeded users");
  return contract::seeded_user(index);
}

Reply TestServer::login(const std::string& user) {
  return client_.post("/auth/login", {{"user", user}, {"password", contract::seeded_password(user)}});
}

std::string TestServer::resource(const std::string& access_token) {
  const Reply reply = client_.get("/api/resource", access_token);
  if (reply.status == 200) return "200";
  return reply.field("reason").empty() ? std::to_string(reply.status) : reply.field("reason");
}

}  // namespace revbench::testing
