// Beast's separately compiled implementation (BOOST_BEAST_SEPARATE_COMPILATION).
#include <boost/beast/src.hpp>
