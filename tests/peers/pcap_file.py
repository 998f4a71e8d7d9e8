"""Hand-written pcap captures for the test peers: the file format (libpcap 2.4) and the
IPv4 header with its checksum; callers put UDP, TCP or RTP inside.

  write(path, linktype, records)   records: (seconds from the start, packet bytes)
"""
import struct

LINKTYPE_ETHERNET = 1
LINKTYPE_RAW = 101  # the packet starts with its IP header
START = 1_700_000_000  # the first record's time, seconds since 1970


def checksum(data):
    """The internet checksum (RFC 1071); odd-length data padded with a zero octet."""
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def ipv4(protocol, source, destination, payload, ident=1, tos=0, flags=0):
    """An IPv4 packet (TTL 64) from SOURCE to DESTINATION, four octets each."""
    header = struct.pack("!BBHHHBBH4s4s", 0x45, tos, 20 + len(payload), ident & 0xFFFF, flags, 64,
                         protocol, 0, source, destination)
    return header[:10] + struct.pack("!H", checksum(header)) + header[12:] + payload


def write(path, linktype, records):
    with open(path, "wb") as f:
        # magic, version 2.4, GMT offset, accuracy, snaplen, link type
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype))
        for at, data in records:
            usec = round(at * 1e6)
            f.write(struct.pack("<IIII", START + usec // 1_000_000, usec % 1_000_000, len(data), len(data)))
            f.write(data)
