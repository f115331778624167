#include "harness/jwt/key_ring.hpp"

#include <algorithm>
#include <stdexcept>

#include "harness/jwt/jws_header.hpp"

namespace revbench::jwt {

void KeyRing::add(Key key, bool make_current) {
  if (find(key.kid()) != nullptr) throw std::invalid_argument("key ring: duplicate kid '" + key.kid() + "'");
  if (key.kid().empty()) throw std::invalid_argument("key ring: empty kid");
  typed_headers_.push_back(encoded_header(key, "JWT"));
  keys_.push_back(std::move(key));
  if (make_current || keys_.size() == 1) current_ = keys_.size() - 1;
}

void KeyRing::retire(std::string_view kid) {
  auto it = std::find_if(keys_.begin(), keys_.end(), [&](const Key& k) { return k.kid() == kid; });
  if (it == keys_.end()) return;
  const auto index = static_cast<std::size_t>(it - keys_.begin());
  if (index == current_) throw std::logic_error("key ring: cannot retire the current signing key");
  keys_.erase(it);
  typed_headers_.erase(typed_headers_.begin() + static_cast<std::ptrdiff_t>(index));
  if (index < current_) --current_;
}

const Key* KeyRing::find(std::string_view kid) const {
  for (const auto& key : keys_)
    if (key.kid() == kid) return &key;
  return nullptr;
}

const Key* KeyRing::find_by_typed_header(std::string_view encoded) const {
  for (std::size_t i = 0; i < keys_.size(); ++i)
    if (typed_headers_[i] == encoded) return &keys_[i];
  return nullptr;
}

const Key& KeyRing::current() const {
  if (keys_.empty()) throw std::logic_error("key ring: no signing key");
  return keys_[current_];
}

std::vector<std::string> KeyRing::kids() const {
  std::vector<std::string> out;
  for (const auto& key : keys_) out.push_back(key.kid());
  return out;
}

}  // namespace revbench::jwt
