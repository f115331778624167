// The server's HTTP behaviour that no strategy changes: limits, errors, /metrics, /healthz.
#include "harness/server/http_server.hpp"

#include <gtest/gtest.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include "harness/contract/build_identity.hpp"
#include "harness/contract/seeded_users.hpp"
#include "harness/server/http_types.hpp"
#include "test_server.hpp"

namespace revbench::testing {
namespace {

// Sends raw bytes and returns what the server answers before closing.
std::string raw_exchange(std::uint16_t port, const std::string& bytes) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return "connect failed";
  (void)!write(fd, bytes.data(), bytes.size());
  shutdown(fd, SHUT_WR);
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  return answer;
}

TEST(HttpServer, LimitsAnswerWithTheRightStatus) {
  TestServer server("short-ttl");
  const std::string huge_header = "GET /api/resource HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\n";
  EXPECT_EQ(raw_exchange(server.port(), huge_header).substr(0, 12), "HTTP/1.1 431");
  const std::string huge_body = "POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n" + std::string(70000, 'a');
  EXPECT_EQ(raw_exchange(server.port(), huge_body).substr(0, 12), "HTTP/1.1 413");
  EXPECT_EQ(raw_exchange(server.port(), "garbage\r\n\r\n").substr(0, 12), "HTTP/1.1 400");
}

// A proxy and the server could each read a different one of two.
TEST(HttpServer, TwoAuthorizationHeadersAreRefused) {
  TestServer server("short-ttl");
  const std::string token = server.login(TestServer::fresh_user()).field("access_token");
  const std::string twice = "GET /api/resource HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                            "\r\nAuthorization: Bearer forged\r\n\r\n";
  EXPECT_EQ(raw_exchange(server.port(), twice).substr(0, 12), "HTTP/1.1 400");
  const std::string once = "GET /api/resource HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n";
  EXPECT_EQ(raw_exchange(server.port(), once).substr(0, 12), "HTTP/1.1 200");
}

// Admin endpoints answer loopback peers only; a request nobody vouched for is
// not from loopback, and 127.0.0.1 reaching a dual-stack socket (--bind ::)
// as ::ffff:127.0.0.1 is.
TEST(HttpServer, LoopbackIsRecognisedOnADualStackSocketAndNeverAssumed) {
  EXPECT_FALSE(server::HttpRequest{}.from_loopback);
  server::ServerConfig config;
  config.bind = "::";
  TestServer server("short-ttl", {}, config);
  const Reply banned = server.client().post("/admin/ban", {{"user", TestServer::fresh_user()}}, admin_token);
  EXPECT_EQ(banned.status, 204) << banned.body;
}

TEST(HttpServer, SlowClientsAreCutOffAtTheReadTimeout) {
  server::ServerConfig config;
  config.read_timeout = std::chrono::seconds(1);
  TestServer server("short-ttl", {}, config);
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(server.port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const std::string partial = "GET /healthz HTTP/1.1\r\nHo";  // and then nothing
  (void)!write(fd, partial.data(), partial.size());
  const auto started = std::chrono::steady_clock::now();
  char buffer[256];
  const ssize_t n = read(fd, buffer, sizeof buffer);  // returns when the server closes
  const auto waited = std::chrono::steady_clock::now() - started;
  close(fd);
  EXPECT_LE(n, 0);
  EXPECT_GE(waited, std::chrono::milliseconds(800));
  EXPECT_LT(waited, std::chrono::seconds(5));
}

TEST(HttpServer, ConnectionsOverTheCapAreClosed) {
  server::ServerConfig config;
  config.max_connections = 2;
  config.threads = 1;
  TestServer server("short-ttl", {}, config);
  std::vector<int> idle;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(server.port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  for (int i = 0; i < 2; ++i) {
    idle.push_back(socket(AF_INET, SOCK_STREAM, 0));
    ASSERT_EQ(connect(idle.back(), reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // both accepted and counted
  EXPECT_EQ(raw_exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"), "");
  for (int fd : idle) close(fd);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(server.client().get("/healthz").status, 200);
  EXPECT_NE(server.client().get("/metrics").body.find("revbench_rejected_connections_total{strategy=\"short-ttl\"} 1"),
            std::string::npos);
}

TEST(HttpServer, LoadUserRowCostsOneQueryExceptWhereTheStrategyReadsItAnyway) {
  server::ServerConfig config;
  config.load_user_row = true;
  for (const auto& [strategy, ops] : std::vector<std::pair<std::string, std::string>>{
           {"short-ttl", "redis=0, pg=1"}, {"pg-token-version", "redis=0, pg=1"}, {"redis-denylist", "redis=1, pg=1"}}) {
    TestServer server(strategy, {}, config);
    const std::string token = server.login(TestServer::fresh_user()).field("access_token");
    EXPECT_EQ(server.client().get("/api/resource", token).headers["Revbench-Store-Ops"], ops) << strategy;
  }
}

TEST(HttpServer, ErrorsAreJsonWithAStableReason) {
  TestServer server("short-ttl");
  auto& http = server.client();
  EXPECT_EQ(http.get("/nowhere").status, 404);
  EXPECT_EQ(http.get("/auth/login").status, 405);
  const Reply no_token = http.get("/api/resource");
  EXPECT_EQ(no_token.status, 401);
  EXPECT_EQ(no_token.field("reason"), "malformed");
  EXPECT_EQ(no_token.headers.at("WWW-Authenticate").rfind("Bearer error=\"invalid_token\"", 0), 0U);
  std::string forged = server.login(TestServer::fresh_user()).field("access_token");
  forged[forged.size() - 5] = forged[forged.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(http.get("/api/resource", forged).field("reason"), "bad_signature");
  EXPECT_EQ(http.get("/api/resource", "not.a.jwt").field("reason"), "malformed");
  EXPECT_EQ(http.get("/api/resource", "abc").field("reason"), "malformed");
  EXPECT_EQ(http.post_raw("/auth/login", "{not json").status, 400);
  const Reply bad_password = http.post("/auth/login", {{"user", "user-000001"}, {"password", "wrong"}});
  EXPECT_EQ(bad_password.status, 401);
  EXPECT_EQ(bad_password.field("reason"), "bad_credentials");
  EXPECT_EQ(http.post("/admin/rotate-secret", {}).status, 403);
}

// A name with a NUL logged in as the name before it while its token carried
// the whole string, so a ban of the plain name missed it (issue 22, defect 2).
TEST(HttpServer, UserNamesWithControlCharactersAreRefusedEverywhere) {
  TestServer server("redis-denylist");
  auto& http = server.client();
  const std::string user = TestServer::fresh_user();
  const std::string password = contract::seeded_password(user);
  for (const std::string& name : {user + std::string(1, '\0') + "x", user + "\n", std::string(1, '\x7f') + user,
                                  std::string(), std::string(300, 'u')}) {
    const Reply login = http.post("/auth/login", {{"user", name}, {"password", password}});
    EXPECT_EQ(login.status, 400) << login.body;
    EXPECT_EQ(login.field("reason"), "bad_user_name");
    EXPECT_EQ(http.post("/admin/ban", {{"user", name}}, admin_token).field("reason"), "bad_user_name");
    EXPECT_EQ(http.post("/auth/reset-request", {{"user", name}}).field("reason"), "bad_user_name");
  }
  // The plain name still logs in, and its token names exactly that user.
  const Reply plain = server.login(user);
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(http.get("/api/resource", plain.field("access_token")).field("user"), user);
}

// /auth/reset-request used to hand the reset token to any caller and to say
// `unknown_user` for a name nobody has. With no mailbox of the benchmark's,
// a known user and an unknown one get the same answer, and no token.
TEST(HttpServer, ResetRequestsWithoutAMailboxSayNothingOfWhoExists) {
  server::ServerConfig config;
  config.reset_delivery = server::ResetDelivery::none;
  TestServer server("redis-denylist", {}, config);
  auto& http = server.client();
  const Reply known = http.post("/auth/reset-request", {{"user", TestServer::fresh_user()}});
  const Reply unknown = http.post("/auth/reset-request", {{"user", "nobody-" + TestServer::fresh_user()}});
  EXPECT_EQ(known.status, 202);
  EXPECT_EQ(known.status, unknown.status);
  EXPECT_EQ(known.body, unknown.body);
  EXPECT_EQ(known.body.find("reset_token"), std::string::npos) << known.body;
}

// The PBKDF2 queue was unbounded: a login flood queued hashing without end.
// Past --hashing-queue requests hashing at once, the rest get 503 overloaded
// before any work, with Retry-After, counted; once the queue drains, logins work.
TEST(HttpServer, LoginsPastTheHashingQueueAreShed) {
  server::ServerConfig config = mailbox_config();
  config.hashing_queue = 2;
  config.password_iterations = 200000;  // an unknown user's check costs this much (the decoy hash)
  TestServer server("short-ttl", {}, config);
  constexpr int flood = 12;
  std::vector<Reply> replies(flood);
  std::vector<std::thread> threads;
  for (int i = 0; i < flood; ++i)
    threads.emplace_back([&, i] {
      replies[i] = server.client().post("/auth/login", {{"user", "nobody-" + std::to_string(i)}, {"password", "x"}});
    });
  for (auto& thread : threads) thread.join();
  int shed = 0;
  for (const auto& reply : replies) {
    if (reply.status == 503) {
      ++shed;
      EXPECT_EQ(reply.field("reason"), "overloaded");
      EXPECT_EQ(reply.headers.count("retry-after") + reply.headers.count("Retry-After"), 1u);
    } else {
      EXPECT_EQ(reply.field("reason"), "bad_credentials") << reply.status << " " << reply.body;
    }
  }
  EXPECT_GE(shed, flood - 2 * 2) << "at most the queue's two, and two more finishing meanwhile, get through";
  EXPECT_EQ(server.login(TestServer::fresh_user()).status, 200) << "the queue did not drain";
  const std::string metrics = server.client().get("/metrics").body;
  const std::string counted = "reason=\"overloaded\",strategy=\"short-ttl\"} " + std::to_string(shed);
  EXPECT_NE(metrics.find(counted), std::string::npos) << metrics.substr(metrics.find("revbench_rejections_total"), 3000);
  const std::string build = "revbench_build_info{commit=\"" + contract::build_commit() + "\",version=\"" +
                            contract::build_version() + "\"} 1";
  EXPECT_NE(metrics.find(build), std::string::npos) << "no " << build;
}

// The no-auth baseline: the same answer for everyone, with or without a
// token, and no store touched.
TEST(HttpServer, PublicAnswersEveryoneAlike) {
  TestServer server("redis-denylist");
  const std::string token = server.login(TestServer::fresh_user()).field("access_token");
  for (const std::string& bearer : {std::string(), token, std::string("not.a.jwt")}) {
    const Reply reply = server.client().get("/api/public", bearer);
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.headers.at("Content-Type"), "application/json");
    EXPECT_EQ(reply.json(), (boost::json::object{{"public", true}, {"strategy", "redis-denylist"}}));
    EXPECT_EQ(reply.headers.at("Revbench-Store-Ops"), "redis=0, pg=0");
  }
}

// Prometheus's own linter accepts what /metrics serves (names, units, types, help).
TEST(HttpServer, MetricsPassPromtoolCheck) {
  TestServer server("redis-denylist");
  const std::string token = server.login(TestServer::fresh_user()).field("access_token");
  server.resource(token);
  server.client().post("/auth/logout", {}, token);
  const std::string path = "/tmp/revbench-metrics-" + std::to_string(getpid()) + ".txt";
  {
    std::ofstream out(path);
    out << server.client().get("/metrics").body;
  }
  FILE* check = popen(("promtool check metrics < " + path + " 2>&1").c_str(), "r");
  ASSERT_NE(check, nullptr);
  std::string output;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, check) != nullptr) output += buffer;
  const int status = pclose(check);
  std::remove(path.c_str());
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "");
}

TEST(HttpServer, MetricsAndHealth) {
  TestServer server("redis-denylist");
  const std::string token = server.login(TestServer::fresh_user()).field("access_token");
  server.resource(token);
  const Reply metrics = server.client().get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find(
                "revbench_http_requests_total{endpoint=\"resource\",outcome=\"ok\",strategy=\"redis-denylist\"} 1"),
            std::string::npos)
      << metrics.body.substr(0, 2000);
  EXPECT_NE(metrics.body.find("revbench_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(metrics.body.find("revbench_store_ops_total{store=\"redis\",strategy=\"redis-denylist\"}"), std::string::npos);
  EXPECT_EQ(metrics.body.find(token), std::string::npos);  // no token material in metrics
  const Reply health = server.client().get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.field("status"), "ok");
}

}  // namespace
}  // namespace revbench::testing
