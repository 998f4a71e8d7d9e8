// The part names the lowering maps to runtime parts (scn/ir/parts.h) are parts the
// schema declares, under the header's canonical name: a rename in stdlib/sip fails here.
#include "scn/ir/dump.h"
#include "scn/ir/parts.h"
#include "scn/schema/load.hpp"
#include "support.h"

namespace scn::test {

TEST_CASE("every named part of the IR is a part the header schema declares") {
  schema::LoadResult loaded = schema::load_schema(std::string(SCN_TEST_STDLIB) + "/sip");
  REQUIRE(loaded.ok());
  for (const ir::NamedPart& named : ir::named_parts()) {
    const std::string header(named.header), name(named.name);
    INFO(header << "." << name);
    bool declared = false;
    for (const schema::Header& h : loaded.schema->headers())
      if ((header.empty() || h.name == header) && h.find_part(name)) declared = true;
    CHECK(declared);
  }
}

TEST_CASE("a part prints as the schema names it") {
  CHECK(ir::part_name(ir::Part::rack_cseq) == "cseq");
  CHECK(ir::part_name(ir::Part::addr_spec) == "addr-spec");
  CHECK(ir::named_part("RAck", "CSeq") == ir::Part::rack_cseq);
  CHECK(ir::named_part("CSeq", "cseq") == std::nullopt);
  ir::Path path;
  path.header = "RAck";
  path.part = ir::Part::rack_cseq;
  CHECK(ir::path_text(path) == "RAck.cseq");
}

}  // namespace scn::test
