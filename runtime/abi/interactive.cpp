// The C ABI of interactive sessions (scn_rt.h, "interactive sessions"): opening,
// running entries, finishing and closing a session, the step hook and the idle loop.
#include <cstdio>
#include <exception>

#include "abi/guard.h"
#include "abi/session.h"

namespace {

using scn::Executor;
using scn::Session;
using scn::abi::copy_text;
using scn::abi::guarded;

// The session the configuration asks for, or why there is none.
scn::Result<std::unique_ptr<Session>> open_session(const scn_run_config* config,
                                                   const scn_program* program) {
  if (!config) return scn::make_error("no run configuration");
  if (!program) return scn::make_error("no program to run");
  auto options = scn::run_options_from(*config);
  if (!options) return options.error();
  return Session::open(std::move(options).value(), *program);
}

}  // namespace

extern "C" {

scn_rt* scn_rt_open(const scn_run_config* config, const scn_program* program, char* error,
                    size_t error_size) {
  copy_text("", error, error_size);
  try {
    auto opened = open_session(config, program);
    if (opened) return opened.value().release()->executor().handle();  // scn_rt_close deletes it
    copy_text(opened.reason(), error, error_size);
  } catch (const std::exception& e) {
    copy_text(std::string("internal error: ") + e.what(), error, error_size);
  } catch (...) {
    copy_text("internal error", error, error_size);
  }
  return nullptr;
}

int scn_rt_call(scn_rt* rt, int (*entry)(scn_rt*), int adhoc) {
  return guarded(rt, int{SCN_STOP}, [&](Executor& ex) {
    return rt->session ? rt->session->call(entry, adhoc != 0) : ex.call(entry, adhoc != 0);
  });
}

int scn_rt_finish(scn_rt* rt) {
  if (!rt || !rt->session) return 3;
  try {
    return rt->session->finish();
  } catch (const std::exception& e) {
    return scn::print_error_line(std::string("internal error: ") + e.what());
  } catch (...) {
    return 3;
  }
}

void scn_rt_close(scn_rt* rt) {
  if (!rt || !rt->session) return;  // a run scn_rt_run owns closes itself
  delete rt->session;
}

void scn_rt_set_step_hook(scn_rt* rt, scn_step_hook hook, void* user) {
  guarded(rt, 0, [&](Executor& ex) { return ex.set_step_hook(hook, user), 0; });
}

int scn_rt_aborted(scn_rt* rt) {
  return guarded(rt, 0, [&](Executor& ex) { return ex.aborted() ? 1 : 0; });
}

int scn_rt_idle_until_readable(scn_rt* rt, int fd) {
  return guarded(rt, -1, [&](Executor& ex) {
    return fd >= 0 && ex.idle_until_readable(fd) ? 0 : -1;
  });
}

}  // extern "C"
