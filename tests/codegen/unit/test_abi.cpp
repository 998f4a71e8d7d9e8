// The C ABI pinned: the fingerprint of scn_rt.h as the code generator lowers it must
// equal the golden of SCN_RT_ABI_VERSION (tests/codegen/abi/scn_rt_abi_N.txt), so an ABI
// change fails here until the version is bumped and the golden of the new version is
// written: SCN_UPDATE_GOLDEN=1 ctest -R 'codegen unit:the ABI'. A golden, once
// written, is never rewritten (built executables of that version exist).
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "abi.h"
#include "scn/codegen/llvm_module.h"
#include "support.h"
#include "target.h"

namespace scn::test {

namespace {

#define SCN_CONSTANT(name) {#name, static_cast<long long>(name)}
// Every enum constant of scn_rt.h, in header order.
const std::pair<const char*, long long> kConstants[] = {
    SCN_CONSTANT(SCN_OK), SCN_CONSTANT(SCN_MATCHED), SCN_CONSTANT(SCN_TIMEOUT),
    SCN_CONSTANT(SCN_STOP), SCN_CONSTANT(SCN_PASS), SCN_CONSTANT(SCN_INCONC),
    SCN_CONSTANT(SCN_FAIL), SCN_CONSTANT(SCN_ERROR), SCN_CONSTANT(SCN_PARTY_UNDER_TEST),
    SCN_CONSTANT(SCN_PARTY_PLAYED), SCN_CONSTANT(SCN_OPTION_UE), SCN_CONSTANT(SCN_OPTION_BIND),
    SCN_CONSTANT(SCN_OPTION_DRIVE), SCN_CONSTANT(SCN_PATH_REQUEST_URI),
    SCN_CONSTANT(SCN_PATH_STATUS), SCN_CONSTANT(SCN_PATH_REASON), SCN_CONSTANT(SCN_PATH_METHOD),
    SCN_CONSTANT(SCN_PATH_HEADER), SCN_CONSTANT(SCN_PATH_BODY), SCN_CONSTANT(SCN_PART_WHOLE),
    SCN_CONSTANT(SCN_PART_ADDR_SPEC), SCN_CONSTANT(SCN_PART_DISPLAY_NAME),
    SCN_CONSTANT(SCN_PART_PARAM), SCN_CONSTANT(SCN_PART_URI_USER),
    SCN_CONSTANT(SCN_PART_URI_HOST), SCN_CONSTANT(SCN_PART_URI_PORT),
    SCN_CONSTANT(SCN_PART_URI_PARAM), SCN_CONSTANT(SCN_PART_TOKEN),
    SCN_CONSTANT(SCN_PART_CSEQ_SEQ), SCN_CONSTANT(SCN_PART_CSEQ_METHOD),
    SCN_CONSTANT(SCN_PART_RACK_RSEQ), SCN_CONSTANT(SCN_PART_RACK_CSEQ),
    SCN_CONSTANT(SCN_PART_VIA_SENT_BY), SCN_CONSTANT(SCN_PART_VIA_TRANSPORT),
    SCN_CONSTANT(SCN_PART_VIA_HOST), SCN_CONSTANT(SCN_PART_VIA_PORT),
    SCN_CONSTANT(SCN_SS_TO_UE), SCN_CONSTANT(SCN_UE_TO_SS),
    SCN_CONSTANT(SCN_STEP_MESSAGE), SCN_CONSTANT(SCN_STEP_ACTION), SCN_CONSTANT(SCN_STEP_MEDIA), SCN_CONSTANT(SCN_STEP_WAIT),
    SCN_CONSTANT(SCN_UPPER_TESTER), SCN_CONSTANT(SCN_SEND_SET),
    SCN_CONSTANT(SCN_SEND_ABSENT), SCN_CONSTANT(SCN_SEND_PRESENT), SCN_CONSTANT(SCN_SEND_APPEND),
    SCN_CONSTANT(SCN_FILL_VIA), SCN_CONSTANT(SCN_FILL_BRANCH),
    SCN_CONSTANT(SCN_FILL_MAX_FORWARDS), SCN_CONSTANT(SCN_FILL_CALL_ID),
    SCN_CONSTANT(SCN_FILL_CSEQ), SCN_CONSTANT(SCN_FILL_FROM_TO), SCN_CONSTANT(SCN_FILL_TAGS),
    SCN_CONSTANT(SCN_FILL_ROUTE), SCN_CONSTANT(SCN_FILL_REQUEST_URI),
    SCN_CONSTANT(SCN_FILL_CONTACT), SCN_CONSTANT(SCN_FILL_CONTENT_TYPE),
    SCN_CONSTANT(SCN_FILL_CONTENT_LENGTH), SCN_CONSTANT(SCN_MATCH_EQUAL),
    SCN_CONSTANT(SCN_MATCH_EQUAL_LIST), SCN_CONSTANT(SCN_MATCH_PRESENT),
    SCN_CONSTANT(SCN_MATCH_ABSENT), SCN_CONSTANT(SCN_MATCH_ANY), SCN_CONSTANT(SCN_MATCH_PREFIX),
    SCN_CONSTANT(SCN_MATCH_REGEX), SCN_CONSTANT(SCN_MATCH_ONE_OF), SCN_CONSTANT(SCN_MATCH_DIGEST),
    SCN_CONSTANT(SCN_MEDIA_TONE), SCN_CONSTANT(SCN_MEDIA_SILENCE), SCN_CONSTANT(SCN_MEDIA_MIX),
    SCN_CONSTANT(SCN_MEDIA_DTMF), SCN_CONSTANT(SCN_MEDIA_STOP), SCN_CONSTANT(SCN_MEDIA_CHECK),
    SCN_CONSTANT(SCN_MEDIA_LOSS_INCLUSIVE), SCN_CONSTANT(SCN_MEDIA_JITTER_INCLUSIVE),
    SCN_CONSTANT(SCN_MEDIA_RTCP),
    SCN_CONSTANT(SCN_SDP_ANSWER), SCN_CONSTANT(SCN_SDP_OFFER),
    SCN_CONSTANT(SCN_AUTH_DIGEST), SCN_CONSTANT(SCN_AUTH_AKA),
    SCN_CONSTANT(SCN_EXPECT_OPTIONAL), SCN_CONSTANT(SCN_DIALOG_CALL_ID),
    SCN_CONSTANT(SCN_DIALOG_LOCAL_TAG), SCN_CONSTANT(SCN_DIALOG_REMOTE_TAG),
    SCN_CONSTANT(SCN_DIALOG_LOCAL_URI), SCN_CONSTANT(SCN_DIALOG_REMOTE_URI),
    SCN_CONSTANT(SCN_DIALOG_REMOTE_TARGET), SCN_CONSTANT(SCN_DIALOG_ROUTE_SET),
    SCN_CONSTANT(SCN_DIALOG_LOCAL_CSEQ), SCN_CONSTANT(SCN_DIALOG_REMOTE_CSEQ),
    SCN_CONSTANT(SCN_HOOK_GO), SCN_CONSTANT(SCN_HOOK_ABORT),
    SCN_CONSTANT(SCN_UNEXPECTED_REQUEST), SCN_CONSTANT(SCN_UNEXPECTED_UNKNOWN_DIALOG),
    SCN_CONSTANT(SCN_UNEXPECTED_MALFORMED), SCN_CONSTANT(SCN_UNEXPECTED_RECORD),
    SCN_CONSTANT(SCN_UNEXPECTED_FAIL), SCN_CONSTANT(SCN_UNEXPECTED_INCONC),
};
#undef SCN_CONSTANT

using Declared = std::pair<const char*, llvm::FunctionCallee>;
#define SCN_FUNCTION(fn) Declared{#fn, SCN_ABI_DECLARE(m, t, fn)}
// Every function of scn_rt.h, in header order, declared after the code generator has
// declared those generated code calls: a declaration that exists stays as it is.
std::vector<Declared> declare_all(llvm::Module& m, const codegen::AbiTypes& t) {
  return {SCN_FUNCTION(scn_run_config_init), SCN_FUNCTION(scn_rt_run),
          SCN_FUNCTION(scn_rt_main), SCN_FUNCTION(scn_rt_report_error), SCN_FUNCTION(scn_step_begin),
          SCN_FUNCTION(scn_out_request), SCN_FUNCTION(scn_out_response),
          SCN_FUNCTION(scn_out_rows), SCN_FUNCTION(scn_out_set), SCN_FUNCTION(scn_out_add),
          SCN_FUNCTION(scn_out_relay), SCN_FUNCTION(scn_out_remove), SCN_FUNCTION(scn_out_present),
          SCN_FUNCTION(scn_out_body), SCN_FUNCTION(scn_out_no_fill), SCN_FUNCTION(scn_send),
          SCN_FUNCTION(scn_expect), SCN_FUNCTION(scn_expect_first),
          SCN_FUNCTION(scn_expect_each), SCN_FUNCTION(scn_act), SCN_FUNCTION(scn_wait), SCN_FUNCTION(scn_media),
          SCN_FUNCTION(scn_sdp), SCN_FUNCTION(scn_param), SCN_FUNCTION(scn_condition),
          SCN_FUNCTION(scn_stored), SCN_FUNCTION(scn_step_field),
          SCN_FUNCTION(scn_dialog_field), SCN_FUNCTION(scn_ss_address),
          SCN_FUNCTION(scn_party_address),
          SCN_FUNCTION(scn_concat), SCN_FUNCTION(scn_list_reverse),
          SCN_FUNCTION(scn_subscribed), SCN_FUNCTION(scn_auth_challenge), SCN_FUNCTION(scn_auth_credentials), SCN_FUNCTION(scn_fail), SCN_FUNCTION(scn_inconc),
          SCN_FUNCTION(scn_verdict), SCN_FUNCTION(scn_rt_open), SCN_FUNCTION(scn_rt_call),
          SCN_FUNCTION(scn_rt_finish), SCN_FUNCTION(scn_rt_close),
          SCN_FUNCTION(scn_rt_set_step_hook), SCN_FUNCTION(scn_rt_aborted),
          SCN_FUNCTION(scn_last_message), SCN_FUNCTION(scn_last_field),
          SCN_FUNCTION(scn_dialogs_text), SCN_FUNCTION(scn_stored_text), SCN_FUNCTION(scn_set),
          SCN_FUNCTION(scn_verdict_text), SCN_FUNCTION(scn_current_step),
          SCN_FUNCTION(scn_rt_idle_until_readable)};
}
#undef SCN_FUNCTION

// A type as LLVM writes it, structs by name.
std::string llvm_text(const llvm::Type& type) {
  std::string out;
  llvm::raw_string_ostream stream(out);
  type.print(stream, false, true);
  return stream.str();
}

// The ABI as text, and the names it covers (SCN_OK, scn_path, scn_path.header, scn_send).
struct Fingerprint {
  std::string text;
  std::set<std::string> names;
};

// A module with the host's data layout, as generate() makes.
std::unique_ptr<llvm::Module> host_module(llvm::LLVMContext& context) {
  auto module = std::make_unique<llvm::Module>("abi", context);
  std::string error;
  std::unique_ptr<llvm::TargetMachine> machine = codegen::host_machine(error);
  REQUIRE_MESSAGE(machine, error);
  module->setDataLayout(machine->createDataLayout());
  return module;
}

Fingerprint fingerprint() {
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module = host_module(context);
  codegen::AbiTypes types(*module);
  codegen::AbiFunctions used(*module, types);
  std::set<std::string> generated;
  for (const llvm::Function& f : module->functions()) generated.insert(f.getName().str());

  Fingerprint fp;
  std::ostringstream out;
  out << "# scn_rt.h as the code generator lowers it for a 64-bit host; written by\n"
         "# tests/codegen/unit/test_abi.cpp. [generated]: generated code calls it.\n";
  out << "SCN_RT_ABI_VERSION " << SCN_RT_ABI_VERSION << "\n";
  fp.names.insert("SCN_RT_ABI_VERSION");
  for (const auto& [name, value] : kConstants) {
    out << "const " << name << " " << value << "\n";
    fp.names.insert(name);
  }
  for (const codegen::CStruct& s : types.structs) {
    out << "struct " << s.name << " size " << s.size << " align " << s.align << "\n";
    fp.names.insert(s.name);
    for (std::size_t i = 0; i < s.members.size(); ++i) {
      out << "  " << s.members[i].name << " @" << s.members[i].offset << " "
          << llvm_text(*s.type->getElementType(i)) << "\n";
      fp.names.insert(std::string(s.name) + "." + s.members[i].name);
    }
  }
  for (const auto& [name, callee] : declare_all(*module, types)) {
    const llvm::Function* f = module->getFunction(name);
    out << "function " << name << " " << llvm_text(*f->getFunctionType())
        << (generated.count(name) ? " [generated]" : "") << "\n";
    fp.names.insert(name);
  }
  out << "callback scn_testcase.entry " << llvm_text(*used.entry) << "\n";
  out << "callback scn_step_hook "
      << llvm_text(*codegen::abi::Prototype<std::remove_pointer_t<scn_step_hook>>::type(types))
      << "\n";
  fp.names.insert("scn_step_hook");
  fp.text = out.str();
  return fp;
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string header_path() {
  return std::string(SCN_SOURCE_DIR) + "/runtime/include/scn/scn_rt.h";
}

// The names scn_rt.h declares, read from its text: the version macro, enum constants,
// functions, function pointer types, structs and their members.
std::set<std::string> declared_names(const std::string& header) {
  std::string text;  // without comments
  for (std::size_t at = 0; at < header.size();) {
    const std::size_t open = header.find("/*", at);
    text += header.substr(at, open == std::string::npos ? open : open - at);
    if (open == std::string::npos) break;
    at = header.find("*/", open + 2);
    at = at == std::string::npos ? header.size() : at + 2;
  }
  std::set<std::string> names;
  auto scan = [&](const std::string& in, const char* pattern, const std::string& prefix) {
    const std::regex re(pattern);
    for (auto it = std::sregex_iterator(in.begin(), in.end(), re); it != std::sregex_iterator();
         ++it)
      names.insert(prefix + (*it)[1].str());
  };
  scan(text, R"(#define (SCN_\w+)[ \t]+\S)", "");
  scan(text, R"(\b(SCN_\w+)\s*=)", "");
  scan(text, R"((?:^|\n)[A-Za-z_][\w \t*]*?\b(scn_\w+)\s*\()", "");
  scan(text, R"(\(\s*\*\s*(scn_\w+)\s*\))", "");  // typedef int (*scn_step_hook)(...)
  const std::regex record(R"(typedef struct (scn_\w+) \{([^}]*)\})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), record);
       it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1].str());
    scan((*it)[2].str(), R"((\w+)\s*(?:\)\s*\([^)]*\))?\s*;)", (*it)[1].str() + ".");
  }
  return names;
}

// The first line where two texts differ, for the failure message.
std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream a(expected), b(actual);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, la));
    const bool more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) return "";
    if (!more_a || !more_b || la != lb)
      return "line " + std::to_string(line) + ": golden \"" + (more_a ? la : "<end>") +
             "\", now \"" + (more_b ? lb : "<end>") + "\"";
  }
}

}  // namespace

