#pragma once
// How the contract's enums keep their one spelling: each has one table of
// (value, name) pairs, read both ways by these lookups.
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace revbench::contract {

template <typename Enum, std::size_t N>
constexpr std::string_view name_in(const std::pair<Enum, std::string_view> (&names)[N], Enum value) {
  for (const auto& [e, text] : names)
    if (e == value) return text;
  return "unnamed";
}

template <typename Enum, std::size_t N>
constexpr std::optional<Enum> value_in(const std::pair<Enum, std::string_view> (&names)[N], std::string_view text) {
  for (const auto& [e, name] : names)
    if (name == text) return e;
  return std::nullopt;
}

// Every value of the table, in its order.
template <typename Enum, std::size_t N>
std::vector<Enum> values_in(const std::pair<Enum, std::string_view> (&names)[N]) {
  std::vector<Enum> values;
  for (const auto& [e, name] : names) values.push_back(e);
  return values;
}

}  // namespace revbench::contract
