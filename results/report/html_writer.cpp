#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "results/base64.hpp"
#include "results/report/document.hpp"

namespace revbench::results::report {
namespace {

constexpr std::string_view style = R"(body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1d2330;line-height:1.45}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}th,td{border:1px solid #c9ced8;padding:.3rem .55rem;text-align:left}
th{background:#eef1f6}td.n{text-align:right;font-variant-numeric:tabular-nums}code{background:#f2f4f8;padding:0 .2rem}
p.front-matter{color:#4a5263;font-size:.9rem}pre{background:#f2f4f8;padding:.6rem;overflow-x:auto}figure{margin:1.5rem 0}figure img{max-width:100%;border:1px solid #e3e6ec}
figcaption{font-style:italic;color:#4a5263})";

std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Escapes, and turns `code` spans into <code>.
std::string inline_text(std::string_view text) {
  std::string out;
  bool in_code = false;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t tick = std::min(text.find('`', start), text.size());
    out += escaped(text.substr(start, tick - start));
    if (tick == text.size()) break;
    out += in_code ? "</code>" : "<code>";
    in_code = !in_code;
    start = tick + 1;
  }
  if (in_code) out += "</code>";  // an unpaired backtick still closes
  return out;
}

struct HtmlWriter {
  std::string out;

  void operator()(const Heading& h) {
    const std::string tag = "h" + std::to_string(h.level);
    out += "<" + tag + ">" + inline_text(h.text) + "</" + tag + ">\n";
  }
  void operator()(const Paragraph& p) { out += "<p>" + inline_text(p.text) + "</p>\n"; }
  void operator()(const Bullets& b) {
    out += "<ul>\n";
    for (const auto& item : b.items) out += "<li>" + inline_text(item) + "</li>\n";
    out += "</ul>\n";
  }
  void operator()(const Table& t) {
    out += "<table>\n<thead><tr>";
    for (const auto& h : t.header) out += "<th>" + inline_text(h) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
      out += "<tr>";
      for (std::size_t c = 0; c < row.size(); ++c)
        out += (c < t.right_aligned.size() && t.right_aligned[c] ? "<td class=\"n\">" : "<td>") + inline_text(row[c]) +
               "</td>";
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  void operator()(const Figure& f) {
    out += "<figure><img class=\"chart\" alt=\"" + escaped(f.caption) + "\" src=\"data:image/svg+xml;base64," +
           base64_encode(f.svg) + "\"><figcaption>" + inline_text(f.caption) + "</figcaption></figure>\n";
  }
  void operator()(const CodeBlock& c) { out += "<pre><code>" + escaped(c.text) + "</code></pre>\n"; }
};

}  // namespace

std::string to_html(const Document& document) {
  HtmlWriter writer;
  writer.out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
               escaped(document.title) + "</title>\n<style>\n" + std::string(style) + "\n</style>\n</head>\n<body>\n<h1>" +
               escaped(document.title) + "</h1>\n";
  if (!document.front_matter.empty()) {
    writer.out += "<p class=\"front-matter\">";
    for (std::size_t i = 0; i < document.front_matter.size(); ++i)
      writer.out += std::string(i == 0 ? "" : " · ") + "<b>" + escaped(document.front_matter[i].first) + ":</b> " +
                    escaped(document.front_matter[i].second);
    writer.out += "</p>\n";
  }
  for (const auto& block : document.blocks) std::visit(writer, block);
  writer.out += "</body>\n</html>\n";
  return writer.out;
}

}  // namespace revbench::results::report
