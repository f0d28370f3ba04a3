package kz.clinicai.console.assistants;

import java.util.List;
import kz.clinicai.shared.assistant.AssistantConfig;

/** The newest version of every assistant, for the console's list and the model lifecycle check. */
public interface LatestAssistants {

    List<AssistantConfig> all();
}
