#include "harness/jwt/claims_reader.hpp"

#include <boost/container/small_vector.hpp>
#include <boost/container/static_vector.hpp>
#include <boost/json/basic_parser_impl.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "harness/jwt/flat_claims_scanner.hpp"

namespace revbench::jwt {
namespace {

using boost::system::error_code;
using Kind = ClaimValue::Kind;

// Parser events to claim values. To find a name used twice at any depth, the
// claims already filled are kept by slot, and the other member names of every
// open object in one flat list (`starts` marks where each object's begin, so
// closing one is a truncation). Only members of the top-level object fill
// claims.
class ClaimsHandler {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  ClaimValues values;
  bool top_is_object = false;

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }

  bool on_object_begin(error_code&) {
    if (depth_ == 0) top_is_object = true;
    nested_value();
    starts_.push_back(names_.size());
    ++depth_;
    return true;
  }
  bool on_object_end(std::size_t, error_code&) {
    names_.resize(starts_.back());
    starts_.pop_back();
    --depth_;
    return true;
  }
  bool on_array_begin(error_code&) {
    nested_value();
    ++depth_;
    return true;
  }
  bool on_array_end(std::size_t, error_code&) {
    --depth_;
    return true;
  }

  bool on_key_part(boost::json::string_view part, std::size_t, error_code&) {
    key_.append(part.data(), part.size());
    return true;
  }
  bool on_key(boost::json::string_view last, std::size_t, error_code& ec) {
    std::string_view name(last.data(), last.size());
    if (!key_.empty()) {
      key_.append(last.data(), last.size());
      name = key_;
    }
    // A claim of the top-level object: known names are checked by their
    // slot, with no copy; the rest by name.
    if (ClaimValue* slot = depth_ == 1 ? values.slot(name) : nullptr) {
      if (std::find(filled_.begin(), filled_.end(), slot) != filled_.end()) return twice(ec);
      filled_.push_back(slot);
      target_ = slot;
    } else {
      const auto first = names_.begin() + static_cast<std::ptrdiff_t>(starts_.back());
      if (std::find(first, names_.end(), name) != names_.end()) return twice(ec);
      names_.emplace_back(name);
      target_ = nullptr;
    }
    key_.clear();
    return true;
  }

  // The parser hands strings over from its own buffer (in parts when they
  // are long or escaped), so a claim's string is kept whole in `unescaped`.
  bool on_string_part(boost::json::string_view part, std::size_t, error_code&) {
    if (target_ != nullptr) unescaped_text().append(part.data(), part.size());
    return true;
  }
  bool on_string(boost::json::string_view last, std::size_t, error_code&) {
    if (target_ != nullptr) {
      std::string& text = unescaped_text();
      text.append(last.data(), last.size());
      ClaimValue* value = take();
      value->kind = Kind::string;
      value->text = text;
    }
    return true;
  }
  bool on_number_part(boost::json::string_view, error_code&) { return true; }
  bool on_int64(std::int64_t number, boost::json::string_view, error_code&) {
    if (ClaimValue* value = take()) {
      value->kind = Kind::int64;
      value->int64 = number;
      value->number = static_cast<double>(number);
    }
    return true;
  }
  bool on_uint64(std::uint64_t number, boost::json::string_view, error_code&) {
    if (ClaimValue* value = take()) {
      value->kind = Kind::uint64;
      value->uint64 = number;
      value->number = static_cast<double>(number);
    }
    return true;
  }
  bool on_double(double number, boost::json::string_view, error_code&) {
    if (ClaimValue* value = take()) {
      value->kind = Kind::number;
      value->number = number;
    }
    return true;
  }
  bool on_bool(bool, error_code&) {
    if (ClaimValue* value = take()) value->kind = Kind::other;
    return true;
  }
  bool on_null(error_code&) {
    if (ClaimValue* value = take()) value->kind = Kind::other;
    return true;
  }
  bool on_comment_part(boost::json::string_view, error_code&) { return true; }
  bool on_comment(boost::json::string_view, error_code&) { return true; }

 private:
  // A name used twice: stop the parse, the answer is known.
  static bool twice(error_code& ec) {
    ec = boost::json::error::syntax;
    return false;
  }
  // The string of the claim being read: the one filled last.
  std::string& unescaped_text() {
    if (!values.unescaped) values.unescaped = std::make_unique<std::array<std::string, 9>>();
    return (*values.unescaped)[filled_.size() - 1];
  }
  // The claim the value now parsed belongs to, once.
  ClaimValue* take() { return std::exchange(target_, nullptr); }
  // An object or array as a claim's value: no claim revbench reads is one.
  void nested_value() {
    if (ClaimValue* value = take()) value->kind = Kind::other;
  }

  boost::container::static_vector<ClaimValue*, 9> filled_;  // one per slot at most
  boost::container::small_vector<std::string, 8> names_;
  boost::container::small_vector<std::size_t, 4> starts_;
  std::string key_;
  ClaimValue* target_ = nullptr;
  int depth_ = 0;
};

// Out of line and cold: the payloads revbench signs never get here, so the
// parser's setup stays out of the accepting path's cache lines.
[[gnu::cold, gnu::noinline]] bool parse_claims(std::string_view json, ClaimValues& values) {
  boost::json::basic_parser<ClaimsHandler> parser{boost::json::parse_options{}};
  error_code ec;
  const std::size_t used = parser.write_some(false, json.data(), json.size(), ec);
  // write_some stops after the value; bytes left over are a second document.
  if (ec || !parser.done() || used != json.size() || !parser.handler().top_is_object) return false;
  values = std::move(parser.handler().values);
  return true;
}

}  // namespace

bool read_claims(std::string_view json, ClaimValues& values) {
  return scan_flat_claims(json, values) || parse_claims(json, values);
}

}  // namespace revbench::jwt
