#pragma once
// Base64 with the standard alphabet and padding (RFC 4648 §4): what
// HdrHistogram's logs carry their histograms in, and what data: URLs hold.
#include <optional>
#include <string>
#include <string_view>

namespace revbench::results {

std::string base64_encode(std::string_view bytes);
// Nullopt for anything but whole, padded groups of the alphabet.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace revbench::results
