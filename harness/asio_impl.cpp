// Asio's separately compiled implementation (BOOST_ASIO_SEPARATE_COMPILATION):
// built once here instead of in every file that uses Asio.
#include <boost/asio/impl/src.hpp>
