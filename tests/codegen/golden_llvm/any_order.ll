define internal i32 @scn.testcase.0.any_order(ptr %rt) {
entry:
  %alts = alloca %scn_expect_alt, i64 2, align 8
  %0 = call i32 @scn_step_begin(ptr %rt, ptr @steps.11)
  %1 = icmp slt i32 %0, 0
  br i1 %1, label %stop, label %next

next:                                             ; preds = %entry
  %2 = call ptr @scn_out_request(ptr %rt, ptr @str.5, ptr null)
  %3 = call i32 @scn_send(ptr %rt, ptr %2)
  %4 = icmp slt i32 %3, 0
  br i1 %4, label %stop, label %next1

next1:                                            ; preds = %next
  %5 = call i32 @scn_step_begin(ptr %rt, ptr getelementptr inbounds ([4 x %scn_step], ptr @steps.11, i64 0, i64 1))
  %6 = icmp slt i32 %5, 0
  br i1 %6, label %stop, label %next2

next2:                                            ; preds = %next1
  %7 = call ptr @scn_out_request(ptr %rt, ptr @str.7, ptr null)
  %8 = call i32 @scn_send(ptr %rt, ptr %7)
  %9 = icmp slt i32 %8, 0
  br i1 %9, label %stop, label %next3

next3:                                            ; preds = %next2
  %10 = getelementptr inbounds %scn_expect_alt, ptr %alts, i64 0
  %11 = getelementptr inbounds %scn_expect_alt, ptr %10, i32 0, i32 0
  store ptr getelementptr inbounds ([4 x %scn_step], ptr @steps.11, i64 0, i64 2), ptr %11, align 8
  %12 = getelementptr inbounds %scn_expect_alt, ptr %10, i32 0, i32 1
  store ptr @template.16, ptr %12, align 8
  %13 = getelementptr inbounds %scn_expect_alt, ptr %alts, i64 1
  %14 = getelementptr inbounds %scn_expect_alt, ptr %13, i32 0, i32 0
  store ptr getelementptr inbounds ([4 x %scn_step], ptr @steps.11, i64 0, i64 3), ptr %14, align 8
  %15 = getelementptr inbounds %scn_expect_alt, ptr %13, i32 0, i32 1
  store ptr @template.20, ptr %15, align 8
  %16 = call i32 @scn_expect_each(ptr %rt, ptr %alts, i64 2, i32 0)
  %17 = icmp slt i32 %16, 0
  br i1 %17, label %stop, label %next4

next4:                                            ; preds = %next3
  ret i32 0

stop:                                             ; preds = %next3, %next2, %next1, %next, %entry
  ret i32 -1
}
