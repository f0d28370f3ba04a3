package kz.clinicai.local.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import kz.clinicai.analytics.worker.RecordingStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the worker and the Sheets writer rely on from every {@link RecordingStore}: bytes and UTF-8 text back as
 * stored, a stored piece replaced by a retry, the keys under a prefix and only those (a call's transcribed pieces
 * tell a retry what it need not pay for again: call 1's must never count for call 10), and a missing object as an
 * unchecked failure that leaves no file behind. Run against the in-memory twin and the local stack's S3 with
 * template.yaml's AnalyticsBucket; every test has keys of its own.
 */
abstract class RecordingStoreContract {

    abstract RecordingStore store();

    @TempDir
    Path dir;
    RecordingStore store;
    String root;

    @BeforeEach
    void newRoot() {
        store = store();
        root = "transcripts/contract-" + UUID.randomUUID() + "/";
    }

    @Test
    void textComesBackAsStoredInUtf8AndARetryReplacesIt() {
        store.putText(root + "1.txt", "Оператор: Здравствуйте! Клиент: Сәлеметсіз бе? 👋");
        assertThat(store.getText(root + "1.txt")).isEqualTo("Оператор: Здравствуйте! Клиент: Сәлеметсіз бе? 👋");
        store.putText(root + "1.txt", "");
        assertThat(store.getText(root + "1.txt")).as("replaced, even by nothing").isEmpty();
    }

    @Test
    void aFileComesBackByteForByteOverAnExistingTarget() throws IOException {
        byte[] bytes = new byte[70_001];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path source = Files.write(dir.resolve("in.wav"), bytes);
        store.putFile(root + "rec/1.wav", source, "audio/wav");
        Path target = Files.writeString(dir.resolve("out.wav"), "an older, longer download of something else ".repeat(
                5_000), StandardCharsets.UTF_8);

        assertThat(store.getFile(root + "rec/1.wav", target)).isEqualTo(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
    }

    @Test
    void keysAreThoseUnderThePrefixOnly() {
        store.putText(root + "1/turn-0000.txt", "a");
        store.putText(root + "1/turn-0001.txt", "b");
        store.putText(root + "10/turn-0000.txt", "c");
        store.putText(root + "1.txt", "d");

        assertThat(store.keys(root + "1/")).containsExactlyInAnyOrder(root + "1/turn-0000.txt",
                root + "1/turn-0001.txt");
        assertThat(store.keys(root + "2/")).isEmpty();
        assertThat(store.keys(root)).hasSize(4);
    }

    @Test
    void aMissingObjectFailsUncheckedAndLeavesNoFile() {
        Path target = dir.resolve("missing.wav");
        assertThatThrownBy(() -> store.getText(root + "none.txt")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> store.getFile(root + "none.wav", target)).isInstanceOf(RuntimeException.class);
        assertThat(target).doesNotExist();
    }
}
