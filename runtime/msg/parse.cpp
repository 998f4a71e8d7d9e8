// parse(): one SIP message from a datagram or a stream frame (RFC 3261 7, 18.3).
#include <algorithm>
#include <cstring>
#include <new>
#include <optional>
#include <utility>

#include "msg/msg.h"
#include "msg/parser.h"

namespace scn::sip {

namespace detail {

// The only code that writes a Message's private fields.
struct MessageAccess {
  static Message build(std::shared_ptr<MessageStorage> storage, const StartLine& sl,
                       std::string_view start_line, std::vector<Header> headers,
                       std::string_view body, std::size_t trailing, bool implicit) {
    storage->start_line = start_line;
    storage->method = sl.method;
    storage->request_uri = sl.request_uri;
    storage->version = sl.version;
    storage->reason = sl.reason;
    storage->status = sl.status;
    storage->headers = std::move(headers);
    storage->body = body;
    storage->trailing = trailing;
    storage->implicit_length = implicit;
    Message m;
    m.storage_ = std::move(storage);
    return m;
  }
};

}  // namespace detail

namespace {

constexpr int kBadRequest = 400;
constexpr int kTooLarge = 513;

// The header fields as read: the first kOnStack in place (most messages have fewer), the
// rest on the heap, so that the Message gets its vector in one exact allocation.
class HeaderList {
 public:
  static constexpr std::size_t kOnStack = 32;
  std::size_t size() const { return size_; }
  // Field by field: a Header built on the stack and copied whole made the CPU wait for
  // its halves (a store-forwarding stall, the costliest line of parse()).
  void push_back(std::string_view name, std::string_view canonical, std::string_view value) {
    Header& h = size_ < kOnStack ? first_.items[size_] : more_.emplace_back();
    h.name = name;
    h.canonical = canonical;
    h.value = value;
    ++size_;
  }
  std::vector<Header> take() {
    std::vector<Header> out;
    out.reserve(size_);
    const auto on_stack = static_cast<std::ptrdiff_t>(std::min(size_, kOnStack));
    out.insert(out.end(), first_.items, first_.items + on_stack);
    out.insert(out.end(), more_.begin(), more_.end());
    return out;
  }

 private:
  // Left uninitialised: zeroing 32 fields cost more than reading a short message's fields.
  union Slots {
    Slots() {}  // NOLINT: no member initialised on purpose
    Header items[kOnStack];
  } first_;
  std::vector<Header> more_;
  std::size_t size_ = 0;
};

// The header section read in one pass: Headers whose views point into the message's own
// copy of its bytes (parse_checked scans that copy).
struct Scan {
  std::string_view start_line;
  HeaderList headers;
  std::vector<std::pair<std::size_t, detail::Field>> folded;  // header index, its lines
  std::size_t body = 0;                  // first body octet
  std::size_t unfolded_size = 0;
  std::optional<detail::Field> length;   // the first Content-Length field
  std::size_t repeated_length = std::string_view::npos;  // offset of a second one
};

// The header field being read: its first line and the continuation lines after it.
struct Pending {
  detail::Field field;
  std::size_t colon = std::string_view::npos;
  bool bare_cr = false;
};

// Reads the header section line by line into a Scan the caller owns (it holds the first
// fields in place, too large to copy on return). Errors of the section as a whole (a line
// too long, no empty line) outrank those of a field, which are reported in field order.
class SectionReader {
 public:
  SectionReader(std::string_view in, const Limits& limits, Scan& scan) : in_(in), limits_(limits), scan_(scan) {}

  Result<void> read() {
    std::size_t pos = 0;  // the caller cut leading CRLFs
    for (bool start_line = true;; start_line = false) {
      const detail::LineScan line = detail::scan_line(in_, pos);
      if (!line.complete) return unterminated(pos);
      if (line.text_end - pos > limits_.max_line) return too_long(pos);
      if (start_line) {
        scan_.start_line = in_.substr(pos, line.text_end - pos);
      } else if (line.text_end == pos) {
        scan_.body = line.next;
        break;
      } else if (!error_) {
        take(line, pos);
      }
      pos = line.next;
    }
    if (!error_ && has_pending_) finish();
    if (error_) return *error_;
    return {};
  }

