// The link step of `scn build`: the generated object plus the runtime's static library
// into a standalone executable, by the system C++ compiler driver.
#pragma once

#include <string>

namespace scn::link {

// The runtime archive: $SCN_RUNTIME_LIB, else the one of the build tree this scn was
// built in.
std::string runtime_library();
// The C++ driver: $CXX, else "c++".
std::string cxx_driver();

// Runs `CXX -o exe object runtime.a DEPS... -pthread`, DEPS the archives the runtime needs
// ($SCN_RUNTIME_DEPS, else those of the build tree; separated by ':'). Empty when linked,
// else the reason (the driver's own messages go to stderr).
std::string link_executable(const std::string& object, const std::string& exe);

}  // namespace scn::link
