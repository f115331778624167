#include "harness/jwt/unverified_subject.hpp"

#include <boost/json/parse.hpp>

#include "harness/jwt/base64url.hpp"

namespace revbench::jwt {

namespace {

std::optional<boost::json::object> unverified_payload(std::string_view token) {
  const auto first = token.find('.');
  const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const auto payload = base64url_decode(token.substr(first + 1, second - first - 1));
  if (!payload) return std::nullopt;
  boost::system::error_code ec;
  auto value = boost::json::parse(*payload, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

}  // namespace

std::optional<Claims> unverified_claims(std::string_view token) {
  const auto payload = unverified_payload(token);
  if (!payload) return std::nullopt;
  auto claims = Claims::from_payload(*payload);
  if (!claims) return std::nullopt;
  return std::move(claims.value());
}

std::optional<std::string> unverified_subject(std::string_view token) {
  const auto payload = unverified_payload(token);
  if (!payload) return std::nullopt;
  const auto* sub = payload->if_contains("sub");
  if (sub == nullptr || !sub->is_string()) return std::nullopt;
  return std::string(sub->as_string());
}

}  // namespace revbench::jwt
