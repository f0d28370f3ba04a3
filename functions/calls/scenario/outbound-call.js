/*
 * clinicai outbound AI call — VoxEngine scenario (runs on Voximplant; the local stack runs this same file in
 * GraalJS against its simulated VoxEngine).
 *
 * Names and shapes are those of the official VoxEngine declarations (voximplant/voxengine-ci typings/voxengine.d.ts);
 * ScenarioTypingsTest type-checks this file against them (tsc --checkJs, strict) on every build, so an API VoxEngine
 * lacks fails the build instead of a live call.
 *
 * Started by StartScenarios with only the call id in script_custom_data. Everything else comes from the
 * platform's webhook (a Lambda function URL): the call's configuration and per-call key — voices, ASR profile, phrases,
 * realtime models are configuration served there, never literals here — then one signed POST per event and per turn.
 * The deploy command (docs/calls.md, "Deploy the scenario") replaces the two placeholders below.
 *
 * Modes (per call, from the configuration):
 *   asr      Voximplant's streaming ASR gives the callee's words (ASREvents.Result); the platform answers with the
 *            LLM; the callee may interrupt (ASREvents.CaptureStarted stops playback: barge-in).
 *   record   each turn of the callee is recorded by its own Recorder (call.record() would record the whole call and
 *            report only after Disconnected): CaptureStarted starts it, ASREvents.SpeechCaptured stops it, the URL
 *            comes with RecorderEvents.Started, the turn is posted on RecorderEvents.Stopped; the platform downloads,
 *            transcribes and answers.
 *   realtime while the greeting (TTS) plays, OpenAI Realtime (GA) is opened through Voximplant's OpenAI module:
 *            SessionCreated → sessionUpdate (GA body) → SessionUpdated; once both the greeting and the session are done
 *            the call's media is bridged to the model; tool calls go to the
 *            platform (event Tool), transcripts are posted back (event Transcript). Server events are read from
 *            e.data.payload, where Voximplant puts them.
 * Tools the model may call: transfer_to_operator (dial the operator, bridge the media) and end_call; a reminder
 * call's session also has the clinic's InfoClinica tools, which the platform runs on the Tool event: their output
 * goes back as function_call_output, or a decision comes back as hangup with the phrase to say.
 * Answering-machine detection: the global AMD namespace (no require), passed to callPSTN.
 */
require(Modules.ASR);
require(Modules.Recorder);
require(Modules.OpenAI);

var WEBHOOK_URL = '{{WEBHOOK_URL}}';
var SCENARIO_KEY = '{{SCENARIO_KEY}}';
var SILENCE_MS = 8000;
/** Seconds: below VoxEngine's own limits (connect 6 s, total 90 s); the webhook answers a turn within 30 s. */
var HTTP_TIMEOUT_S = 40;
var HTTP_CONNECT_TIMEOUT_S = 5;

/**
 * @typedef {Object} Phrases
 * @property {string} repeat        the platform could not answer a turn: ask the callee to repeat
 * @property {string} unavailable   realtime could not start: apologise and hang up
 * @property {string} operator_busy the operator did not answer
 */
/**
 * @typedef {Object} RealtimeConfig
 * @property {string} api_key             ephemeral OpenAI key (ek_…), minted per call
 * @property {string} model               realtime model (template parameter CallsRealtimeModel)
 * @property {string} transcription_model live input transcription (template parameter CallsRealtimeTranscriptionModel)
 * @property {string} voice
 * @property {string} language            ISO-639-1 hint for the input transcription
 * @property {string} instructions
 * @property {Object[]} tools
 */
/**
 * What the webhook's config answer carries (ScenarioWebhook.config).
 * @typedef {Object} CallConfig
 * @property {string} call_id
 * @property {string} phone
 * @property {string} caller_id
 * @property {string} mode            asr | record | realtime
 * @property {string} language        ru | kk
 * @property {string} greeting
 * @property {string} voice           a VoiceList path, e.g. Yandex.Neural.ru_RU_alena
 * @property {string} asr_profile     an ASRProfileList path, e.g. Google.kk_KZ
 * @property {string} amd_model       RU | KZ
 * @property {string} operator_phone
 * @property {string} voicemail_message
 * @property {string} call_key
 * @property {Phrases} phrases
 * @property {RealtimeConfig} [realtime]
 */
