#pragma once
// The keys a verifier trusts, addressed by kid, and the one new tokens are
// signed with. A value type: a server swaps whole rings on rotation rather
// than mutating one that readers are using.
#include <string>
#include <string_view>
#include <vector>

#include "harness/jwt/key.hpp"

namespace revbench::jwt {

class KeyRing {
 public:
  // Adds a key; the first key added, or any key added with make_current,
  // becomes the signing key. Throws std::invalid_argument on a duplicate kid.
  void add(Key key, bool make_current = false);
  // Removes a kid: tokens under it then fail with unknown_kid.
  // Retiring the current signing key is refused (std::logic_error).
  void retire(std::string_view kid);

  const Key* find(std::string_view kid) const;
  // The key whose own typ "JWT" header encodes to exactly these bytes.
  const Key* find_by_typed_header(std::string_view encoded) const;
  const Key& current() const;  // throws std::logic_error on an empty ring
  std::vector<std::string> kids() const;
  bool empty() const { return keys_.empty(); }

 private:
  std::vector<Key> keys_;  // a handful at most: a linear search beats a map
  std::vector<std::string> typed_headers_;  // encoded_header(keys_[i], "JWT")
  std::size_t current_ = 0;
};

}  // namespace revbench::jwt
