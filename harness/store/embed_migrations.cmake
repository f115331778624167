# Writes OUTPUT, a C++ file defining revbench::store::migrations() from the
# SQL files given in SOURCES (sorted; named NNNN_name.sql).
string(REPLACE "|" ";" files "${SOURCES}")
list(SORT files)
set(body "")
foreach(file IN LISTS files)
  get_filename_component(stem "${file}" NAME_WE)
  string(REGEX MATCH "^([0-9]+)_(.+)$" matched "${stem}")
  if(NOT matched)
    message(FATAL_ERROR "migration ${file}: name it NNNN_name.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  file(READ "${file}" sql)
  string(APPEND body "    {${version}, \"${CMAKE_MATCH_2}\", R\"revbench_sql(${sql})revbench_sql\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from harness/store/migrations by embed_migrations.cmake.
#include \"harness/store/migrations.hpp\"

#include <array>

namespace revbench::store {
namespace {
constexpr Migration all[] = {
${body}};
}  // namespace
std::span<const Migration> migrations() { return all; }
}  // namespace revbench::store
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