/**
 * The platform's answer to an event or a turn.
 * @typedef {Object} WebhookAnswer
 * @property {string} [say]
 * @property {string} [action]  continue | hangup | transfer
 * @property {string} [output]  a tool call's output (realtime)
 */
/**
 * A webhook call that failed; code is Net's result code (the HTTP status, or VoxEngine's own negative codes) when the
 * webhook answered at all.
 * @typedef {Error & {code?: number}} WebhookError
 */
/**
 * An OpenAI Realtime server event (e.data.payload); only the fields this scenario reads.
 * @typedef {Object} ServerEvent
 * @property {string} [type]
 * @property {string} [transcript]
 * @property {string} [name]
 * @property {string} [arguments]
 * @property {string} [call_id]
 * @property {{message?: string}} [error]
 */

/** @type {string} */
var callId = '';
/** @type {CallConfig} */
var config;
/** @type {Call} */
var call;
/** @type {ASR | null} */
var asr = null;
/** @type {Voice | undefined} */
var voice;
var speaking = false;      // our TTS is playing
var waiting = false;       // a turn is at the platform
var interrupted = false;   // the callee spoke over our last phrase
/** @type {string | null} what to do when the current phrase ends: 'listen' | 'hangup' | 'transfer' | 'realtime' */
var afterSpeech = null;
/** @type {number | null} */
var silenceTimer = null;
/** @type {Recorder | null} the recorder of the callee's current turn (record mode) */
var recorder = null;
/** @type {string | null} its URL (RecorderEvents.Started) */
var recordUrl = null;
var finished = false;
/** an answering machine took the call: what it says is no turn, only the voicemail message is left to say */
var voicemail = false;
/** turns in a row the platform did not answer (timeout, 5xx); a few and the call ends rather than loop */
var failedTurns = 0;
var MAX_FAILED_TURNS = 3;
/** @type {OpenAI.RealtimeAPIClient | null} the OpenAI Realtime client (realtime mode) */
var realtime = null;
var bridged = false;       // the call's media goes to the realtime client
var sessionReady = false;  // the realtime session took our configuration (SessionUpdated)
var greeted = false;       // the greeting (TTS) has been spoken
var realtimeFailed = false;
/** @type {Promise<any>} transcripts go to the platform one after another, in the order VoxEngine delivered them */
var transcripts = Promise.resolve();

VoxEngine.addEventListener(AppEvents.Started, function () {
  callId = VoxEngine.customData();
  post({ type: 'config', call_id: callId }, SCENARIO_KEY).then(function (cfg) {
    config = /** @type {CallConfig} */ (cfg);
    voice = path(VoiceList, config.voice);
    if (!voice) {
      // VoxEngine would read Russian and Kazakh text with its default English voice: better no call at all.
      return refuse('unknown voice ' + config.voice);
    }
    if (config.mode !== 'realtime' && !path(ASRProfileList, config.asr_profile)) {
      return refuse('unknown ASR profile ' + config.asr_profile);
    }
    dial();
  }).catch(function (e) {
    Logger.write('config failed: ' + e);
    VoxEngine.terminate();
  });
});

/**
 * The configuration names what VoxEngine lacks: the call fails at the platform (status failed), nobody is dialled.
 * @param {string} reason
 */
function refuse(reason) {
  Logger.write('configuration refused: ' + reason);
  event({ event: 'Failed', code: 0, reason: reason }).then(end, end);
}

function dial() {
  var amd = AMD.create({ model: config.amd_model === 'KZ' ? AMD.Model.KZ : AMD.Model.RU });
  amd.addEventListener(AMD.Events.DetectionComplete, function (e) { onAmd(e.resultClass); });
  call = VoxEngine.callPSTN(config.phone, config.caller_id, { amd: amd });
  call.addEventListener(CallEvents.Connected, onConnected);
  call.addEventListener(CallEvents.Failed, function (e) {
    event({ event: 'Failed', code: e.code, reason: e.reason }).then(end, end);
  });
  call.addEventListener(CallEvents.Disconnected, function () { finish(); });
  call.addEventListener(CallEvents.PlaybackFinished, onPlaybackFinished);
}