 private:
  Error too_long(std::size_t pos) const {
    return make_error("line longer than " + std::to_string(limits_.max_line) + " octets", pos);
  }
  Error unterminated(std::size_t pos) const {
    if (in_.size() - pos > limits_.max_line) return too_long(pos);
    return make_error("header section not terminated by an empty line", in_.size());
  }

  // A non-empty line of the section: a field's first line or a continuation line.
  void take(const detail::LineScan& line, std::size_t pos) {
    if (in_[pos] == ' ' || in_[pos] == '\t') {
      if (!has_pending_) {
        error_ = make_error("continuation line without a header field", pos);
        return;
      }
      pending_.field.folded = true;
      pending_.field.end = line.next;
      pending_.bare_cr |= line.bare_cr;
      return;
    }
    if (has_pending_ && !finish()) return;
    if (scan_.headers.size() == limits_.max_headers) {
      error_ = make_error("more than " + std::to_string(limits_.max_headers) + " header fields", pos);
      return;
    }
    // Written in place: this runs once per header field of every received message.
    pending_.field.folded = false;
    pending_.field.offset = pos;
    pending_.field.end = line.next;
    pending_.colon = line.colon;
    pending_.bare_cr = line.bare_cr;
    pending_.field.first = line.colon != std::string_view::npos
                               ? trim(in_.substr(line.colon + 1, line.text_end - line.colon - 1))
                               : std::string_view();
    has_pending_ = true;
  }

  // Checks the pending field as read_field() and the limits would, and keeps it.
  bool finish() {
    has_pending_ = false;
    const Pending& p = pending_;
    const std::size_t at = p.field.offset;
    if (p.colon == std::string_view::npos) return fail("header line without ':'", at);
    const std::string_view name = trim(in_.substr(at, p.colon - at));
    // A name the schema knows is a token (a test pins that of each): only the others are
    // checked octet by octet.
    const std::string_view canonical = canonical_header_name(name);
    if (canonical.data() == name.data() && !is_token(name)) return fail("invalid header name", at);
    if (p.bare_cr) return fail("bare CR in header field", at);
    if (p.field.end - at > limits_.max_header_value) {
      return fail("header field longer than " + std::to_string(limits_.max_header_value) + " octets", at);
    }
    detail::Field field = p.field;
    field.name = name;
    if (field.folded) {
      scan_.unfolded_size += field.end - at;
      scan_.folded.emplace_back(scan_.headers.size(), field);
    }
    if (canonical == "Content-Length") {  // the compact "l" too
      if (!scan_.length) scan_.length = field;
      else if (scan_.repeated_length == std::string_view::npos) scan_.repeated_length = at;
    }
    scan_.headers.push_back(name, canonical, field.first);
    return true;
  }

  bool fail(std::string reason, std::size_t at) {
    error_ = make_error(std::move(reason), at);
    return false;
  }

