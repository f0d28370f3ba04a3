package kz.clinicai.shared.tools;

import kz.clinicai.shared.time.Deadline;

/** Lets the model decide, through function tools, what the patient wants; bounded rounds, bounded time. */
public interface ToolLoop {
    LoopResult run(LoopRequest request, ToolRunner tools, Deadline deadline);
}