function onConnected() {
  event({ event: 'Connected' });
  if (config.mode === 'realtime') {
    // The session is set up while the greeting plays, so the callee's first answer already reaches the model.
    say(config.greeting, 'realtime');
    startRealtime();
    return;
  }
  var created = VoxEngine.createASR({ profile: path(ASRProfileList, config.asr_profile), singleUtterance: false, interimResults: false });
  asr = created;
  created.addEventListener(ASREvents.CaptureStarted, onSpeechStarted);
  created.addEventListener(ASREvents.SpeechCaptured, function () {
    if (recorder) {
      recorder.stop();
    }
  });
  created.addEventListener(ASREvents.Result, function (e) {
    if (config.mode === 'asr' && !finished && !voicemail && e.text) {
      sendTurn({ text: e.text, interrupted: interrupted });
    }
  });
  call.sendMediaTo(created);
  say(config.greeting, 'listen');
}

/** @param {AMD.ResultClass} resultClass */
function onAmd(resultClass) {
  if (resultClass !== AMD.ResultClass.VOICEMAIL || finished || voicemail) {
    return;
  }
  // A machine talks at once: its greeting reaches the ASR (barge-in, turns) while AMD decides. From now on nothing it
  // says is a turn, and no turn answer may take over the voicemail message or keep the call open.
  voicemail = true;
  clearSilence();
  var a = asr;
  if (a) {
    a.stop();
    asr = null;
  }
  if (recorder) {
    recorder.stop();
  }
  /** @param {string | undefined} text */
  function leaveMessage(text) {
    if (finished) {
      return;
    }
    closeRealtime();
    if (speaking) {
      call.stopPlayback();
    }
    say(text || config.voicemail_message, 'hangup');
  }
  event({ event: 'AMD', result: resultClass }).then(function (r) { leaveMessage(r.say); }, function (e) {
    Logger.write('AMD event not posted: ' + e);
    leaveMessage(undefined);
  });
}

// Barge-in: the callee's voice stops our phrase.
function onSpeechStarted() {
  if (voicemail) {
    return;
  }
  clearSilence();
  if (speaking) {
    interrupted = true;
    call.stopPlayback();
    speaking = false;
    afterSpeech = null;
  }
  if (config.mode === 'record' && !recorder && !waiting) {
    startTurnRecorder();
  }
}

// One recorder per turn: its URL comes with Started, the turn goes to the platform once it has Stopped.
function startTurnRecorder() {
  var r = /** @type {Recorder} */ (VoxEngine.createRecorder({ hd_audio: true }));
  recorder = r;
  recordUrl = null;
  r.addEventListener(RecorderEvents.Started, function (e) { recordUrl = e.url; });
  r.addEventListener(RecorderEvents.Stopped, function (e) {
    var url = recordUrl;
    recorder = null;
    recordUrl = null;
    if (!finished && !voicemail && url) {
      sendTurn({ record_url: url, duration: e.duration });
    }
  });
  r.addEventListener(RecorderEvents.RecorderError, function (e) {
    Logger.write('recorder failed: ' + e.error);
    recorder = null;
    recordUrl = null;
  });
  call.sendMediaTo(r);
}

/**
 * @param {string} text
 * @param {string} then what to do when the phrase ends
 */
function say(text, then) {
  speaking = true;
  afterSpeech = then;
  call.say(text, { voice: voice });
}

function onPlaybackFinished() {
  speaking = false;
  var next = afterSpeech;
  afterSpeech = null;
  if (next === 'hangup') {
    call.hangup();
  } else if (next === 'transfer') {
    transfer();
  } else if (next === 'realtime') {
    greeted = true;
    if (realtimeFailed) {
      say(config.phrases.unavailable, 'hangup');
    } else {
      bridgeWhenReady();
    }
  } else if (next === 'listen') {
    interrupted = false;
    armSilence();
  }
}

