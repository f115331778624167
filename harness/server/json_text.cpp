#include "harness/server/json_text.hpp"

#include <boost/json/serializer.hpp>

#include <array>

namespace revbench::server {
namespace {

// Boost.JSON's own serializer does the quoting and escaping.
void append_string(std::string& out, std::string_view text) {
  boost::json::serializer serializer;
  serializer.reset(boost::json::string_view(text.data(), text.size()));
  std::array<char, 256> chunk;
  while (!serializer.done()) out += serializer.read(chunk.data(), chunk.size());
}

}  // namespace

std::string json_object_of_strings(std::initializer_list<std::pair<std::string_view, std::string_view>> members) {
  std::size_t size = 2;
  for (const auto& [name, value] : members) size += name.size() + value.size() + 6;
  std::string out;
  out.reserve(size);  // one allocation unless something needs escaping
  out += '{';
  for (const auto& [name, value] : members) {
    if (out.size() > 1) out += ',';
    append_string(out, name);
    out += ':';
    append_string(out, value);
  }
  out += '}';
  return out;
}

}  // namespace revbench::server
