package kz.clinicai.shared.tools;

@FunctionalInterface
public interface ToolRunner {
    ToolStep run(ToolCall call);
}
