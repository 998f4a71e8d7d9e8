define internal i32 @scn.testcase.0.ringing(ptr %rt) {
entry:
  %chosen = alloca i64, i64 1, align 8
  %alts = alloca %scn_expect_alt, i64 2, align 8
  %0 = call i32 @scn_step_begin(ptr %rt, ptr @steps.12)
  %1 = icmp slt i32 %0, 0
  br i1 %1, label %stop, label %next

next:                                             ; preds = %entry
  %2 = call ptr @scn_out_request(ptr %rt, ptr @str.5, ptr null)
  %3 = call i32 @scn_send(ptr %rt, ptr %2)
  %4 = icmp slt i32 %3, 0
  br i1 %4, label %stop, label %next1

next1:                                            ; preds = %next
  %5 = getelementptr inbounds %scn_expect_alt, ptr %alts, i64 0
  %6 = getelementptr inbounds %scn_expect_alt, ptr %5, i32 0, i32 0
  store ptr getelementptr inbounds ([5 x %scn_step], ptr @steps.12, i64 0, i64 1), ptr %6, align 8
  %7 = getelementptr inbounds %scn_expect_alt, ptr %5, i32 0, i32 1
  store ptr @template.13, ptr %7, align 8
  %8 = getelementptr inbounds %scn_expect_alt, ptr %alts, i64 1
  %9 = getelementptr inbounds %scn_expect_alt, ptr %8, i32 0, i32 0
  store ptr getelementptr inbounds ([5 x %scn_step], ptr @steps.12, i64 0, i64 3), ptr %9, align 8
  %10 = getelementptr inbounds %scn_expect_alt, ptr %8, i32 0, i32 1
  store ptr @template.17, ptr %10, align 8
  %11 = call i32 @scn_expect_first(ptr %rt, ptr %alts, i64 2, i32 0, i32 0, ptr %chosen)
  %12 = icmp slt i32 %11, 0
  br i1 %12, label %stop, label %next2

next2:                                            ; preds = %next1
  %13 = load i64, ptr %chosen, align 8
  switch i64 %13, label %stop [;    i64 0, label %either.branch;    i64 1, label %either.branch5;  ]

either.branch:                                    ; preds = %next2
  %14 = call i32 @scn_step_begin(ptr %rt, ptr getelementptr inbounds ([5 x %scn_step], ptr @steps.12, i64 0, i64 2))
  %15 = icmp slt i32 %14, 0
  br i1 %15, label %stop, label %next3

next3:                                            ; preds = %either.branch
  %16 = call i32 @scn_expect(ptr %rt, ptr @template.18, i32 0, i32 0)
  %17 = icmp slt i32 %16, 0
  br i1 %17, label %stop, label %next4

next4:                                            ; preds = %next3
  br label %either.end

either.branch5:                                   ; preds = %next2
  br label %either.end

either.end:                                       ; preds = %either.branch5, %next4
  %18 = call i32 @scn_step_begin(ptr %rt, ptr getelementptr inbounds ([5 x %scn_step], ptr @steps.12, i64 0, i64 4))
  %19 = icmp slt i32 %18, 0
  br i1 %19, label %stop, label %next6

next6:                                            ; preds = %either.end
  %20 = call ptr @scn_out_request(ptr %rt, ptr @str.11, ptr null)
  %21 = call i32 @scn_send(ptr %rt, ptr %20)
  %22 = icmp slt i32 %21, 0
  br i1 %22, label %stop, label %next7

next7:                                            ; preds = %next6
  ret i32 0

stop:                                             ; preds = %next6, %either.end, %next3, %either.branch, %next2, %next1, %next, %entry
  ret i32 -1
}
