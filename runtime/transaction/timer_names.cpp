#include "transaction/timers.h"

namespace scn::sip {

std::string_view to_string(TimerName name) {
  switch (name) {
    case TimerName::A: return "A";
    case TimerName::B: return "B";
    case TimerName::D: return "D";
    case TimerName::E: return "E";
    case TimerName::F: return "F";
    case TimerName::G: return "G";
    case TimerName::H: return "H";
    case TimerName::I: return "I";
    case TimerName::J: return "J";
    case TimerName::K: return "K";
    case TimerName::Reliable1xx: return "reliable-1xx";
    case TimerName::Retransmit2xx: return "2xx-retransmit";
  }
  return "?";
}

}  // namespace scn::sip
