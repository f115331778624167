#include "harness/load/scenario/session_ledger.hpp"

#include <algorithm>

namespace revbench::load {

void Slot::keep(const Grant& grant) {
  access = grant.access_token;
  refresh = grant.refresh_token;
  renew_at = TimePoint::max();
  if (!grant.expires_in) return;
  const double lifetime = *grant.expires_in;
  const double renew_after = std::max(lifetime - 1.25, lifetime / 2);
  renew_at = std::chrono::steady_clock::now() +
             std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(renew_after));
}

int SessionLedger::open(const std::string& user) {
  lineages_.push_back({user, false, false, false});
  return static_cast<int>(lineages_.size()) - 1;
}

SessionLedger::Lineage* SessionLedger::at(int lineage) {
  if (lineage < 0 || static_cast<std::size_t>(lineage) >= lineages_.size()) return nullptr;
  return &lineages_[static_cast<std::size_t>(lineage)];
}
const SessionLedger::Lineage* SessionLedger::at(int lineage) const {
  return const_cast<SessionLedger*>(this)->at(lineage);
}

void SessionLedger::target(int lineage) {
  if (auto* l = at(lineage)) l->targeted = true;
}

void SessionLedger::target_user(const std::string& user, int except_lineage) {
  for (std::size_t i = 0; i < lineages_.size(); ++i)
    if (lineages_[i].user == user && static_cast<int>(i) != except_lineage) lineages_[i].targeted = true;
}

void SessionLedger::target_everyone() {
  for (auto& lineage : lineages_) lineage.targeted = true;
}

bool SessionLedger::targeted(int lineage) const {
  const auto* l = at(lineage);
  return l != nullptr && l->targeted;
}

void SessionLedger::stolen(int lineage) {
  if (auto* l = at(lineage)) l->stolen = true;
}

bool SessionLedger::was_stolen(int lineage) const {
  const auto* l = at(lineage);
  return l != nullptr && l->stolen;
}

bool SessionLedger::refused(int lineage, bool targeted_then) {
  auto* l = at(lineage);
  if (l == nullptr) return false;
  const bool collateral = !targeted_then && !l->refusal_seen;
  l->refusal_seen = true;
  return collateral;
}

bool SessionLedger::reuse_detected(int lineage) {
  auto* l = at(lineage);
  if (l == nullptr || !l->stolen) return false;
  l->targeted = true;
  return true;
}

}  // namespace revbench::load
