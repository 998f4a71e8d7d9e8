// The report files a run is asked for, checked before the run starts.
#pragma once

#include "executor/executor.h"

namespace scn {

// Before anything is sent: each report file (--trace, --junit, --json, --html, --pcap)
// can be created, its folder exists and is writable. The first one refused is the
// error ("--trace: cannot write /x/t.trace: no folder /x"); the paths refused are
// cleared, so the reports of the failed start go only where they can.
Result<void> check_report_paths(RunOptions& options);

}  // namespace scn