TEST_CASE("the ABI of scn_rt.h equals the golden of its version") {
  const Fingerprint fp = fingerprint();
  const std::filesystem::path golden = std::string(SCN_SOURCE_DIR) +
                                       "/tests/codegen/abi/scn_rt_abi_" +
                                       std::to_string(SCN_RT_ABI_VERSION) + ".txt";
  if (!std::filesystem::exists(golden) && std::getenv("SCN_UPDATE_GOLDEN"))
    std::ofstream(golden, std::ios::binary) << fp.text;
  REQUIRE_MESSAGE(std::filesystem::exists(golden),
                  "no golden for ABI version " << SCN_RT_ABI_VERSION << " (" << golden.string()
                                               << "): write it with SCN_UPDATE_GOLDEN=1");
  INFO("scn_rt.h changed the ABI of version "
       << SCN_RT_ABI_VERSION
       << ". Built executables carry the version: bump SCN_RT_ABI_VERSION, then write the "
          "golden of the new version with SCN_UPDATE_GOLDEN=1.");
  CHECK(first_difference(read_text(golden), fp.text) == "");
}

TEST_CASE("the ABI fingerprint covers every name scn_rt.h declares") {
  const std::set<std::string> declared = declared_names(read_text(header_path()));
  REQUIRE(declared.size() > 100);
  const std::set<std::string> covered = fingerprint().names;
  for (const std::string& name : declared) {
    INFO("declared in scn_rt.h, missing from the fingerprint: " << name);
    CHECK(covered.count(name) == 1);
  }
  for (const std::string& name : covered) {
    INFO("in the fingerprint, not found in scn_rt.h: " << name);
    CHECK(declared.count(name) == 1);
  }
}