  std::string_view in_;
  const Limits& limits_;
  Scan& scan_;
  Pending pending_;
  bool has_pending_ = false;
  std::optional<Error> error_;
};

// Allocates what std::allocate_shared asks for (the storage with its reference counts)
// and `tail` octets after it, where `*where` is pointed: the message's bytes and its
// storage are one allocation, not two.
template <class T>
struct TailAllocator {
  using value_type = T;
  std::size_t tail;
  char** where;
  TailAllocator(std::size_t t, char** w) : tail(t), where(w) {}
  template <class U>
  TailAllocator(const TailAllocator<U>& other) : tail(other.tail), where(other.where) {}  // NOLINT: rebinding
  T* allocate(std::size_t n) {
    char* block = static_cast<char*>(::operator new(n * sizeof(T) + tail));
    *where = block + n * sizeof(T);
    return reinterpret_cast<T*>(block);
  }
  void deallocate(T* p, std::size_t) noexcept { ::operator delete(p); }
  template <class U>
  bool operator==(const TailAllocator<U>& other) const { return tail == other.tail && where == other.where; }
};

struct BodyBounds {
  std::size_t end = 0;  // index after the body
  bool implicit = false;
};

// Offsets of its errors are the input's: `lead` octets before `in` were cut.
Result<BodyBounds> body_bounds(std::string_view in, std::size_t lead, const Scan& scan, ParseMode mode) {
  if (scan.repeated_length != std::string_view::npos) {
    return make_error("repeated Content-Length", lead + scan.repeated_length);
  }
  if (!scan.length) {
    if (mode == ParseMode::Stream) return make_error("missing Content-Length on a stream transport", 0);
    return BodyBounds{in.size(), true};
  }
  std::string value;  // a folded value only: most are read where they stand
  if (scan.length->folded) detail::append_unfolded(in, *scan.length, value);
  auto length = parse_content_length(scan.length->folded ? std::string_view(value) : scan.length->first);
  if (!length) return make_error("Content-Length: " + length.reason(), lead + scan.length->offset);
  if (*length > in.size() - scan.body) {
    return make_error("Content-Length " + std::to_string(*length) + " exceeds the " +
                          std::to_string(in.size() - scan.body) + " body octets present",
                      lead + scan.length->offset);
  }
  return BodyBounds{scan.body + *length, false};
}

// The scanned headers, with the unfolded values written beside the message's bytes.
std::vector<Header> own_headers(std::string_view bytes, Scan& scan, detail::MessageStorage& st) {
  std::vector<Header> headers = scan.headers.take();
  st.unfolded.reserve(scan.unfolded_size);
  for (const auto& [index, field] : scan.folded) {
    const std::size_t at = st.unfolded.size();
    detail::append_unfolded(bytes, field, st.unfolded);  // capacity reserved: views stay valid
    headers[index].value = std::string_view(st.unfolded).substr(at);
  }
  return headers;
}

Error at_input(Error e, std::size_t lead) {
  e.offset += lead;
  return e;
}

ParseResult parse_checked(std::string_view in, ParseMode mode, const Limits& limits) {
  if (in.size() > limits.max_message) {
    Error e = make_error("message larger than " + std::to_string(limits.max_message) + " octets", limits.max_message);
    e.response_code = kTooLarge;
    return e;
  }
  // Scanned in the message's own copy, leading CRLFs cut (and trailing octets once the
  // body's end is known): every view the scan takes is then the message's already.
  const std::size_t lead = detail::skip_leading_crlf(in).skip;
  const std::size_t size = in.size() - lead;
  char* copy = nullptr;
  auto storage = std::allocate_shared<detail::MessageStorage>(TailAllocator<detail::MessageStorage>(size, &copy));
  if (size != 0) std::memcpy(copy, in.data() + lead, size);  // an empty view may have no data
  const std::string_view bytes(copy, size);
  Scan scan;
  if (auto read = SectionReader(bytes, limits, scan).read(); !read) return at_input(read.error(), lead);
  auto start = detail::parse_start_line(scan.start_line);
  if (!start) return at_input(start.error(), lead);
  auto bounds = body_bounds(bytes, lead, scan, mode);
  if (!bounds) return bounds.error();

  std::vector<Header> headers = own_headers(bytes, scan, *storage);
  storage->bytes = bytes.substr(0, bounds->end);
  const std::string_view body = storage->bytes.substr(scan.body);
  Message m = detail::MessageAccess::build(std::move(storage), *start, scan.start_line, std::move(headers), body,
                                           bytes.size() - bounds->end, bounds->implicit);
  if (auto checked = detail::check_core_headers(m); !checked) return checked.error();
  return m;
}

}  // namespace

ParseResult parse(std::string_view bytes, ParseMode mode, const Limits& limits) noexcept {
  try {
    ParseResult result = parse_checked(bytes, mode, limits);
    if (!result.ok() && result.error().response_code == 0) {
      // Requests get a response code to answer with; responses are just dropped.
      const auto start = detail::skip_leading_crlf(bytes).skip;
      const bool response = bytes.size() >= start + 4 && iequals(bytes.substr(start, 4), "SIP/");
      if (!response) {
        Error e = result.error();
        e.response_code = kBadRequest;
        return e;
      }
    }
    return result;
  } catch (const std::bad_alloc&) {
    return Error{"out of memory while parsing", 0, 0};
  } catch (...) {
    return Error{"internal parser error", 0, 0};
  }
}

}  // namespace scn::sip
