#include "harness/store/redis_bulk_writer.hpp"

#include <stdexcept>
#include <vector>

namespace revbench::store {

RedisBulkWriter::RedisBulkWriter(const std::string& host, std::uint16_t port, int window)
    // A population's writes can queue behind a busy server: seconds, not the serving path's milliseconds.
    : context_(connect_blocking(host, port, std::chrono::seconds(30))), window_(window) {
  if (!context_) throw std::runtime_error("redis " + host + ":" + std::to_string(port) + ": nothing answers");
}

void RedisBulkWriter::write(std::initializer_list<std::string_view> argv) {
  std::vector<const char*> words;
  std::vector<std::size_t> lengths;
  for (const auto word : argv) {
    words.push_back(word.data());
    lengths.push_back(word.size());
  }
  if (redisAppendCommandArgv(context_.get(), static_cast<int>(words.size()), words.data(), lengths.data()) != REDIS_OK)
    throw std::runtime_error(std::string("redis: ") + context_->errstr);
  ++written_;
  if (++in_flight_ >= window_) drain();
}

void RedisBulkWriter::drain() {
  std::string first_error;
  for (; in_flight_ > 0; --in_flight_) {
    void* raw = nullptr;
    if (redisGetReply(context_.get(), &raw) != REDIS_OK)
      throw std::runtime_error(std::string("redis: a population's write went unanswered: ") + context_->errstr);
    const BlockingReply reply(static_cast<redisReply*>(raw), freeReplyObject);
    if (reply->type == REDIS_REPLY_ERROR && first_error.empty()) first_error.assign(reply->str, reply->len);
  }
  // Every reply is read first: the connection stays usable for the error's reader.
  if (!first_error.empty()) throw std::runtime_error("redis refused a population's write: " + first_error);
}

long long RedisBulkWriter::finish() {
  drain();
  return written_;
}

}  // namespace revbench::store