function armSilence() {
  clearSilence();
  silenceTimer = setTimeout(function () {
    silenceTimer = null;
    if (!finished && !voicemail && !waiting && !speaking) {
      sendTurn({ silence: true });
    }
  }, SILENCE_MS);
}

function clearSilence() {
  if (silenceTimer !== null) {
    clearTimeout(silenceTimer);
    silenceTimer = null;
  }
}

/** @param {Object<string, any>} body */
function sendTurn(body) {
  clearSilence();
  waiting = true;
  body.type = 'turn';
  body.call_id = callId;
  post(body, config.call_key).then(function (r) {
    waiting = false;
    failedTurns = 0;
    if (finished || voicemail) {
      return;
    }
    var then = r.action === 'hangup' ? 'hangup' : r.action === 'transfer' ? 'transfer' : 'listen';
    say(r.say || config.phrases.repeat, then);
  }).catch(function (/** @type {WebhookError} */ e) {
    waiting = false;
    Logger.write('turn failed: ' + e);
    if (finished || voicemail) {
      return;
    }
    failedTurns++;
    if ((e.code !== undefined && e.code >= 400 && e.code < 500) || failedTurns >= MAX_FAILED_TURNS) {
      // 4xx: the platform refuses this call's turns (it ended there: voicemail, failed, lost); or the platform is
      // down. Asking the callee to repeat would loop (silence → turn → refused → repeat …) for as long as they listen.
      call.hangup();
      return;
    }
    say(config.phrases.repeat, 'listen');
  });
}

/**
 * The OpenAI Realtime server event Voximplant delivers with a RealtimeAPIEvents event.
 * @param {OpenAI._RealtimeAPIEvent} e
 * @returns {ServerEvent}
 */
function serverEvent(e) {
  // The declarations type data as a plain Object; Voximplant puts the server event in data.payload.
  return (e.data && e.data.payload) || {};
}

function startRealtime() {
  if (!config.realtime) {
    failRealtime();
    return;
  }
  openRealtime(config.realtime);
}

// The callee hears the model only once the greeting is over and the session has our instructions and tools.
function bridgeWhenReady() {
  if (greeted && sessionReady && realtime && !bridged && !finished) {
    bridged = true;
    VoxEngine.sendMediaBetween(call, realtime);
  }
}

// Realtime cannot start: apologise (after the greeting, if it is still playing) and hang up.
function failRealtime() {
  realtimeFailed = true;
  closeRealtime();
  if (greeted && !finished) {
    say(config.phrases.unavailable, 'hangup');
  }
}

