"""Regression: tshark_check decodes SIP on a port Wireshark registers to another protocol.

Writes a capture by hand (LINKTYPE_RAW, IPv4) with an OPTIONS over UDP and its 200 OK over
TCP, both between 127.0.0.1:12000 (UDP 12000 is IBM's Enterprise Extender) and :12008, and
expects tshark_check to find nothing wrong. Exit 77 without tshark.
"""
import os
import shutil
import struct
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pcap_file  # noqa: E402
import tshark_check  # noqa: E402

REQUEST = (b"OPTIONS sip:ue@127.0.0.1:12008 SIP/2.0\r\n"
           b"Via: SIP/2.0/UDP 127.0.0.1:12000;branch=z9hG4bK1\r\n"
           b"Max-Forwards: 70\r\nFrom: <sip:ss@127.0.0.1>;tag=1\r\nTo: <sip:ue@127.0.0.1>\r\n"
           b"Call-ID: ports@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
RESPONSE = (b"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:12000;branch=z9hG4bK1\r\n"
            b"From: <sip:ss@127.0.0.1>;tag=1\r\nTo: <sip:ue@127.0.0.1>;tag=2\r\n"
            b"Call-ID: ports@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
LOOPBACK = bytes([127, 0, 0, 1])


def with_checksum(protocol, segment, at):
    pseudo = LOOPBACK + LOOPBACK + struct.pack("!BBH", 0, protocol, len(segment))
    value = pcap_file.checksum(pseudo + segment)
    return segment[:at] + struct.pack("!H", value) + segment[at + 2:]


def udp(source, destination, payload):
    segment = struct.pack("!HHHH", source, destination, 8 + len(payload), 0) + payload
    return pcap_file.ipv4(17, LOOPBACK, LOOPBACK, with_checksum(17, segment, 6))


def tcp(source, destination, seq, ack, flags, payload=b""):
    segment = struct.pack("!HHIIBBHHH", source, destination, seq, ack, 5 << 4, flags, 65535,
                          0, 0) + payload
    return pcap_file.ipv4(6, LOOPBACK, LOOPBACK, with_checksum(6, segment, 16))


def capture(path):
    syn, ack, psh = 0x02, 0x10, 0x08
    packets = [udp(12000, 12008, REQUEST),
               tcp(12008, 12000, 100, 0, syn), tcp(12000, 12008, 500, 101, syn | ack),
               tcp(12008, 12000, 101, 501, ack),
               tcp(12008, 12000, 101, 501, psh | ack, RESPONSE)]
    pcap_file.write(path, pcap_file.LINKTYPE_RAW, [(i / 1000, packet) for i, packet in enumerate(packets)])


def main():
    if shutil.which("tshark") is None:
        print("tshark_ports: SKIP: tshark is not installed")
        return 77
    with tempfile.TemporaryDirectory(prefix="scn-tshark-ports-") as workdir:
        path = os.path.join(workdir, "ports.pcap")
        capture(path)
        found = tshark_check.problems(path)
    for problem in found:
        print(f"tshark_ports: {problem}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
