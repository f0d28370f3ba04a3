package kz.clinicai.local.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kz.clinicai.shared.openai.ModelCapabilities;
import org.junit.jupiter.api.Test;

/**
 * No model the platform uses or offers dies under the clinics (issue 19): every model name in template.yaml, in the
 * functions' and shared code, in the local stack's seeds and code (not the OpenAI simulator's catalogue, which
 * models OpenAI's own list), in {@code events/}, and every model the capability table offers, is checked against the
 * table's shutdown dates with a fixed "today": none may be shut down or shut down within 60 days. A name the table
 * does not know fails too (its date cannot be checked). Rerun with {@code -Dmodels.today=YYYY-MM-DD} to look ahead.
 * The few places that must name retired models on purpose (the price table, which prices past usage) are listed
 * with the reason.
 */
class LiveModelDefaultsTest {

    static final LocalDate TODAY = LocalDate.parse(System.getProperty("models.today", "2026-12-07"));
    static final int HORIZON_DAYS = 60;
    static final Path ROOT = Path.of("..");

    /** Model-like names: OpenAI's GPT, o-series, whisper and tts families (YandexGPT URIs carry no date). */
    static final Pattern MODEL = Pattern.compile(
            "(?<![\\w./-])(gpt-[0-9][\\w.-]*[\\w]|gpt-(?:realtime|audio|transcribe|live-transcribe)(?:[\\w.-]*[\\w])?|"
                    + "chatgpt-4o-latest|o[134](?:-mini|-pro)?(?:-\\d{4}-\\d{2}-\\d{2})?|whisper-1|tts-1(?:-hd)?)"
                    + "(?![\\w/])");

    /** Paths (relative to the project root) that name retired models on purpose, with why. */
    static final Set<String> ON_PURPOSE = Set.of(
            // Prices past usage: spend reports keep pricing calls made before a migration.
            "functions/console/src/main/java/kz/clinicai/console/spend/PriceTable.java");

    record Use(String file, String model, String why) {
    }

    @Test
    void noDefaultSeedOrOfferedModelDiesWithinSixtyDays() {
        List<Use> dying = scan(ModelCapabilities.standard(), TODAY);
        dying.forEach(u -> System.out.println("dying model: " + u.model() + " in " + u.file() + " (" + u.why() + ")"));
        Set<String> names = new TreeSet<>();
        dying.forEach(u -> names.add(u.model()));
        System.out.printf("models dying within %d days of %s: %d uses, %d names %s%n", HORIZON_DAYS, TODAY,
                dying.size(), names.size(), names);
        assertThat(dying).isEmpty();
    }

    @Test
    void theScanFindsADyingDefault() {
        // The check itself can fail: a template default of a model shut down before "today" is found.
        ModelCapabilities table = ModelCapabilities.standard();
        List<Use> found = new ArrayList<>();
        check(table, TODAY, "template.yaml", "    Default: gpt-4.1-mini\n    Default: gpt-6-luna\n", found);
        assertThat(found).extracting(Use::model).containsExactly("gpt-4.1-mini");
        found.clear();
        check(table, TODAY, "x", "model gpt-9-imaginary and o4-mini, tts-1 and gpt-audio", found);
        assertThat(found).extracting(Use::model).containsExactly("gpt-9-imaginary", "o4-mini", "tts-1", "gpt-audio");
    }

    static List<Use> scan(ModelCapabilities table, LocalDate today) {
        List<Use> out = new ArrayList<>();
        for (Path file : files()) {
            String rel = ROOT.relativize(file).toString().replace('\\', '/');
            if (ON_PURPOSE.contains(rel)) {
                continue;
            }
            try {
                check(table, today, rel, Files.readString(file, StandardCharsets.UTF_8), out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String kind : List.of("responses", "transcription", "live-transcription", "realtime", "speech")) {
            for (String offered : table.choices(kind, today)) {
                if (table.daysUntilShutdown(offered, today) <= HORIZON_DAYS) {
                    out.add(new Use("models.json (offered " + kind + ")", offered, "shuts down "
                            + table.shutdownDate(offered).orElseThrow()));
                }
            }
        }
        return out;
    }

    static void check(ModelCapabilities table, LocalDate today, String file, String text, List<Use> out) {
        Matcher m = MODEL.matcher(text);
        Set<String> seen = new TreeSet<>();
        while (m.find()) {
            String model = m.group(1);
            if (!seen.add(model)) {
                continue;
            }
            if (table.of(model).isEmpty()) {
                out.add(new Use(file, model, "unknown to the model table"));
            } else if (table.daysUntilShutdown(model, today) <= HORIZON_DAYS) {
                out.add(new Use(file, model, "shuts down " + table.shutdownDate(model).orElseThrow()));
            }
        }
    }

    /** template.yaml, events/, seeds and the code that ships or runs the local stack (the simulator excluded). */
    static List<Path> files() {
        List<Path> out = new ArrayList<>();
        out.add(ROOT.resolve("template.yaml"));
        for (String dir : List.of("events", "shared/src/main", "local/src/main/resources/seed", "local/src/main/java")) {
            walk(ROOT.resolve(dir), out);
        }
        try (Stream<Path> functions = Files.list(ROOT.resolve("functions"))) {
            functions.filter(Files::isDirectory).forEach(f -> {
                walk(f.resolve("src/main"), out);
                walk(f.resolve("scenario"), out);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.stream().filter(p -> {
            String s = p.toString().replace('\\', '/');
            // The simulator's catalogue is OpenAI's list, retired models included on purpose; the table is checked
            // through what it offers.
            return !s.contains("/local/src/main/java/kz/clinicai/local/sandbox/openai/")
                    && !s.endsWith("/kz/clinicai/shared/openai/models.json")
                    && (s.endsWith(".java") || s.endsWith(".json") || s.endsWith(".js") || s.endsWith(".yaml")
                    || s.endsWith(".html") || s.endsWith(".properties") || s.endsWith(".ts"));
        }).toList();
    }

    private static void walk(Path dir, List<Path> out) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("node_modules")).forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