/** @param {RealtimeConfig} rt */
function openRealtime(rt) {
  OpenAI.createRealtimeAPIClient({ apiKey: rt.api_key, model: rt.model, type: OpenAI.RealtimeAPIClientType.REALTIME }).then(function (client) {
    realtime = client;
    client.addEventListener(OpenAI.RealtimeAPIEvents.SessionCreated, function () {
      client.sessionUpdate({ session: {
        type: 'realtime',
        instructions: rt.instructions,
        tools: rt.tools,
        audio: {
          input: { transcription: { model: rt.transcription_model, language: rt.language }, turn_detection: { type: 'server_vad' } },
          output: { voice: rt.voice }
        } } });
    });
    // The session carries our instructions and tools only now.
    client.addEventListener(OpenAI.RealtimeAPIEvents.SessionUpdated, function () {
      sessionReady = true;
      bridgeWhenReady();
    });
    client.addEventListener(OpenAI.RealtimeAPIEvents.Error, function (e) {
      var d = serverEvent(e);
      Logger.write('realtime error: ' + (d.error && d.error.message));
      if (!sessionReady && !finished) {
        // The session never took our configuration: a model without instructions must not talk to the callee.
        failRealtime();
      }
    });
    // Barge-in: the callee's voice stops what the model is saying.
    client.addEventListener(OpenAI.RealtimeAPIEvents.InputAudioBufferSpeechStarted, function () {
      client.clearMediaBuffer();
    });
    client.addEventListener(OpenAI.RealtimeAPIEvents.ConversationItemInputAudioTranscriptionCompleted, function (e) {
      var d = serverEvent(e);
      if (d.transcript) {
        postTranscript('user', d.transcript);
      }
    });
    client.addEventListener(OpenAI.RealtimeAPIEvents.ResponseOutputAudioTranscriptDone, function (e) {
      var d = serverEvent(e);
      if (d.transcript) {
        postTranscript('assistant', d.transcript);
      }
    });
    client.addEventListener(OpenAI.RealtimeAPIEvents.ResponseFunctionCallArgumentsDone, function (e) {
      var d = serverEvent(e);
      event({ event: 'Tool', name: d.name, arguments: d.arguments, tool_call_id: d.call_id }).then(function (r) {
        if (r.action === 'transfer' || r.action === 'hangup') {
          closeRealtime();
          say(r.say || config.phrases.unavailable, r.action);
          return;
        }
        client.conversationItemCreate({ item: { type: 'function_call_output', call_id: d.call_id, output: r.output || '' } });
        client.responseCreate({});
      }, function (err) {
        // The model waits for this call's output and says nothing until it comes: the callee would hear silence.
        Logger.write('tool call failed: ' + err);
        if (!finished) {
          closeRealtime();
          say(config.phrases.unavailable, 'hangup');
        }
      });
    });
  }).catch(function (e) {
    Logger.write('realtime failed: ' + e);
    failRealtime();
  });
}

/**
 * @param {string} role
 * @param {string} text
 */
function postTranscript(role, text) {
  transcripts = transcripts.then(function () {
    return event({ event: 'Transcript', role: role, text: text });
  }).catch(function (e) {
    Logger.write('transcript not posted: ' + e);
  });
}

function closeRealtime() {
  if (realtime) {
    if (bridged) {
      // the call hears us (TTS) again, not the model
      realtime.stopMediaTo(call);
      call.stopMediaTo(realtime);
    }
    realtime.close();
    realtime = null;
    bridged = false;
  }
}

function transfer() {
  if (!config.operator_phone) {
    call.hangup();
    return;
  }
  var operator = VoxEngine.callPSTN(config.operator_phone, config.caller_id);
  operator.addEventListener(CallEvents.Connected, function () {
    var a = asr;
    if (a) {
      a.stop();
      asr = null;
    }
    VoxEngine.sendMediaBetween(call, operator);
    event({ event: 'Transferred' });
  });
  operator.addEventListener(CallEvents.Failed, function () {
    say(config.phrases.operator_busy, 'hangup');
  });
  operator.addEventListener(CallEvents.Disconnected, function () { call.hangup(); });
}

function finish() {
  if (finished) {
    return;
  }
  finished = true;
  clearSilence();
  if (recorder) {
    recorder.stop();
  }
  closeRealtime();
  event({ event: 'Disconnected' }).then(end, end);
}

function end() {
  VoxEngine.terminate();
}

/**
 * @param {Object<string, any>} body
 * @returns {Promise<WebhookAnswer>}
 */
function event(body) {
  body.type = 'event';
  body.call_id = callId;
  return post(body, config.call_key);
}

// ---- signed webhook ------------------------------------------------------------------------------------------

/**
 * @param {Object<string, any>} body
 * @param {string} key
 * @returns {Promise<any>}
 */
function post(body, key) {
  var json = JSON.stringify(body);
  var t = String(Math.floor(Date.now() / 1000));
  var nonce = randomHex(16);
  var signature = 't=' + t + ',n=' + nonce + ',s=' + hmacSha256Hex(key, t + '.' + nonce + '.' + json);
  return Net.httpRequestAsync(WEBHOOK_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-clinicai-signature': signature },
    postData: json,
    timeout: HTTP_TIMEOUT_S,
    connectionTimeout: HTTP_CONNECT_TIMEOUT_S
  }).then(function (res) {
    if (res.code !== 200 || res.text === undefined) {
      var err = /** @type {WebhookError} */ (new Error('webhook answered ' + res.code + ': ' + (res.text || res.error || '')));
      err.code = res.code;
      throw err;
    }
    return JSON.parse(res.text);
  });
}

