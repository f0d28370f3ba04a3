package kz.clinicai.voicebot.llm;

@FunctionalInterface
public interface ToolRunner {
    ToolStep run(ToolCall call);
}
