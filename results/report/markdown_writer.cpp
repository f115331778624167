#include <string>

#include "results/report/document.hpp"

namespace revbench::results::report {
namespace {

std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

struct MarkdownWriter {
  std::string out;

  void operator()(const Heading& h) { out += std::string(static_cast<std::size_t>(h.level), '#') + " " + h.text + "\n\n"; }
  void operator()(const Paragraph& p) { out += p.text + "\n\n"; }
  void operator()(const Bullets& b) {
    for (const auto& item : b.items) out += "- " + item + "\n";
    out += "\n";
  }
  void operator()(const Table& t) {
    out += "|";
    for (const auto& h : t.header) out += " " + cell(h) + " |";
    out += "\n|";
    for (std::size_t c = 0; c < t.header.size(); ++c)
      out += c < t.right_aligned.size() && t.right_aligned[c] ? "---:|" : "---|";
    out += "\n";
    for (const auto& row : t.rows) {
      out += "|";
      for (const auto& value : row) out += " " + cell(value) + " |";
      out += "\n";
    }
    out += "\n";
  }
  void operator()(const Figure& f) { out += "![" + f.caption + "](" + f.file + ")\n\n*" + f.caption + "*\n\n"; }
  void operator()(const CodeBlock& c) { out += "```\n" + c.text + (c.text.ends_with('\n') ? "" : "\n") + "```\n\n"; }
};

// A YAML double-quoted scalar.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "\"";
}

}  // namespace

std::string to_markdown(const Document& document) {
  MarkdownWriter writer;
  if (!document.front_matter.empty()) {
    writer.out = "---\n";
    for (const auto& [key, value] : document.front_matter) writer.out += key + ": " + quoted(value) + "\n";
    writer.out += "---\n\n";
  }
  writer.out += "# " + document.title + "\n\n";
  for (const auto& block : document.blocks) std::visit(writer, block);
  while (writer.out.ends_with("\n\n")) writer.out.pop_back();
  return writer.out;
}

}  // namespace revbench::results::report