/**
 * "Yandex.Neural.ru_RU_alena" → VoiceList.Yandex.Neural.ru_RU_alena; undefined when the path names nothing.
 * @param {any} root VoiceList or ASRProfileList (namespaces the declarations cannot index by a string)
 * @param {string} dotted
 * @returns {any}
 */
function path(root, dotted) {
  var node = root;
  var parts = String(dotted).split('.');
  for (var i = 0; i < parts.length && node !== undefined && node !== null; i++) {
    node = node[parts[i]];
  }
  return node;
}

/** @param {number} bytes */
function randomHex(bytes) {
  var out = '';
  for (var i = 0; i < bytes; i++) {
    out += ('0' + Math.floor(Math.random() * 256).toString(16)).slice(-2);
  }
  return out;
}

// HMAC-SHA256 in plain JavaScript. VoxEngine has Crypto.hmac_sha256(key, data): string, but neither its declarations
// nor its documentation say how the digest is encoded (hex? base64? raw?); this one is checked against javax.crypto
// by ScenarioHmacTest.
/** @param {string} s */
function utf8(s) {
  /** @type {number[]} */
  var bytes = [];
  var enc = unescape(encodeURIComponent(s));
  for (var i = 0; i < enc.length; i++) {
    bytes.push(enc.charCodeAt(i));
  }
  return bytes;
}

var K256 = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];

/**
 * @param {number[]} bytes
 * @returns {number[]}
 */
function sha256(bytes) {
  var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  var msg = bytes.slice();
  var bitLen = bytes.length * 8;
  msg.push(0x80);
  while (msg.length % 64 !== 56) {
    msg.push(0);
  }
  var hi = Math.floor(bitLen / 0x100000000);
  var lo = bitLen >>> 0;
  msg.push((hi >>> 24) & 255, (hi >>> 16) & 255, (hi >>> 8) & 255, hi & 255,
    (lo >>> 24) & 255, (lo >>> 16) & 255, (lo >>> 8) & 255, lo & 255);
  var w = new Array(64);
  for (var off = 0; off < msg.length; off += 64) {
    for (var i = 0; i < 16; i++) {
      w[i] = (msg[off + 4 * i] << 24) | (msg[off + 4 * i + 1] << 16) | (msg[off + 4 * i + 2] << 8) | msg[off + 4 * i + 3];
    }
    for (i = 16; i < 64; i++) {
      var x = w[i - 15];
      var y = w[i - 2];
      var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (i = 0; i < 64; i++) {
      var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      var ch = (e & f) ^ (~e & g);
      var t1 = (k + S1 + ch + K256[i] + w[i]) | 0;
      var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      var maj = (a & b) ^ (a & c) ^ (b & c);
      var t2 = (S0 + maj) | 0;
      k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
  }
  /** @type {number[]} */
  var out = [];
  for (i = 0; i < 8; i++) {
    out.push((h[i] >>> 24) & 255, (h[i] >>> 16) & 255, (h[i] >>> 8) & 255, h[i] & 255);
  }
  return out;
}

/**
 * @param {string} key
 * @param {string} data
 * @returns {string} lower-case hex
 */
function hmacSha256Hex(key, data) {
  var k = utf8(key);
  if (k.length > 64) {
    k = sha256(k);
  }
  while (k.length < 64) {
    k.push(0);
  }
  /** @type {number[]} */
  var ipad = [];
  /** @type {number[]} */
  var opad = [];
  for (var i = 0; i < 64; i++) {
    ipad.push(k[i] ^ 0x36);
    opad.push(k[i] ^ 0x5c);
  }
  var inner = sha256(ipad.concat(utf8(data)));
  var mac = sha256(opad.concat(inner));
  var hex = '';
  for (i = 0; i < mac.length; i++) {
    hex += ('0' + mac[i].toString(16)).slice(-2);
  }
  return hex;
}
