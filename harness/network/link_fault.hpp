#pragma once
// What goes wrong on a link, as toxiproxy's toxics and real outages do it,
// until it is lifted:
//   partition      nothing crosses either way and nobody is told: no FIN, no
//                  RST; bytes wait, as TCP retransmits them, and are
//                  delivered once the link heals if their connection is
//                  still open (a half-open connection, the black hole).
//                  With `from`, only the connections from that address
//                  (a minority cut off from some of its peers, as Jepsen
//                  partitions a cluster, while the others still reach it);
//   reset          every connection is reset (RST), new ones too;
//   slow           a round trip added to the link's own;
//   limit-data     a connection is cut (closed) once `bytes` more have gone
//                  in `direction`;
//   drop-response  limit-data down after 0 bytes: the request arrives, its
//                  answer is lost with the connection.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace revbench::network {

enum class FaultAction { partition, reset, slow, limit_data, drop_response };
enum class Direction { up, down };

std::string_view fault_action_name(FaultAction action);
std::optional<FaultAction> fault_action_named(std::string_view name);
std::vector<std::string_view> fault_action_names();
std::string_view direction_name(Direction direction);
std::optional<Direction> direction_named(std::string_view name);

struct LinkFault {
  FaultAction action = FaultAction::partition;
  std::chrono::nanoseconds added_rtt{0};  // slow
  Direction direction = Direction::down;  // limit-data
  std::uint64_t bytes = 0;                // limit-data
  std::string from;                       // partition: only connections from this address; empty: all

  // The direction and byte count a cut applies to, or nothing when the fault cuts nothing.
  std::optional<std::pair<Direction, std::uint64_t>> cut_after() const;
};

// One line a person reads: "slow +200ms", "limit-data down 100 bytes".
std::string describe(const LinkFault& fault);

}  // namespace revbench::network
