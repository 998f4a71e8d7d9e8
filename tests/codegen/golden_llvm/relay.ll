define internal i32 @scn.testcase.0.relayed(ptr %rt) {
entry:
  %0 = call i32 @scn_step_begin(ptr %rt, ptr @steps.9)
  %1 = icmp slt i32 %0, 0
  br i1 %1, label %stop, label %next

next:                                             ; preds = %entry
  %2 = call i32 @scn_expect(ptr %rt, ptr @template.10, i32 0, i32 0)
  %3 = icmp slt i32 %2, 0
  br i1 %3, label %stop, label %next1

next1:                                            ; preds = %next
  %4 = call i32 @scn_step_begin(ptr %rt, ptr getelementptr inbounds ([4 x %scn_step], ptr @steps.9, i64 0, i64 1))
  %5 = icmp slt i32 %4, 0
  br i1 %5, label %stop, label %next2

next2:                                            ; preds = %next1
  %6 = call ptr @scn_out_relay(ptr %rt, ptr @str.3)
  call void @scn_out_rows(ptr %6, ptr @send_rows.15, i64 2)
  %7 = call i32 @scn_send(ptr %rt, ptr %6)
  %8 = icmp slt i32 %7, 0
  br i1 %8, label %stop, label %next3

next3:                                            ; preds = %next2
  %9 = call i32 @scn_step_begin(ptr %rt, ptr getelementptr inbounds ([4 x %scn_step], ptr @steps.9, i64 0, i64 2))
  %10 = icmp slt i32 %9, 0
  br i1 %10, label %stop, label %next4

next4:                                            ; preds = %next3
  %11 = call i32 @scn_expect(ptr %rt, ptr @template.16, i32 0, i32 0)
  %12 = icmp slt i32 %11, 0
  br i1 %12, label %stop, label %next5

next5:                                            ; preds = %next4
  %13 = call i32 @scn_step_begin(ptr %rt, ptr getelementptr inbounds ([4 x %scn_step], ptr @steps.9, i64 0, i64 3))
  %14 = icmp slt i32 %13, 0
  br i1 %14, label %stop, label %next6

next6:                                            ; preds = %next5
  %15 = call ptr @scn_out_relay(ptr %rt, ptr @str.6)
  %16 = call i32 @scn_send(ptr %rt, ptr %15)
  %17 = icmp slt i32 %16, 0
  br i1 %17, label %stop, label %next7

next7:                                            ; preds = %next6
  ret i32 0

stop:                                             ; preds = %next6, %next5, %next4, %next3, %next2, %next1, %next, %entry
  ret i32 -1
}
