// SIP transports (RFC 3261 section 18) over UDP and TCP, IPv4 and IPv6, driven by the one
// event loop. Received bytes are parsed into sip::Message; bytes that do not parse are
// reported with the reason, never dropped silently. Layers above see only `Transport`.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "transport/loop.h"
#include "msg/msg.h"
#include "transport/address.h"
#include "transport/socket.h"

namespace scn::net {

enum class Proto { udp, tcp };
// "UDP" / "TCP", as written in a Via.
std::string_view to_string(Proto proto);
// Case-insensitive "udp" / "tcp" (a Via transport token); nullopt otherwise.
std::optional<Proto> proto_from_string(std::string_view text);

class Transport;

// A message as received: source is the peer's address (for TCP the connection's remote
// end, which is where responses go back, RFC 3261 18.2.2).
struct Inbound {
  sip::Message message;
  Address source;
  Address local;
  Transport* transport = nullptr;
};

// Bytes that did not parse (or lost the stream framing): raw holds them (for TCP, the
// unframed rest of the buffer, capped at the message size limit).
struct InboundError {
  std::string raw;
  std::string reason;
  std::size_t offset = 0;
  Address source;
  Address local;
  Transport* transport = nullptr;
  bool connection_closed = false;  // TCP: framing was lost, so the connection was closed
};

class TransportHandler {
public:
  virtual ~TransportHandler() = default;
  virtual void on_message(const Inbound& in) = 0;
  virtual void on_parse_error(const InboundError& error) = 0;
  // Something sent to `remote` could not be delivered after send() had accepted it
  // (TCP connect refused, connection reset with data queued).
  virtual void on_transport_error(Transport& transport, const Address& remote,
                                  const std::string& reason) {
    (void)transport, (void)remote, (void)reason;
  }
  // A TCP connection ended (peer closed, error, or framing lost).
  virtual void on_connection_closed(Transport& transport, const Address& remote) {
    (void)transport, (void)remote;
  }
};

// Handlers must not destroy the transport that is calling them.
class Transport {
public:
  virtual ~Transport() = default;
  virtual Proto proto() const = 0;
  bool reliable() const { return proto() == Proto::tcp; }
  // The bound address, with the real port when bound to port 0.
  const Address& local() const { return local_; }
  // Queues one serialised message for `to`. False with a reason when it cannot even be
  // queued (UDP send failed, TCP socket could not be created). Never blocks.
  virtual bool send(const Address& to, std::string_view bytes, std::string& error) = 0;
  void set_handler(TransportHandler* handler) { handler_ = handler; }
  // Counters for tests and traces.
  std::size_t received_count() const { return received_; }
  std::size_t keepalive_count() const { return keepalives_; }

protected:
  void deliver(sip::Message message, const Address& source, const Address& local);
  void deliver_error(InboundError error);

  Address local_;
  TransportHandler* handler_ = nullptr;
  std::size_t received_ = 0;
  std::size_t keepalives_ = 0;
};

class UdpTransport final : public Transport {
public:
  // Binds a non-blocking UDP socket to `bind` (port 0 picks a free port). Null on error.
  static std::unique_ptr<UdpTransport> open(Loop& loop, const Address& bind, std::string& error);
  ~UdpTransport() override;
  Proto proto() const override { return Proto::udp; }
  bool send(const Address& to, std::string_view bytes, std::string& error) override;

private:
  UdpTransport(Loop& loop, Fd fd, Address local);
  void on_readable();
  void on_datagram(std::string_view bytes, const Address& source, bool truncated);

  Loop& loop_;
  Fd fd_;
  WatchId watch_ = 0;
  std::string buffer_;  // one datagram plus one octet, to see truncation
};

class TcpConnection;

class TcpTransport final : public Transport {
public:
  // Listens on `bind` (port 0 picks a free port). Null on error.
  static std::unique_ptr<TcpTransport> open(Loop& loop, const Address& bind, std::string& error);
  ~TcpTransport() override;
  Proto proto() const override { return Proto::tcp; }
  // Reuses the connection to `to` (by remote address or alias) or connects a new one;
  // bytes are queued until the connection is up and written as the socket allows.
  bool send(const Address& to, std::string_view bytes, std::string& error) override;

  // Lets messages for `alias` (say, the peer's Via sent-by) use the connection whose
  // remote end is `remote` (RFC 5923 style reuse). False when there is no such connection.
  // A request whose top Via carries ";alias" sets this up by itself.
  bool add_alias(const Address& alias, const Address& remote);
  bool has_connection(const Address& to) const;
  void close_connection(const Address& remote);
  std::size_t connection_count() const { return connections_.size(); }
  std::size_t accepted_count() const { return accepted_; }

private:
  friend class TcpConnection;
  TcpTransport(Loop& loop, Fd listener, Address local);
  void on_acceptable();
  std::shared_ptr<TcpConnection> find(const Address& to) const;
  std::shared_ptr<TcpConnection> connect(const Address& to, std::string& error);
  void adopt(std::shared_ptr<TcpConnection> conn);
  // Called by a connection.
  void on_frame(TcpConnection& conn, std::string_view bytes);
  void learn_alias(const sip::Message& message, const Address& remote);
  void on_stream_error(TcpConnection& conn, std::string raw, std::string reason);
  void on_closed(TcpConnection& conn, const std::string& reason, bool with_pending_data);

  Loop& loop_;
  Fd listener_;
  WatchId watch_ = 0;
  std::unordered_map<Address, std::shared_ptr<TcpConnection>, AddressHash> connections_;
  std::unordered_map<Address, Address, AddressHash> aliases_;
  std::size_t accepted_ = 0;
};

}  // namespace scn::net
