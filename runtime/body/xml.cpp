// XML paths into bodies: parsing the path, reading and editing a document through it.
#include <pugixml.hpp>

#include <cctype>
#include <sstream>

#include "body/body.h"

namespace scn::body {

namespace {

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':';
}

class PathReader {
public:
  explicit PathReader(std::string_view text) : text_(text) {}

  Result<std::vector<XmlStep>> read() {
    std::vector<XmlStep> steps;
    while (true) {
      auto step = read_step();
      if (!step) return step.error();
      steps.push_back(std::move(*step));
      if (at_ == text_.size()) return steps;
      if (text_[at_] != '.') return fail("expected '.' or '['");
      if (steps.back().attribute) return fail("an attribute (@name) ends the path");
      ++at_;
    }
  }

private:
  Result<XmlStep> read_step() {
    XmlStep step;
    if (at_ < text_.size() && text_[at_] == '@') step.attribute = true, ++at_;
    step.name = read_name();
    if (step.name.empty()) return fail("expected an element or attribute name");
    if (at_ < text_.size() && text_[at_] == '[') {
      if (step.attribute) return fail("an attribute takes no [selector]");
      auto selected = read_selector(step);
      if (!selected) return selected.error();
    }
    return step;
  }

  Result<void> read_selector(XmlStep& step) {
    ++at_;  // '['
    skip_spaces();
    if (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_]))) {
      std::uint64_t n = 0;
      while (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_])) && n < 1000000)
        n = n * 10 + static_cast<unsigned>(text_[at_++] - '0');
      if (n == 0 || n >= 1000000) return fail("a position counts from 1");
      step.index = static_cast<std::uint32_t>(n);
    } else {
      step.key = read_name();
      if (step.key.empty()) return fail("expected a position or attribute = value");
      skip_spaces();
      if (at_ >= text_.size() || text_[at_] != '=') return fail("expected '='");
      ++at_;
      skip_spaces();
      auto value = read_value();
      if (!value) return value.error();
      step.key_value = std::move(*value);
    }
    skip_spaces();
    if (at_ >= text_.size() || text_[at_] != ']') return fail("expected ']'");
    ++at_;
    return {};
  }

  Result<std::string> read_value() {
    std::string value;
    if (at_ < text_.size() && text_[at_] == '"') {
      for (++at_; at_ < text_.size() && text_[at_] != '"'; ++at_) {
        if (text_[at_] == '\\' && at_ + 1 < text_.size()) ++at_;
        value += text_[at_];
      }
      if (at_ >= text_.size()) return fail("unterminated quoted value");
      ++at_;
      return value;
    }
    while (at_ < text_.size() && text_[at_] != ']' && text_[at_] != ' ') value += text_[at_++];
    if (value.empty()) return fail("expected a value");
    return value;
  }

  std::string read_name() {
    const std::size_t start = at_;
    while (at_ < text_.size() && name_char(text_[at_])) ++at_;
    return std::string(text_.substr(start, at_ - start));
  }

  void skip_spaces() {
    while (at_ < text_.size() && text_[at_] == ' ') ++at_;
  }

  Error fail(const std::string& what) const {
    return make_error("XML path '" + std::string(text_) + "': " + what + " at offset " +
                      std::to_string(at_));
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

std::string_view local_name(const char* name) {
  std::string_view n(name);
  const std::size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

bool names_match(const char* element, std::string_view wanted) {
  // A wanted name with a prefix must match exactly; without one, the local part.
  if (wanted.find(':') != std::string_view::npos) return wanted == element;
  return local_name(element) == wanted;
}

pugi::xml_attribute attribute_named(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_attribute a : node.attributes())
    if (names_match(a.name(), name)) return a;
  return {};
}

bool selected(pugi::xml_node node, const XmlStep& step) {
  if (!names_match(node.name(), step.name)) return false;
  if (step.key.empty()) return true;
  pugi::xml_attribute key = attribute_named(node, step.key);
  return key && step.key_value == key.value();
}

// The child of `parent` the step selects, or an empty node.
pugi::xml_node child_for(pugi::xml_node parent, const XmlStep& step) {
  std::uint32_t seen = 0;
  for (pugi::xml_node child : parent.children()) {
    if (child.type() != pugi::node_element || !selected(child, step)) continue;
    if (step.index == 0 || ++seen == step.index) return child;
  }
  return {};
}

// The root element's name: the document element's, checked against the first step.
pugi::xml_node root_for(pugi::xml_document& doc, const XmlStep& first) {
  pugi::xml_node root = doc.document_element();
  return root && selected(root, first) && first.index <= 1 ? root : pugi::xml_node{};
}

constexpr unsigned kParseOptions = pugi::parse_default | pugi::parse_declaration;

Result<void> load(pugi::xml_document& doc, std::string_view text) {
  const pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size(), kParseOptions);
  if (!parsed)
    return make_error(std::string("the body is not well-formed XML: ") + parsed.description() +
                      " at offset " + std::to_string(parsed.offset));
  if (!doc.document_element()) return make_error("the body has no XML root element");
  return {};
}

