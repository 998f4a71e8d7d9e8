// media A -> B OP ...: one scn_media call; a check passes its scn_media_check, built on
// the stack because its tones and digits may be parameters.
#include "emitter.h"

namespace scn::codegen {

void FunctionEmitter::op(const ir::Media& media) {
  Str value = media.value ? this->value(*media.value) : Str{e_.cstring(""), e_.size(0)};
  llvm::Value* check = llvm::ConstantPointerNull::get(e_.types.ptr);
  if (media.op == ir::MediaOp::check) {
    llvm::StructType* type = e_.types.media_check;
    check = stack_slot(type, 1, "media.check");
    llvm::Value* tones = str_array(media.tones);
    Str dtmf = media.dtmf ? this->value(*media.dtmf) : Str{e_.cstring(""), e_.size(0)};
    auto field = [&](unsigned index) { return b_.CreateStructGEP(type, check, index); };
    b_.CreateStore(e_.i32(static_cast<int>(media.duration_ms)), field(0));
    b_.CreateStore(tones, field(1));
    b_.CreateStore(e_.size(media.tones.size()), field(2));
    llvm::Value* digits = field(3);
    b_.CreateStore(dtmf.ptr, b_.CreateStructGEP(e_.types.str, digits, 0));
    b_.CreateStore(dtmf.len, b_.CreateStructGEP(e_.types.str, digits, 1));
    b_.CreateStore(e_.i32(media.max_loss_permille), field(4));
    b_.CreateStore(e_.i32(media.max_jitter_us), field(5));
    b_.CreateStore(e_.i32(media.flags), field(6));
  }
  stop_if_negative(b_.CreateCall(e_.fns.media, {rt_, e_.i32(static_cast<int>(media.op)),
                                                e_.cstring_or_null(media.dialog), value.ptr,
                                                value.len, check}));
}

}  // namespace scn::codegen