TEST_CASE("LLVM lays out every struct of scn_rt.h as the C compiler does") {
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module = host_module(context);
  codegen::AbiTypes types(*module);
  CHECK(types.mismatch == "");
  CHECK(types.structs.size() == 17);
  for (const codegen::CStruct& s : types.structs) {
    INFO(s.name);
    CHECK(codegen::layout_mismatch(s, module->getDataLayout()) == "");
    CHECK(s.members.size() == s.type->getNumElements());
  }
  // The check sees a layout that differs: 32-bit pointers.
  const llvm::DataLayout narrow("e-p:32:32-i64:64");
  const auto path =
      std::find_if(types.structs.begin(), types.structs.end(),
                   [](const codegen::CStruct& s) { return std::string(s.name) == "scn_path"; });
  REQUIRE(path != types.structs.end());
  const std::string why = codegen::layout_mismatch(*path, narrow);
  CHECK(contains(why, "scn_path size 20, in C 32"));
  CHECK(contains(why, "scn_path.header at 4, in C 8"));
}

TEST_CASE("a module whose ABI layout is wrong does not verify") {
  ir::Program program;
  program.name = "empty";
  codegen::Module module = codegen::generate(program);
  CHECK(module.verify() == "");
  module.impl().abi_mismatch = "scn_path.header at 4, in C 8";
  CHECK(contains(module.verify(), "LLVM lays out scn_rt.h otherwise than the C compiler: "
                                  "scn_path.header at 4, in C 8"));
}

}  // namespace scn::test
