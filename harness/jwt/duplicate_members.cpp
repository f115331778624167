#include "harness/jwt/duplicate_members.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace revbench::jwt {
namespace {

using boost::system::error_code;

// Keys of every open object in one flat list; `starts` marks where each
// object's keys begin, so closing an object is a truncation.
struct MemberNames {
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  std::vector<std::string> names;
  std::vector<std::size_t> starts;
  std::string partial;
  bool duplicate = false;

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) {
    starts.push_back(names.size());
    return true;
  }
  bool on_object_end(std::size_t, error_code&) {
    names.resize(starts.back());
    starts.pop_back();
    return true;
  }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t, error_code&) { return true; }
  bool on_key_part(boost::json::string_view part, std::size_t, error_code&) {
    partial.append(part.data(), part.size());
    return true;
  }
  bool on_key(boost::json::string_view last, std::size_t, error_code& ec) {
    partial.append(last.data(), last.size());
    const auto first = names.begin() + static_cast<std::ptrdiff_t>(starts.back());
    if (std::find(first, names.end(), partial) != names.end()) {
      duplicate = true;
      ec = boost::json::error::syntax;  // stops the parse: the answer is known
      return false;
    }
    names.push_back(std::move(partial));
    partial.clear();
    return true;
  }
  bool on_string_part(boost::json::string_view, std::size_t, error_code&) { return true; }
  bool on_string(boost::json::string_view, std::size_t, error_code&) { return true; }
  bool on_number_part(boost::json::string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, boost::json::string_view, error_code&) { return true; }
  bool on_uint64(std::uint64_t, boost::json::string_view, error_code&) { return true; }
  bool on_double(double, boost::json::string_view, error_code&) { return true; }
  bool on_bool(bool, error_code&) { return true; }
  bool on_null(error_code&) { return true; }
  bool on_comment_part(boost::json::string_view, error_code&) { return true; }
  bool on_comment(boost::json::string_view, error_code&) { return true; }
};

}  // namespace

bool has_duplicate_members(std::string_view json) {
  boost::json::basic_parser<MemberNames> parser{boost::json::parse_options{}};
  error_code ec;
  parser.write_some(false, json.data(), json.size(), ec);
  return parser.handler().duplicate;
}

}  // namespace revbench::jwt
