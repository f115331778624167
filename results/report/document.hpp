#pragma once
// A report as a few kinds of blocks, so the Markdown and the HTML file say
// exactly the same thing: the builder decides what to say, the writers only
// format (google/benchmark's runner/reporter split). Inline text may hold
// `code` spans, which both writers render as code.
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace revbench::results::report {

struct Heading {
  int level = 2;
  std::string text;
};
struct Paragraph {
  std::string text;
};
struct Bullets {
  std::vector<std::string> items;
};
struct Table {
  std::vector<std::string> header;
  std::vector<bool> right_aligned;  // per column: figures are right-aligned
  std::vector<std::vector<std::string>> rows;
};
struct Figure {
  std::string file;  // relative to the report, e.g. charts/latency-spectrum.svg
  std::string caption;
  std::string svg;  // the chart itself, for the self-contained HTML
};
struct CodeBlock {
  std::string text;
};

using Block = std::variant<Heading, Paragraph, Bullets, Table, Figure, CodeBlock>;

struct Document {
  std::string title;
  std::vector<Block> blocks;
  // MADR's front matter (status, date, deciders), in order; Markdown writes
  // it as YAML before the title, HTML as a line under it.
  std::vector<std::pair<std::string, std::string>> front_matter;
};

std::string to_markdown(const Document& document);
// One file, no external resource: styles inline, charts as data: URIs.
std::string to_html(const Document& document);

}  // namespace revbench::results::report
