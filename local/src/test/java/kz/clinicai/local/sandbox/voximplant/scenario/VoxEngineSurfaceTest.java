package kz.clinicai.local.sandbox.voximplant.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import kz.clinicai.local.ProjectRoot;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulated VoxEngine offers only what the official declarations define: every global it adds, every enum member
 * (with its declared value), every namespace member, module, method of the objects it hands out, and parameter key it
 * accepts is looked up in {@code ../shared/reference/voxengine.d.ts} (beside the project; read from there, never
 * copied). A name the declarations lack fails here, so the simulator cannot agree with a scenario the platform would
 * not run.
 */
class VoxEngineSurfaceTest {

    private static final String PRELUDE = "/kz/clinicai/local/sandbox/voximplant/voxengine.js";
    /** GraalJS shell helpers that are no VoxEngine global. */
    private static final List<String> GRAAL_EXTRAS = List.of("print", "printErr", "console", "load", "loadWithNewGlobal",
            "Graal", "quit", "Polyglot", "Java");
    /** What each object the simulator hands out is, in the declarations. */
    private static final Map<String, String> INSTANCES = Map.of("call", "Call", "asr", "ASR", "recorder", "Recorder",
            "amd", "AMD.AnsweringMachineDetector", "client", "OpenAI.RealtimeAPIClient");

    private static VoxEngineDeclarations d;
    private static Context js;
    private static Value internals;
    private static final List<String> fresh = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        Path root = ProjectRoot.find(Path.of(""));
        Path declarations = root.getParent().resolve("shared/reference/voxengine.d.ts").normalize();
        assertThat(declarations).as("the official declarations beside the project").isRegularFile();
        d = VoxEngineDeclarations.read(declarations);
        try (Context plain = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            plain.eval("js", "Object.getOwnPropertyNames(globalThis)").as(List.class).forEach(n -> fresh.add(String.valueOf(n)));
        }
        String prelude;
        try (InputStream in = VoxEngineSurfaceTest.class.getResourceAsStream(PRELUDE)) {
            prelude = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        js = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false")
                .allowHostAccess(HostAccess.newBuilder().allowAccessAnnotatedBy(HostAccess.Export.class).build()).build();
        internals = js.eval("js", prelude).execute(js.eval("js", "globalThis"), new StubHost());
        // every module the simulator knows, then one of each object it hands out
        js.eval("js", """
                Object.keys(Modules).forEach(function (k) { require(Modules[k]); });
                var __t = {};
                __t.amd = AMD.create({ model: AMD.Model.RU });
                __t.call = VoxEngine.callPSTN('+77010000000', '+77270000000', { amd: __t.amd });
                __t.asr = VoxEngine.createASR({ profile: ASRProfileList.Google.kk_KZ });
                __t.recorder = VoxEngine.createRecorder({ hd_audio: true });
                OpenAI.createRealtimeAPIClient({ apiKey: 'ek_test', model: 'm' }).then(function (c) { __t.client = c; });
                """);
    }

    @Test
    void theDeclarationsParse() {
        // the parser must see what the test relies on, or every check below would pass vacuously
        assertThat(d.kinds).containsEntry("VoxEngine", "namespace").containsEntry("Call", "class")
                .containsEntry("OpenAI.RealtimeAPIClient", "class").containsEntry("OpenAI.Beta.RealtimeAPIClient", "class")
                .containsEntry("AMD.Model", "enum").containsEntry("VoxEngine.callPSTN", "function")
                .containsEntry("VoiceList.Yandex.Neural.ru_RU_alena", "const");
        assertThat(d.enumValues.get("OpenAI.RealtimeAPIEvents")).containsEntry("ResponseOutputAudioTranscriptDone",
                "OpenAI.RealtimeAPI.ResponseOutputAudioTranscriptDone").doesNotContainKey("ResponseAudioTranscriptDone");
        assertThat(d.enumValues.get("ASREvents")).containsKey("SpeechCaptured").doesNotContainKey("SpeechCaptureStopped");
        assertThat(d.enumValues.get("Modules")).doesNotContainKey("AMD");
        assertThat(d.members.get("Call")).contains("say", "record", "sendMediaTo").doesNotContain("stopRecording");
        assertThat(d.membersWithSupertypes("RecorderParameters")).contains("name", "hd_audio", "secure");
    }

    @Test
    void everyGlobalTheSimulatorAddsIsDeclaredWithEveryMemberAndValue() {
        List<String> globals = js.eval("js", "Object.getOwnPropertyNames(globalThis)").as(List.class);
        List<String> problems = new ArrayList<>();
        for (String g : GRAAL_EXTRAS) {
            if (globals.contains(g) && !d.kinds.containsKey(g)) {
                problems.add("GraalJS global " + g + " is visible to scenarios");
            }
        }
        Set<String> added = new LinkedHashSet<>(globals);
        added.removeAll(fresh);
        added.remove("__t");
        assertThat(added).as("the simulator's globals").contains("VoxEngine", "AMD", "OpenAI", "ASREvents", "require");
        Value global = js.eval("js", "globalThis");
        for (String name : added) {
            check(name, global.getMember(name), problems);
        }
        assertThat(problems).as("names the simulator offers that the declarations lack").isEmpty();
    }

