define internal i32 @scn.testcase.0.act(ptr %rt) {
entry:
  %values8 = alloca %scn_str, i64 2, align 8
  %values5 = alloca %scn_str, i64 2, align 8
  %values = alloca %scn_str, i64 1, align 8
  %0 = call i32 @scn_step_begin(ptr %rt, ptr @steps.13)
  %1 = icmp slt i32 %0, 0
  br i1 %1, label %stop, label %next

next:                                             ; preds = %entry
  %2 = call i32 @scn_act(ptr %rt, ptr @str.4, ptr @values.15, i64 1, i32 0)
  %3 = icmp slt i32 %2, 0
  br i1 %3, label %stop, label %next1

next1:                                            ; preds = %next
  %4 = call i32 @scn_step_begin(ptr %rt, ptr getelementptr inbounds ([5 x %scn_step], ptr @steps.13, i64 0, i64 1))
  %5 = icmp slt i32 %4, 0
  br i1 %5, label %stop, label %next2

next2:                                            ; preds = %next1
  %6 = call i32 @scn_act(ptr %rt, ptr @str.6, ptr null, i64 0, i32 5000)
  %7 = icmp slt i32 %6, 0
  br i1 %7, label %stop, label %next3

next3:                                            ; preds = %next2
  %8 = call i32 @scn_step_begin(ptr %rt, ptr getelementptr inbounds ([5 x %scn_step], ptr @steps.13, i64 0, i64 2))
  %9 = icmp slt i32 %8, 0
  br i1 %9, label %stop, label %next4

next4:                                            ; preds = %next3
  %10 = getelementptr inbounds %scn_str, ptr %values5, i64 0
  %11 = getelementptr inbounds %scn_str, ptr %10, i32 0, i32 0
  store ptr @str.16, ptr %11, align 8
  %12 = getelementptr inbounds %scn_str, ptr %10, i32 0, i32 1
  store i64 9, ptr %12, align 8
  %13 = call { ptr, i64 } @scn_party_address(ptr %rt, ptr @str.2)
  %14 = extractvalue { ptr, i64 } %13, 0
  %15 = extractvalue { ptr, i64 } %13, 1
  %16 = getelementptr inbounds %scn_str, ptr %values5, i64 1
  %17 = getelementptr inbounds %scn_str, ptr %16, i32 0, i32 0
  store ptr %14, ptr %17, align 8
  %18 = getelementptr inbounds %scn_str, ptr %16, i32 0, i32 1
  store i64 %15, ptr %18, align 8
  %19 = call { ptr, i64 } @scn_concat(ptr %rt, ptr %values5, i64 2)
  %20 = extractvalue { ptr, i64 } %19, 0
  %21 = extractvalue { ptr, i64 } %19, 1
  %22 = getelementptr inbounds %scn_str, ptr %values, i64 0
  %23 = getelementptr inbounds %scn_str, ptr %22, i32 0, i32 0
  store ptr %20, ptr %23, align 8
  %24 = getelementptr inbounds %scn_str, ptr %22, i32 0, i32 1
  store i64 %21, ptr %24, align 8
  %25 = call i32 @scn_act(ptr %rt, ptr @str.8, ptr %values, i64 1, i32 0)
  %26 = icmp slt i32 %25, 0
  br i1 %26, label %stop, label %next6

next6:                                            ; preds = %next4
  %27 = call i32 @scn_step_begin(ptr %rt, ptr getelementptr inbounds ([5 x %scn_step], ptr @steps.13, i64 0, i64 3))
  %28 = icmp slt i32 %27, 0
  br i1 %28, label %stop, label %next7

next7:                                            ; preds = %next6
  %29 = call { ptr, i64 } @scn_param(ptr %rt, ptr @str.17)
  %30 = extractvalue { ptr, i64 } %29, 0
  %31 = extractvalue { ptr, i64 } %29, 1
  %32 = getelementptr inbounds %scn_str, ptr %values8, i64 0
  %33 = getelementptr inbounds %scn_str, ptr %32, i32 0, i32 0
  store ptr %30, ptr %33, align 8
  %34 = getelementptr inbounds %scn_str, ptr %32, i32 0, i32 1
  store i64 %31, ptr %34, align 8
  %35 = getelementptr inbounds %scn_str, ptr %values8, i64 1
  %36 = getelementptr inbounds %scn_str, ptr %35, i32 0, i32 0
  store ptr @str.18, ptr %36, align 8
  %37 = getelementptr inbounds %scn_str, ptr %35, i32 0, i32 1
  store i64 10, ptr %37, align 8
  %38 = call i32 @scn_act(ptr %rt, ptr @str.10, ptr %values8, i64 2, i32 0)
  %39 = icmp slt i32 %38, 0
  br i1 %39, label %stop, label %next9

next9:                                            ; preds = %next7
  %40 = call i32 @scn_step_begin(ptr %rt, ptr getelementptr inbounds ([5 x %scn_step], ptr @steps.13, i64 0, i64 4))
  %41 = icmp slt i32 %40, 0
  br i1 %41, label %stop, label %next10

next10:                                           ; preds = %next9
  %42 = call i32 @scn_act(ptr %rt, ptr @str.12, ptr null, i64 0, i32 0)
  %43 = icmp slt i32 %42, 0
  br i1 %43, label %stop, label %next11

next11:                                           ; preds = %next10
  ret i32 0

stop:                                             ; preds = %next10, %next9, %next7, %next6, %next4, %next3, %next2, %next1, %next, %entry
  ret i32 -1
}
