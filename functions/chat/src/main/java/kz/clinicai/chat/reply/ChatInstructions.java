package kz.clinicai.chat.reply;

import java.util.OptionalDouble;

/**
 * What the site's assistant is: model, instructions and sampling. Read for every reply, so an implementation
 * backed by an editable store (the console's assistant configurations) takes effect without a deploy.
 */
public interface ChatInstructions {

    /** A model name (gpt-6-luna) or, for YandexGPT, a model URI (gpt://&lt;folder&gt;/yandexgpt/latest). */
    String model();

    String instructions();

    OptionalDouble temperature();

    OptionalDouble topP();

    /** The values of one reply, read once: a store-backed implementation must not mix two versions. */
    default ChatInstructions current() {
        return this;
    }
}