std::string text_of(pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

// Walks to the element the last step belongs to: the root, then every step but the last.
struct Walk {
  pugi::xml_node node;
  const XmlStep* last = nullptr;
};

Walk walk(pugi::xml_document& doc, const std::vector<XmlStep>& steps, bool create) {
  pugi::xml_node node = root_for(doc, steps.front());
  if (!node || steps.size() == 1) return {node, nullptr};
  for (std::size_t i = 1; i + 1 < steps.size(); ++i) {
    pugi::xml_node next = child_for(node, steps[i]);
    if (!next && create && steps[i].index <= 1) {
      next = node.append_child(steps[i].name.c_str());
      if (!steps[i].key.empty())
        next.append_attribute(steps[i].key.c_str()).set_value(steps[i].key_value.c_str());
    }
    if (!next) return {};
    node = next;
  }
  return {node, &steps.back()};
}

std::string element_text(pugi::xml_node node) { return node.text().get(); }

}  // namespace

Result<std::vector<XmlStep>> parse_xml_path(std::string_view path) {
  return PathReader(path).read();
}

Result<std::optional<std::string>> xml_get(std::string_view document, std::string_view path) {
  auto steps = parse_xml_path(path);
  if (!steps) return steps.error();
  pugi::xml_document doc;
  if (auto loaded = load(doc, document); !loaded) return loaded.error();
  const Walk w = walk(doc, *steps, false);
  if (!w.node) return std::optional<std::string>{};
  if (!w.last) return std::optional<std::string>{element_text(w.node)};
  if (!w.last->attribute) {
    if (pugi::xml_node child = child_for(w.node, *w.last))
      return std::optional<std::string>{element_text(child)};
  }
  if (w.last->index != 0 || !w.last->key.empty()) return std::optional<std::string>{};
  if (pugi::xml_attribute a = attribute_named(w.node, w.last->name))
    return std::optional<std::string>{a.value()};
  return std::optional<std::string>{};
}

namespace {

void set_last(pugi::xml_node node, const XmlStep& last, std::optional<std::string_view> value) {
  pugi::xml_node child = last.attribute ? pugi::xml_node{} : child_for(node, last);
  pugi::xml_attribute attr = attribute_named(node, last.name);
  const bool as_attribute = last.attribute || (!child && attr);
  if (!value) {
    if (as_attribute) node.remove_attribute(attr);
    else if (child) node.remove_child(child);
    return;
  }
  const std::string text(*value);
  if (as_attribute) {
    if (!attr) attr = node.append_attribute(last.name.c_str());
    attr.set_value(text.c_str());
    return;
  }
  if (!child) {
    child = node.append_child(last.name.c_str());
    if (!last.key.empty()) child.append_attribute(last.key.c_str()).set_value(last.key_value.c_str());
  }
  child.text().set(text.c_str());
}

}  // namespace

Result<std::string> xml_set(std::string_view document, std::string_view path,
                            std::optional<std::string_view> value) {
  auto steps = parse_xml_path(path);
  if (!steps) return steps.error();
  pugi::xml_document doc;
  if (auto loaded = load(doc, document); !loaded) return loaded.error();
  const Walk w = walk(doc, *steps, value.has_value());
  if (!w.node) {
    if (!value) return std::string(document);
    return make_error("the body has no element for XML path '" + std::string(path) + "'");
  }
  if (!w.last) {
    if (!value) return make_error("the root element of a body cannot be removed");
    w.node.text().set(std::string(*value).c_str());
  } else {
    set_last(w.node, *w.last, value);
  }
  return text_of(doc);
}

bool is_conference_info(std::string_view content_type) {
  const std::size_t semi = content_type.find(';');
  std::string type(content_type.substr(0, semi));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type == "application/conference-info+xml";
}

Result<std::string> with_conference_version(std::string_view document, std::uint32_t version) {
  pugi::xml_document doc;
  if (auto loaded = load(doc, document); !loaded) return loaded.error();
  pugi::xml_node root = doc.document_element();
  if (local_name(root.name()) != "conference-info")
    return make_error("the body's root element is <" + std::string(root.name()) +
                      ">, not <conference-info>");
  pugi::xml_attribute v = attribute_named(root, "version");
  if (!v) v = root.append_attribute("version");
  v.set_value(version);
  return text_of(doc);
}

}  // namespace scn::body
