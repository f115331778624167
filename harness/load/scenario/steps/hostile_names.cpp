#include "harness/load/scenario/steps/hostile_names.hpp"

#include <algorithm>
#include <cctype>

#include "harness/contract/endpoint.hpp"
#include "harness/load/scenario/contract_client.hpp"
#include "harness/load/scenario/scenario_runner.hpp"
#include "harness/load/scenario/stage.hpp"

namespace revbench::load {
using contract::Endpoint;

std::vector<HostileName> hostile_variants(const std::string& name) {
  const auto with_hyphen = [&name](std::string_view replacement) {
    std::string out = name;
    if (const auto at = out.find('-'); at != std::string::npos) return out.replace(at, 1, replacement);
    return out + std::string(replacement);
  };
  std::string upper = name;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  if (upper == name) upper += "A";
  return {
      {name + std::string("\0x", 2), "a NUL byte and text after it"},
      {name + std::string(1, '\0'), "a trailing NUL byte"},
      {name + "\x01", "a control character"},
      {name + "\n", "a line feed"},
      {name + "\t", "a tab"},
      {name + "\x7f", "DEL"},
      {name + " ", "a trailing space"},
      {" " + name, "a leading space"},
      {upper, "another case"},
      {with_hyphen("\xe2\x80\x90"), "a look-alike hyphen (U+2010)"},
      {name + "\xe2\x80\x8b", "a zero-width space (U+200B)"},
      {name + "\xcc\x81", "a combining accent (U+0301)"},
      {with_hyphen("\xc0\xad"), "an overlong UTF-8 hyphen (invalid UTF-8)"},
      {name + "\xff", "a byte that is never UTF-8"},
      {name + std::string(300, 'a'), "300 bytes more"},
  };
}

boost::asio::awaitable<bool> HostileNamesStep::perform(Stage& stage, Actor& actor, const Step& step) const {
  if (at == At::ban && actor.group->role != Role::admin)
    co_return stage.fail(actor, step, "bans are an admin's (role: admin)");
  const Actor& victim = stage.cast.peer(actor, victims);
  for (const auto& variant : hostile_variants(victim.user)) {
    if (stage.finished()) break;
    LoadRequest request;
    Endpoint endpoint = Endpoint::login;
    switch (at) {
      case At::login: request = requests::login(variant.name, victim.password); break;
      case At::reset_request:
        request = requests::reset_request(variant.name);
        endpoint = Endpoint::reset_request;
        break;
      case At::ban:
        request = requests::ban(stage.options.admin_token, variant.name);
        endpoint = Endpoint::ban;
        break;
    }
    const auto response = co_await stage.send(actor, request, contract::label_of(endpoint));
    // Served: a session, the user's reset token, or a ban made. (A server that
    // delivers reset tokens by mail answers every reset request alike: only a
    // token in the answer is served.)
    const bool served = at == At::reset_request ? !reset_token_of(response).empty() : succeeded(response);
    if (served) {
      ++stage.recorder.security().hostile_names_served;
      stage.recorder.note(actor.group->name + " " + std::to_string(actor.index) + ": a name with " +
                          std::string(variant.what) + " was served at " + std::string(contract::label_of(endpoint)) +
                          " (HTTP " + std::to_string(response.status) + ")");
    }
  }
  co_return !stage.finished();
}

std::shared_ptr<const StepAction> HostileNamesStep::parse(StepFields& fields) {
  auto step = std::make_shared<HostileNamesStep>();
  if (!fields.has("from")) fields.fail("", "whose name? (from: <group>)");
  step->victims = fields.group("from");
  if (fields.has("at")) step->at = static_cast<At>(fields.choice("at", {"login", "reset-request", "ban"}));
  return step;
}

}  // namespace revbench::load