    private static void check(String qname, Value v, List<String> problems) {
        String kind = d.kinds.get(qname);
        if (kind == null) {
            problems.add(qname + " is not declared");
            return;
        }
        if (v.canExecute()) {
            if (!kind.equals("function") && !kind.equals("class")) {
                problems.add(qname + " is a function here, a " + kind + " in the declarations");
            }
            return;
        }
        if (!v.hasMembers()) {
            return;
        }
        switch (kind) {
            case "enum" -> {
                Map<String, String> declared = d.enumValues.getOrDefault(qname, Map.of());
                for (String k : v.getMemberKeys()) {
                    if (!declared.containsKey(k)) {
                        problems.add(qname + "." + k + " is not a member of the enum");
                    } else if (declared.get(k) != null && v.getMember(k).isString()
                            && !declared.get(k).equals(v.getMember(k).asString())) {
                        problems.add(qname + "." + k + " is '" + v.getMember(k).asString() + "', declared '" + declared.get(k) + "'");
                    }
                }
            }
            case "namespace" -> v.getMemberKeys().forEach(k -> check(qname + "." + k, v.getMember(k), problems));
            case "const", "var", "let" -> {
                // an opaque value (a Voice)
            }
            default -> problems.add(qname + " is an object here, a " + kind + " in the declarations");
        }
    }

    @Test
    void everyMethodOfEveryObjectItHandsOutIsDeclaredOnItsClass() {
        Value t = js.eval("js", "__t");
        assertThat(t.getMemberKeys()).as("one of each object").containsExactlyInAnyOrderElementsOf(INSTANCES.keySet());
        List<String> problems = new ArrayList<>();
        INSTANCES.forEach((key, declared) -> {
            Value methods = js.eval("js", "(function (o) { var out = Object.getOwnPropertyNames(o);"
                    + " Object.getOwnPropertyNames(Object.getPrototypeOf(o)).forEach(function (n) {"
                    + " if (n !== 'constructor') { out.push(n); } }); return out; })").execute(t.getMember(key));
            Set<String> members = d.membersWithSupertypes(declared);
            assertThat(members).as(declared + " members in the declarations").isNotEmpty();
            for (Object m : methods.as(List.class)) {
                if (!members.contains(String.valueOf(m))) {
                    problems.add(declared + "." + m + " is not declared");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyParameterKeyItAcceptsIsDeclaredOnItsInterface() {
        Value params = internals.getMember("params");
        List<String> problems = new ArrayList<>();
        for (String iface : params.getMemberKeys()) {
            Set<String> declared = d.membersWithSupertypes(iface);
            if (declared.isEmpty()) {
                problems.add(iface + " is not a declared interface");
            }
            for (Object key : params.getMember(iface).as(List.class)) {
                if (!declared.contains(String.valueOf(key))) {
                    problems.add(iface + "." + key + " is not declared");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void whatTheDeclarationsLackIsUndefinedOrRefused() {
        Value r = js.eval("js", """
                (function () {
                  var out = [];
                  out.push(typeof Modules.AMD, typeof ASREvents.SpeechCaptureStopped, typeof __t.call.stopRecording,
                    typeof OpenAI.RealtimeAPIEvents.ResponseAudioTranscriptDone, typeof Crypto, typeof __host,
                    typeof __dispatch, typeof __t.call.__id);
                  function refused(f) { try { f(); return 'accepted'; } catch (e) { return 'refused'; } }
                  out.push(refused(function () { require(Modules.AMD); }));
                  out.push(refused(function () { __t.call.say('Сәлем', { language: 'kk' }); }));
                  out.push(refused(function () { __t.asr.addEventListener(ASREvents.SpeechCaptureStopped, function () {}); }));
                  out.push(refused(function () { __t.call.say('Сәлем', { voice: 'Yandex.Neural.kk_KK_amira' }); }));
                  return out.join(',');
                })()""");
        assertThat(r.asString().split(",")).containsExactly("undefined", "undefined", "undefined", "undefined",
                "undefined", "undefined", "undefined", "undefined", "refused", "refused", "refused", "refused");
        Value headers = js.eval("js", """
                (function () { var out = {}; Net.httpRequestAsync('http://x', { headers: ['Content-Type: application/json'] })
                  .then(function () { out.r = 'accepted'; }, function (e) { out.r = 'refused: ' + e.message; }); return out; })()""");
        js.eval("js", "0");
        assertThat(headers.getMember("r").asString()).startsWith("refused: Net.HttpRequestOptions.headers must be an object");
    }

    /** The host side for this test: ids for whatever is created, nothing else. */
    public static final class StubHost {
        private final AtomicInteger ids = new AtomicInteger();

        @HostAccess.Export
        public String customData() {
            return "";
        }

        @HostAccess.Export
        public void log(String text) {
        }

        @HostAccess.Export
        public String command(String target, String op, String json) {
            return "{\"id\":\"" + op + "-" + ids.incrementAndGet() + "\"}";
        }

        @HostAccess.Export
        public void http(String url, String options, Value callback) {
        }

        @HostAccess.Export
        public int setTimeout(Value fn, double ms) {
            return ids.incrementAndGet();
        }

        @HostAccess.Export
        public void clearTimeout(int id) {
        }
    }
}
