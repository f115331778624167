#include "results/report/requirements.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "results/report/figure_format.hpp"

namespace revbench::results::report {
namespace {

enum class Kind { seconds, count, ratio };

struct Measure {
  const char* name;
  Kind kind;
  const char* meaning;
};

constexpr Measure measures[] = {
    {"lag", Kind::seconds, "the worst session revocation lag (max) of any event"},
    {"lag_p99", Kind::seconds, "the worst p99 session revocation lag of any event"},
    {"p50", Kind::seconds, "the median latency of GET /api/resource under the cost scenario"},
    {"p99", Kind::seconds, "the p99 latency of GET /api/resource under the cost scenario"},
    {"p99_9", Kind::seconds, "the p99.9 latency of GET /api/resource under the cost scenario"},
    {"throughput", Kind::ratio, "GET /api/resource requests per second under the cost scenario"},
    {"redis_ops", Kind::ratio, "Redis commands per GET /api/resource"},
    {"pg_ops", Kind::ratio, "PostgreSQL queries per GET /api/resource"},
    {"store_ops", Kind::ratio, "store operations (Redis and PostgreSQL) per GET /api/resource"},
    {"thief_after_revoke", Kind::count, "thief requests accepted after a session's revocation"},
    {"collateral", Kind::count, "other sessions logged out by an event (key rotation aside)"},
    {"false_theft", Kind::count, "false theft detections (legitimate clients taken for thieves)"},
    {"revocations_lost", Kind::count, "revocations refused and then accepted again when a store primary failed over"},
};

struct Flag {
  const char* name;
  const char* meaning;
};

constexpr Flag flags[] = {
    {"per_device_logout", "a logout ends that device's session at once and no other session"},
    {"theft_detection", "a stolen refresh token is detected whoever uses it first"},
    {"promises_kept", "the strategy keeps every promise it states"},
    {"no_store", "the hot path makes no store call"},
};

std::string normalized(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
    return c == '-' || c == '.' ? '_' : static_cast<char>(std::tolower(c));
  });
  while (!name.empty() && name.back() == ' ') name.pop_back();
  while (!name.empty() && name.front() == ' ') name.erase(name.begin());
  return name;
}

std::string known() {
  std::string list;
  for (const auto& m : measures) list += std::string(list.empty() ? "" : ", ") + m.name + "<VALUE";
  for (const auto& f : flags) list += std::string(", ") + f.name;
  return list;
}

const Measure* measure_named(const std::string& name) {
  for (const auto& m : measures)
    if (name == m.name) return &m;
  return nullptr;
}

std::string formatted(Kind kind, double value) {
  switch (kind) {
    case Kind::seconds: return seconds_text(value);
    case Kind::count: return count_text(value);
    case Kind::ratio: return number_text(value);
  }
  return number_text(value);
}

struct Reading {
  double value;
  std::string label;  // what the value is
  std::string where;  // the event or scenario it was worst in; empty for the hot path
};

// The measured value (median over repeats), or nullopt when nothing measured it.
std::optional<Reading> measured(const std::string& name, const StrategyProfile& p) {
  const auto at = [](const std::optional<Measured>& m, const char* what) -> std::optional<Reading> {
    if (!m) return std::nullopt;
    return Reading{m->value.median, what, m->where};
  };
  const auto hot = [&](const Spread& s, const char* what) -> std::optional<Reading> {
    if (!p.has_hot_path) return std::nullopt;
    return Reading{s.median, what, ""};
  };
  if (name == "lag") return at(p.worst_lag_max, "worst lag");
  if (name == "lag_p99") return at(p.worst_lag_p99, "worst p99 lag");
  if (name == "p50") return hot(p.p50, "p50");
  if (name == "p99") return hot(p.p99, "p99");
  if (name == "p99_9") return hot(p.p99_9, "p99.9");
  if (name == "throughput") return hot(p.throughput, "req/s");
  if (name == "redis_ops") return hot(p.redis_per_request, "Redis ops per request");
  if (name == "pg_ops") return hot(p.pg_per_request, "PostgreSQL ops per request");
  if (name == "store_ops") {
    if (!p.has_hot_path) return std::nullopt;
    return Reading{p.store_per_request(), "store ops per request", ""};
  }
  if (name == "thief_after_revoke") return at(p.most_accepted_after_revoke, "thief requests accepted after the revoke");
  if (name == "collateral") return at(p.most_collateral, "sessions logged out collaterally");
  if (name == "false_theft") return at(p.false_theft, "false theft detections");
  if (name == "revocations_lost") return at(p.revocations_lost, "revocations lost at a failover");
  return std::nullopt;
}

Assessment not_measured(const char* what) { return {false, std::string("not measured: ") + what}; }

Assessment assess_flag(const std::string& name, const StrategyProfile& p) {
  if (name == "per_device_logout") {
    if (!p.logout_collateral || !p.logout_accepted_after_revoke) return not_measured("no logout scenario ran");
    const double collateral = p.logout_collateral->value.median;
    const double after = p.logout_accepted_after_revoke->value.median;
    return {collateral == 0 && after == 0, "logout: " + count_text(collateral) + " other sessions ended, " +
                                               count_text(after) + " requests accepted after it"};
  }
  if (name == "theft_detection") {
    if (!p.theft_detections) return {false, "issues no refresh token to steal"};
    const double fewest = p.theft_detections->value.median;
    return {fewest > 0, count_text(fewest) + " thefts detected (" + p.theft_detections->where + ")"};
  }
  if (name == "promises_kept") {
    if (p.broken_promises.empty()) return {true, "every verdict kept"};
    return {false, std::to_string(p.broken_promises.size()) + " broken: " + p.broken_promises.front()};
  }
  if (!p.has_hot_path) return not_measured("no cost scenario ran");
  return {p.store_per_request() == 0, number_text(p.store_per_request()) + " store ops per request"};
}

}  // namespace

Requirement parse_requirement(const std::string& text) {
  const std::string name = normalized(text);
  for (const auto& f : flags)
    if (name == f.name) return {text, name, std::nullopt};
  Threshold bound;
  try {
    bound = parse_threshold(text);
  } catch (const std::invalid_argument&) {
    throw std::invalid_argument("requirement '" + text + "' is not known (known: " + known() + ")");
  }
  bound.metric = normalized(bound.metric);
  if (measure_named(bound.metric) == nullptr)
    throw std::invalid_argument("requirement '" + text + "': no measure '" + bound.metric + "' (known: " + known() + ")");
  return {text, bound.metric, bound};
}

std::string describe(const Requirement& r) {
  if (!r.bound) {
    for (const auto& f : flags)
      if (r.name == f.name) return "`" + r.text + "`: " + f.meaning;
  }
  const Measure* m = measure_named(r.name);
  return "`" + r.text + "`: " + m->meaning + " " + r.bound->op + " " + formatted(m->kind, r.bound->value);
}

Assessment assess(const Requirement& r, const StrategyProfile& profile) {
  if (!r.bound) return assess_flag(r.name, profile);
  const Measure* m = measure_named(r.name);
  const auto value = measured(r.name, profile);
  if (!value) return not_measured("no scenario measured it");
  return {holds(*r.bound, value->value), value->label + " " + formatted(m->kind, value->value) +
                                            (value->where.empty() ? "" : " (" + value->where + ")")};
}

}  // namespace revbench::results::report
