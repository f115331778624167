#include "harness/session/results_writer.hpp"

#include "results/results_file.hpp"

namespace revbench::session {

ResultsWriter::ResultsWriter(std::string path, std::string kind, std::string command)
    : path_(std::move(path)), kind_(std::move(kind)), command_(std::move(command)), started_at_(results::utc_now()) {}

void ResultsWriter::write(bool complete, boost::json::object config, boost::json::object body) const {
  if (path_.empty()) return;
  boost::json::object document{{"$schema", results::schema_id},
                               {"schema_version", results::schema_version},
                               {"kind", kind_},
                               {"complete", complete},
                               {"command", command_},
                               {"machine", results::machine_context()},
                               {"started_at", started_at_},
                               {"ended_at", results::utc_now()},
                               {"config", std::move(config)}};
  for (auto& member : body) document[member.key()] = std::move(member.value());
  results::write_atomically(path_, document);
}

}  // namespace revbench::session
