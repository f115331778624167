#pragma once
// A revbench server with one strategy, in this process, on the shared
// embedded stores, plus the moves the semantics tests make with it.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "harness/server/http_server.hpp"
#include "http_client.hpp"
#include "strategies/registry.hpp"

namespace revbench::testing {

inline const std::string admin_token = "test-admin-token";

// For tests parameterised over every strategy.
std::vector<std::string> all_strategy_names();
std::string strategy_test_name(const ::testing::TestParamInfo<std::string>& param_info);

// The tests' server: the benchmark plays the mailbox (reset tokens come back in the response).
inline server::ServerConfig mailbox_config() {
  server::ServerConfig config;
  config.reset_delivery = server::ResetDelivery::response;
  return config;
}

class TestServer {
 public:
  explicit TestServer(const std::string& strategy, strategies::StrategyOptions options = {},
                      server::ServerConfig config = mailbox_config());
  ~TestServer();

  HttpClient& client() { return client_; }
  strategies::Strategy& strategy() { return *strategy_; }
  std::uint16_t port() const;

  // A user nobody else in this test binary uses.
  static std::string fresh_user();
  // Logs in; returns the whole reply (access_token, refresh_token?).
  Reply login(const std::string& user);
  // 200 or the 401 reason for GET /api/resource with this token.
  std::string resource(const std::string& access_token);

 private:
  std::unique_ptr<strategies::Strategy> strategy_;
  std::unique_ptr<server::HttpServer> server_;
  HttpClient client_;
};

}  // namespace revbench::testing
