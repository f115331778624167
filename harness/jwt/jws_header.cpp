#include "harness/jwt/jws_header.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "harness/jwt/base64url.hpp"

namespace revbench::jwt {

std::string encoded_header(const Key& key, std::string_view typ) {
  boost::json::object header;
  header["alg"] = to_string(key.algorithm());
  header["typ"] = typ;
  header["kid"] = key.kid();
  return base64url_encode(boost::json::serialize(header));
}

}  // namespace revbench::jwt
