/*
 * clinicai outbound AI call — VoxEngine scenario (runs on Voximplant; the local stack runs this same file in
 * GraalJS against its simulated VoxEngine).
 *
 * Started by StartScenarios with only the call id in script_custom_data. Everything else comes from the
 * platform's webhook (a Lambda function URL): the call's configuration and per-call key, then one signed POST per
 * event and per turn. The deploy command (README, "AI phone calls") replaces the two placeholders below.
 *
 * Modes (per call, from the configuration):
 *   asr     Voximplant's streaming ASR gives the callee's words; the platform answers with the LLM; the callee may
 *           interrupt (barge-in stops playback).
 *   record  the callee's speech is recorded per turn (end of speech: the ASR's capture events, used only as a voice
 *           activity detector); the platform downloads, transcribes and answers.
 *   realtime after the greeting (TTS), the call's media is bridged to OpenAI Realtime through Voximplant's OpenAI
 *           module with the instructions, voice, tools and an ephemeral key from the configuration; tool calls go to
 *           the platform (event Tool), transcripts are posted back (event Transcript).
 * Tools the model may call: transfer_to_operator (dial the operator, bridge the media) and end_call.
 */
require(Modules.ASR);
require(Modules.AMD);
require(Modules.OpenAI);

var WEBHOOK_URL = '{{WEBHOOK_URL}}';
var SCENARIO_KEY = '{{SCENARIO_KEY}}';
var SILENCE_MS = 8000;

var callId = null;
var config = null;
var call = null;
var asr = null;
var speaking = false;      // our TTS is playing
var waiting = false;       // a turn is at the platform
var interrupted = false;   // the callee spoke over our last phrase
var afterSpeech = null;    // what to do when the current phrase ends: 'listen' | 'hangup' | 'transfer'
var silenceTimer = null;
var recording = false;
var finished = false;
var transferring = false;
var realtime = null;       // the OpenAI Realtime client (realtime mode)

VoxEngine.addEventListener(AppEvents.Started, function () {
  callId = VoxEngine.customData();
  post({ type: 'config', call_id: callId }, SCENARIO_KEY).then(function (cfg) {
    config = cfg;
    dial();
  }).catch(function (e) {
    Logger.write('config failed: ' + e);
    VoxEngine.terminate();
  });
});

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
  call.addEventListener(CallEvents.RecordStopped, function (e) {
    recording = false;
    if (config.mode === 'record' && !finished) {
      sendTurn({ record_url: e.url, duration: e.duration });
    }
  });
}

function onConnected() {
  event({ event: 'Connected' });
  if (config.mode === 'realtime') {
    say(config.greeting, 'realtime');
    return;
  }
  asr = VoxEngine.createASR({ profile: path(ASRProfileList, config.asr_profile), singleUtterance: false, interimResults: false });
  asr.addEventListener(ASREvents.CaptureStarted, onSpeechStarted);
  asr.addEventListener(ASREvents.SpeechCaptureStopped, function () {
    if (config.mode === 'record' && recording) {
      call.stopRecording();
    }
  });
  asr.addEventListener(ASREvents.Result, function (e) {
    if (config.mode === 'asr' && !finished && e.text) {
      sendTurn({ text: e.text, interrupted: interrupted });
    }
  });
  call.sendMediaTo(asr);
  say(config.greeting, 'listen');
}

function onAmd(resultClass) {
  if (resultClass !== 'VOICEMAIL' || finished) {
    return;
  }
  event({ event: 'AMD', result: resultClass }).then(function (r) {
    if (speaking) {
      call.stopPlayback();
    }
    say(r.say || config.voicemail_message, 'hangup');
  });
}

// Barge-in: the callee's voice stops our phrase.
function onSpeechStarted() {
  clearSilence();
  if (speaking) {
    interrupted = true;
    call.stopPlayback();
    speaking = false;
    afterSpeech = null;
  }
  if (config.mode === 'record' && !recording && !waiting) {
    recording = true;
    call.record({ hd_audio: true });
  }
}

function say(text, then) {
  speaking = true;
  afterSpeech = then;
  call.say(text, { language: path(VoiceList, config.voice) });
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
    startRealtime();
  } else if (next === 'listen') {
    interrupted = false;
    armSilence();
  }
}

