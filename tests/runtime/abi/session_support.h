// Helpers for the interactive-session tests: a session opened through scn_rt_open on a
// port of its own and closed at the end of the test, and a step made of an id.
#pragma once

#include <string>

#include "support.h"

namespace scn_rt_test {

// A session on 127.0.0.1:PORT (quiet unless asked), closed with the object.
class OpenSession {
 public:
  OpenSession(const scn_program& program, int port, bool quiet = true,
              const scn_setting* settings = nullptr, std::size_t setting_count = 0)
      : bind_("127.0.0.1:" + std::to_string(port)) {
    scn_run_config config;
    scn_run_config_init(&config);
    config.bind = bind_.c_str();
    config.quiet = quiet ? 1 : 0;
    config.linger_ms = 0;
    config.timeout_ms = 2000;
    config.settings = settings;
    config.setting_count = setting_count;
    char buffer[256];
    rt_ = scn_rt_open(&config, &program, buffer, sizeof buffer);
    error_ = buffer;
  }
  ~OpenSession() { scn_rt_close(rt_); }
  OpenSession(const OpenSession&) = delete;
  OpenSession& operator=(const OpenSession&) = delete;

  scn_rt* rt() const { return rt_; }
  const std::string& error() const { return error_; }
  std::string ss() const { return text(scn_ss_address(rt_)); }

 private:
  std::string bind_;
  scn_rt* rt_ = nullptr;
  std::string error_;
};

// Enters a step with just an id and a direction (the implicit dialog).
inline int begin(scn_rt* rt, const char* id, int direction = SCN_SS_TO_UE) {
  const scn_step step = make_step(id, direction);
  return scn_step_begin(rt, &step);
}

}  // namespace scn_rt_test
