// The C ABI of interactive sessions for looking around between steps: the last
// messages, dialogs, stored values, the verdict and step so far, and settings.
#include <exception>

#include "abi/guard.h"

namespace {

using scn::Arena;
using scn::Executor;
using scn::abi::copy_text;
using scn::abi::guarded;

}  // namespace

extern "C" {

// Copied: the trace keeps growing, so a view into it would not last.
scn_str scn_last_message(scn_rt* rt, int direction) {
  return guarded(rt, Arena::empty(), [&](Executor& ex) {
    auto way = scn::direction_from(direction);
    const std::string* raw = way ? ex.last_message(*way) : nullptr;
    return raw ? ex.arena().keep(*raw) : Arena::empty();
  });
}

scn_str scn_last_field(scn_rt* rt, int direction, const scn_path* path) {
  return guarded(rt, Arena::empty(), [&](Executor& ex) {
    auto way = scn::direction_from(direction);
    if (!way || !path) return Arena::empty();
    // Inspection never changes the verdict: a path the runtime cannot read has no value.
    auto field_path = scn::to_path(*path);
    if (!field_path) return Arena::empty();
    return ex.arena().keep(ex.last_field(*way, *field_path));
  });
}

scn_str scn_dialogs_text(scn_rt* rt) {
  return guarded(rt, Arena::empty(), [&](Executor& ex) { return ex.arena().keep(ex.dialogs_text()); });
}

scn_str scn_stored_text(scn_rt* rt) {
  return guarded(rt, Arena::empty(), [&](Executor& ex) { return ex.arena().keep(ex.stored_text()); });
}

int scn_set(scn_rt* rt, const char* name, const char* value, char* error, size_t error_size) {
  copy_text("", error, error_size);
  std::string why = "no session";
  try {
    if (rt && rt->executor) {
      if (!name || !*name) {
        why = "a setting without a name";
      } else if (!value) {
        why = std::string(name) + ": no value";
      } else {
        auto set = rt->executor->set_setting(name, value);
        if (set) return 0;
        why = set.reason();
      }
    }
  } catch (const std::exception& e) {
    why = std::string("internal error: ") + e.what();
  } catch (...) {
    why = "internal error";
  }
  copy_text(why, error, error_size);
  return -1;
}

scn_str scn_verdict_text(scn_rt* rt) {
  return guarded(rt, Arena::empty(), [&](Executor& ex) {
    return ex.arena().keep(scn::render_final_line(ex.verdict().verdict()));
  });
}

scn_str scn_current_step(scn_rt* rt) {
  return guarded(rt, Arena::empty(), [&](Executor& ex) { return ex.arena().keep(ex.step().id); });
}

}  // extern "C"