function armSilence() {
  clearSilence();
  silenceTimer = setTimeout(function () {
    silenceTimer = null;
    if (!finished && !waiting && !speaking) {
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

function sendTurn(body) {
  clearSilence();
  waiting = true;
  body.type = 'turn';
  body.call_id = callId;
  post(body, config.call_key).then(function (r) {
    waiting = false;
    if (finished) {
      return;
    }
    var then = r.action === 'hangup' ? 'hangup' : r.action === 'transfer' ? 'transfer' : 'listen';
    say(r.say, then);
  }).catch(function (e) {
    waiting = false;
    Logger.write('turn failed: ' + e);
    if (!finished) {
      say(config.language === 'kk' ? 'Кешіріңіз, қайталаңызшы.' : 'Извините, повторите, пожалуйста.', 'listen');
    }
  });
}

function startRealtime() {
  var rt = config.realtime;
  OpenAI.createRealtimeAPIClient({ apiKey: rt.api_key, model: rt.model }).then(function (client) {
    realtime = client;
    // Barge-in: the callee's voice stops what the model is saying.
    client.addEventListener(OpenAI.RealtimeAPIEvents.InputAudioBufferSpeechStarted, function () {
      client.clearMediaBuffer();
    });
    client.addEventListener(OpenAI.RealtimeAPIEvents.ConversationItemInputAudioTranscriptionCompleted, function (e) {
      var d = e.data || e;
      event({ event: 'Transcript', role: 'user', text: d.transcript });
    });
    client.addEventListener(OpenAI.RealtimeAPIEvents.ResponseAudioTranscriptDone, function (e) {
      var d = e.data || e;
      event({ event: 'Transcript', role: 'assistant', text: d.transcript });
    });
    client.addEventListener(OpenAI.RealtimeAPIEvents.ResponseFunctionCallArgumentsDone, function (e) {
      var d = e.data || e;
      event({ event: 'Tool', name: d.name, arguments: d.arguments, tool_call_id: d.call_id }).then(function (r) {
        client.conversationItemCreate({ item: { type: 'function_call_output', call_id: d.call_id, output: r.output || '' } });
        if (r.action === 'transfer' || r.action === 'hangup') {
          client.close();
          realtime = null;
          say(r.say, r.action);
        } else {
          client.responseCreate({});
        }
      });
    });
    client.sessionUpdate({ session: {
      instructions: rt.instructions, voice: rt.voice, tools: rt.tools,
      input_audio_transcription: { model: 'gpt-transcribe' }, turn_detection: { type: 'server_vad' } } });
    VoxEngine.sendMediaBetween(call, client);
  }).catch(function (e) {
    Logger.write('realtime failed: ' + e);
    say(config.language === 'kk' ? 'Кешіріңіз, қазір сөйлесе алмаймын.' : 'Извините, сейчас не получается поговорить.', 'hangup');
  });
}

function transfer() {
  if (!config.operator_phone) {
    call.hangup();
    return;
  }
  transferring = true;
  var operator = VoxEngine.callPSTN(config.operator_phone, config.caller_id);
  operator.addEventListener(CallEvents.Connected, function () {
    if (asr) {
      asr.stop();
    }
    VoxEngine.sendMediaBetween(call, operator);
    event({ event: 'Transferred' });
  });
  operator.addEventListener(CallEvents.Failed, function () {
    transferring = false;
    say(config.language === 'kk' ? 'Оператор қазір бос емес. Сізге кейін хабарласамыз.' : 'Оператор сейчас занят. Мы вам перезвоним.', 'hangup');
  });
  operator.addEventListener(CallEvents.Disconnected, function () { call.hangup(); });
}

function finish() {
  if (finished) {
    return;
  }
  finished = true;
  clearSilence();
  event({ event: 'Disconnected' }).then(end, end);
}

function end() {
  VoxEngine.terminate();
}

function event(body) {
  body.type = 'event';
  body.call_id = callId;
  return post(body, config.call_key);
}

// ---- signed webhook ------------------------------------------------------------------------------------------

function post(body, key) {
  var json = JSON.stringify(body);
  var t = String(Math.floor(Date.now() / 1000));
  var nonce = randomHex(16);
  var signature = 't=' + t + ',n=' + nonce + ',s=' + hmacSha256Hex(key, t + '.' + nonce + '.' + json);
  return Net.httpRequestAsync(WEBHOOK_URL, {
    method: 'POST',
    headers: ['Content-Type: application/json', 'x-clinicai-signature: ' + signature],
    postData: json
  }).then(function (res) {
    if (res.code !== 200) {
      throw new Error('webhook answered ' + res.code + ': ' + res.text);
    }
    return JSON.parse(res.text);
  });
}

// "Yandex.Neural.ru_RU_alena" → VoiceList.Yandex.Neural.ru_RU_alena
function path(root, dotted) {
  var node = root;
  var parts = String(dotted).split('.');
  for (var i = 0; i < parts.length; i++) {
    node = node[parts[i]];
  }
  return node;
}

function randomHex(bytes) {
  var out = '';
  for (var i = 0; i < bytes; i++) {
    out += ('0' + Math.floor(Math.random() * 256).toString(16)).slice(-2);
  }
  return out;
}

// HMAC-SHA256 in plain JavaScript: VoxEngine's own crypto helpers could not be confirmed, this runs anywhere.
function utf8(s) {
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
  var out = [];
  for (i = 0; i < 8; i++) {
    out.push((h[i] >>> 24) & 255, (h[i] >>> 16) & 255, (h[i] >>> 8) & 255, h[i] & 255);
  }
  return out;
}

function hmacSha256Hex(key, data) {
  var k = utf8(key);
  if (k.length > 64) {
    k = sha256(k);
  }
  while (k.length < 64) {
    k.push(0);
  }
  var ipad = [];
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
