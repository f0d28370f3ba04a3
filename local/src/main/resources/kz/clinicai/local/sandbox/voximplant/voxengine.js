/*
 * The sandbox's simulated VoxEngine (NOT Voximplant's), built on the Java host object
 * (kz.clinicai.local.sandbox.voximplant.scenario.ScenarioSession.Host).
 *
 * It offers only names the official declarations (voximplant/voxengine-ci typings/voxengine.d.ts) define, with the
 * declared enum values — VoxEngineSurfaceTest enumerates every global, enum member, module, method and parameter key
 * offered here and fails on any the declarations lack. Whatever else a scenario touches is undefined, as on the real
 * platform; listeners for undefined events, unknown parameter keys and wrong parameter shapes throw (loudly, where the
 * platform would silently do the wrong thing). Module namespaces (ASR, Recorder, OpenAI) appear only after require();
 * AMD is global. Nothing internal is global: this file evaluates to a function the host calls once, which returns the
 * dispatcher the host fires events through.
 */
(function (global, host) {
  'use strict';

  // GraalJS's own shell helpers are not VoxEngine's: a scenario must not find them.
  ['print', 'printErr', 'console', 'load', 'loadWithNewGlobal', 'Graal', 'quit', 'Polyglot', 'Java'].forEach(function (name) {
    try {
      delete global[name];
    } catch (e) {
      global[name] = undefined;
    }
  });

  /** Parameter keys the declarations define, per interface (VoxEngineSurfaceTest checks each against the .d.ts). */
  var PARAMS = {
    'CallSayParameters': ['voice', 'progressivePlayback', 'ttsOptions', 'request'],
    'CallRecordParameters': ['stereo', 'dict', 'labels', 'provider', 'format', 'secure', 'transcribe', 'language',
      'hd_audio', 'expire', 'lossless', 'video', 'videoParameters', 'recordNamePrefix'],
    'CallPSTNParameters': ['amd', 'followDiversion'],
    'ASRParameters': ['profile', 'model', 'interimResults', 'singleUtterance', 'phraseHints', 'profanityFilter', 'headers',
      'request'],
    'RecorderParameters': ['name', 'provider', 'secure', 'transcribe', 'language', 'hd_audio', 'expire', 'lossless',
      'video', 'videoParameters', 'recordNamePrefix'],
    'AMD.AMDParameters': ['model', 'timeout', 'thresholds'],
    'Net.HttpRequestOptions': ['method', 'postData', 'headers', 'params', 'rawOutput', 'timeout', 'connectionTimeout',
      'enableSystemLog'],
    'OpenAI.RealtimeAPIClientParameters': ['apiKey', 'model', 'type', 'onWebSocketClose', 'statistics', 'trace']
  };

  function checkParams(iface, params, required) {
    if (params === undefined || params === null) {
      if (required) {
        throw new TypeError(iface + ' is required');
      }
      return {};
    }
    if (typeof params !== 'object' || Array.isArray(params)) {
      throw new TypeError(iface + ' must be an object');
    }
    Object.keys(params).forEach(function (k) {
      if (PARAMS[iface].indexOf(k) < 0) {
        throw new TypeError(iface + ' has no parameter \'' + k + '\' (it takes ' + PARAMS[iface].join(', ') + ')');
      }
    });
    return params;
  }

  function freeze(o) {
    return Object.freeze(o);
  }

  // ---- events ------------------------------------------------------------------------------------------------

  var targets = {};
  // Internal state lives here, not on the objects: a scenario finds only declared names on them.
  var meta = new WeakMap();

  /** @param events the enum objects whose values this target fires */
  function Emitter(target, targetId, kind, events) {
    meta.set(target, { id: targetId, kind: kind, events: events, listeners: {} });
    targets[targetId] = target;
  }
  function accepts(m, ev) {
    for (var i = 0; i < m.events.length; i++) {
      var e = m.events[i];
      for (var k in e) {
        if (e[k] === ev) {
          return true;
        }
      }
    }
    return false;
  }
  function addEventListener(ev, fn) {
    var m = meta.get(this);
    if (typeof ev !== 'string' || !accepts(m, ev)) {
      throw new TypeError(m.kind + '.addEventListener: no such event ' + ev);
    }
    if (typeof fn !== 'function') {
      throw new TypeError(m.kind + '.addEventListener: the handler must be a function');
    }
    (m.listeners[ev] = m.listeners[ev] || []).push(fn);
  }
  function removeEventListener(ev, fn) {
    var m = meta.get(this);
    if (fn === undefined) {
      delete m.listeners[ev];
      return;
    }
    var list = m.listeners[ev] || [];
    var i = list.indexOf(fn);
    if (i >= 0) {
      list.splice(i, 1);
    }
  }
  function id() {
    return meta.get(this).id;
  }
  function idOf(o) {
    return meta.get(o).id;
  }

  function dispatch(targetId, ev, json) {
    var target = targets[targetId];
    if (!target) {
      return;
    }
    var e = JSON.parse(json);
    e.name = ev;
    if (target instanceof Call) {
      e.call = target;
    } else if (target instanceof ASR) {
      e.asr = target;
    } else if (target instanceof Recorder) {
      e.recorder = target;
    } else if (target instanceof AnsweringMachineDetector) {
      e.amd = target;
      e.call = targets[e.callId];
    } else if (target instanceof RealtimeAPIClient) {
      e.client = target;
    }
    var list = (meta.get(target).listeners[ev] || []).slice();
    for (var i = 0; i < list.length; i++) {
      list[i](e);
    }
  }

  // ---- enums (values as declared) ------------------------------------------------------------------------------

  global.AppEvents = freeze({ Started: 'Application.Started', Terminating: 'Application.Terminating',
    Terminated: 'Application.Terminated' });
  global.CallEvents = freeze({
    Connected: 'Call.Connected', Disconnected: 'Call.Disconnected', Failed: 'Call.Failed',
    PlaybackFinished: 'Call.PlaybackFinished', RecordStarted: 'Call.RecordStarted', RecordStopped: 'Call.RecordStopped'
  });
  global.Modules = freeze({ ASR: 'asr', Recorder: 'recorder', OpenAI: 'openai' });

  // VoiceList and ASRProfileList: the Russian and Kazakh members the sandbox offers (all declared; the test checks).
  // Leaves are opaque objects as on the platform: a string in their place is refused.
  var voiceNames = new WeakMap();
  var profileNames = new WeakMap();
  function tree(paths, names) {
    var root = {};
    paths.forEach(function (p) {
      var parts = p.split('.');
      var node = root;
      for (var i = 0; i < parts.length - 1; i++) {
        node = node[parts[i]] = node[parts[i]] || {};
      }
      var leaf = freeze({});
      names.set(leaf, p);
      node[parts[parts.length - 1]] = leaf;
    });
    return deepFreeze(root);
  }
  function deepFreeze(o) {
    Object.keys(o).forEach(function (k) {
      deepFreeze(o[k]);
    });
    return freeze(o);
  }
  global.VoiceList = tree([
    'Yandex.Neural.ru_RU_alena', 'Yandex.Neural.ru_RU_filipp', 'Yandex.Neural.kk_KK_amira', 'Yandex.Neural.kk_KK_madi',
    'YandexV3.kk_KK_amira', 'YandexV3.kk_KK_madi', 'YandexV3.kk_KK_saule', 'YandexV3.kk_KK_zhanar',
    'Microsoft.Neural.kk_KZ_AigulNeural', 'Microsoft.Neural.kk_KZ_DauletNeural'
  ], voiceNames);
  var profilePaths = ['Google.ru_RU', 'Google.kk_KZ', 'Microsoft.ru_RU', 'Microsoft.kk_KZ', 'Yandex.ru_RU', 'Yandex.kk_KK',
    'YandexV3.ru_RU', 'YandexV3.kk_KK'];

  // ---- call legs ---------------------------------------------------------------------------------------------

  function Call(callId, number) {
    Emitter(this, callId, 'Call', [global.CallEvents]);
    meta.get(this).number = number;
  }
  Call.prototype.addEventListener = addEventListener;
  Call.prototype.removeEventListener = removeEventListener;
  Call.prototype.id = id;
  Call.prototype.number = function () { return meta.get(this).number; };
  Call.prototype.say = function (text, parameters) {
    var p = checkParams('CallSayParameters', parameters, false);
    if (p.voice !== undefined && !voiceNames.has(p.voice)) {
      throw new TypeError('Call.say: voice must be a VoiceList member, not ' + p.voice);
    }
    host.command(idOf(this), 'say', JSON.stringify({ text: String(text),
      voice: p.voice === undefined ? null : voiceNames.get(p.voice) }));
  };
  Call.prototype.stopPlayback = function () { host.command(idOf(this), 'stopPlayback', '{}'); };
  Call.prototype.record = function (parameters) {
    host.command(idOf(this), 'record', JSON.stringify(checkParams('CallRecordParameters', parameters, true)));
  };
  Call.prototype.hangup = function () { host.command(idOf(this), 'hangup', '{}'); };
  Call.prototype.sendMediaTo = function (mediaUnit) {
    host.command(idOf(this), 'sendMediaTo', JSON.stringify({ target: unit(mediaUnit) }));
  };
  Call.prototype.stopMediaTo = function (mediaUnit) {
    host.command(idOf(this), 'stopMediaTo', JSON.stringify({ target: unit(mediaUnit) }));
  };

  function unit(mediaUnit) {
    if (!mediaUnit || typeof mediaUnit !== 'object' || !meta.has(mediaUnit)) {
      throw new TypeError('not a media unit: ' + mediaUnit);
    }
    return idOf(mediaUnit);
  }

  // ---- ASR, Recorder, AMD ------------------------------------------------------------------------------------

  function ASR(asrId) {
    Emitter(this, asrId, 'ASR', [global.ASREvents]);
  }
  ASR.prototype.addEventListener = addEventListener;
  ASR.prototype.removeEventListener = removeEventListener;
  ASR.prototype.id = id;
  ASR.prototype.stop = function () { host.command(idOf(this), 'stop', '{}'); };

  function Recorder(recorderId) {
    Emitter(this, recorderId, 'Recorder', [global.RecorderEvents]);
  }
  Recorder.prototype.addEventListener = addEventListener;
  Recorder.prototype.removeEventListener = removeEventListener;
  Recorder.prototype.id = id;
  Recorder.prototype.stop = function () { host.command(idOf(this), 'stop', '{}'); };

  function AnsweringMachineDetector(amdId) {
    Emitter(this, amdId, 'AMD.AnsweringMachineDetector', [global.AMD.Events]);
  }
  AnsweringMachineDetector.prototype.addEventListener = addEventListener;
  AnsweringMachineDetector.prototype.removeEventListener = removeEventListener;
  AnsweringMachineDetector.prototype.id = id;

  // Global, no require: the declarations have no Modules.AMD.
  global.AMD = freeze({
    Model: freeze({ BR: 'br', CL: 'cl', CO: 'colombia', KZ: 'kz', MX: 'mx', RU: 'ru', PH: 'ph', PE: 'pe', US: 'us',
      EU_GENERAL: 'eu_general' }),
    Events: freeze({ DetectionComplete: 'AMD.Events.DetectionComplete', DetectionError: 'AMD.Events.DetectionError' }),
    ResultClass: freeze({ VOICEMAIL: 'VOICEMAIL', HUMAN: 'HUMAN', TIMEOUT: 'TIMEOUT', CALL_ENDED: 'CALL_ENDED' }),
    create: function (parameters) {
      var p = checkParams('AMD.AMDParameters', parameters, true);
      var models = global.AMD.Model;
      if (Object.keys(models).map(function (k) { return models[k]; }).indexOf(p.model) < 0) {
        throw new TypeError('AMD.create: model must be an AMD.Model member, not ' + p.model);
      }
      var answer = JSON.parse(host.command('app', 'createAMD', JSON.stringify(p)));
      return new AnsweringMachineDetector(answer.id);
    }
  });

  // ---- OpenAI Realtime ---------------------------------------------------------------------------------------

  function RealtimeAPIClient(clientId) {
    Emitter(this, clientId, 'OpenAI.RealtimeAPIClient', [global.OpenAI.RealtimeAPIEvents]);
  }
  RealtimeAPIClient.prototype.addEventListener = addEventListener;
  RealtimeAPIClient.prototype.removeEventListener = removeEventListener;
  RealtimeAPIClient.prototype.id = id;
  RealtimeAPIClient.prototype.close = function () { host.command(idOf(this), 'close', '{}'); };
  RealtimeAPIClient.prototype.sendMediaTo = function (mediaUnit) {
    host.command(idOf(this), 'sendMediaTo', JSON.stringify({ target: unit(mediaUnit) }));
  };
  RealtimeAPIClient.prototype.stopMediaTo = function (mediaUnit) {
    host.command(idOf(this), 'stopMediaTo', JSON.stringify({ target: unit(mediaUnit) }));
  };
  RealtimeAPIClient.prototype.clearMediaBuffer = function () { host.command(idOf(this), 'clearMediaBuffer', '{}'); };
  // Client events: the body goes to the (simulated) Realtime API as is; the API, not VoxEngine, judges its shape.
  ['sessionUpdate', 'conversationItemCreate', 'responseCreate', 'responseCancel', 'inputAudioBufferClear'].forEach(function (op) {
    RealtimeAPIClient.prototype[op] = function (parameters) {
      if (parameters === null || typeof parameters !== 'object') {
        throw new TypeError('RealtimeAPIClient.' + op + ': parameters must be an object');
      }
      host.command(idOf(this), op, JSON.stringify(parameters));
    };
  });

  // ---- modules -----------------------------------------------------------------------------------------------

  var loaded = {};
  global.require = function (module) {
    var known = Object.keys(global.Modules).map(function (k) { return global.Modules[k]; });
    if (known.indexOf(module) < 0) {
      throw new Error('require: no such module ' + module);
    }
    if (loaded[module]) {
      return;
    }
    loaded[module] = true;
    if (module === 'asr') {
      global.ASRProfileList = tree(profilePaths, profileNames);
      global.ASREvents = freeze({
        ASRError: 'ASR.Error', Started: 'ASR.Started', CaptureStarted: 'ASR.CaptureStarted',
        SpeechCaptured: 'ASR.SpeechCaptured', Result: 'ASR.Result', InterimResult: 'ASR.InterimResult', Stopped: 'ASR.Stopped'
      });
    } else if (module === 'recorder') {
      global.RecorderEvents = freeze({ RecorderError: 'Recorder.Error', Started: 'Recorder.Started', Stopped: 'Recorder.Stopped' });
    } else if (module === 'openai') {
      // SIMPLIFICATION: no audio; the simulator turns the callee's words into transcription events and answers them
      // turn by turn with the OpenAI sandbox's Responses rule model. The session protocol (created → update → updated,
      // GA session shape, server events in data.payload) is the real one.
      global.OpenAI = freeze({
        RealtimeAPIEvents: freeze({
          Error: 'OpenAI.RealtimeAPI.Error',
          SessionCreated: 'OpenAI.RealtimeAPI.SessionCreated',
          SessionUpdated: 'OpenAI.RealtimeAPI.SessionUpdated',
          InputAudioBufferSpeechStarted: 'OpenAI.RealtimeAPI.InputAudioBufferSpeechStarted',
          ConversationItemInputAudioTranscriptionCompleted: 'OpenAI.RealtimeAPI.ConversationItemInputAudioTranscriptionCompleted',
          ResponseOutputAudioTranscriptDone: 'OpenAI.RealtimeAPI.ResponseOutputAudioTranscriptDone',
          ResponseFunctionCallArgumentsDone: 'OpenAI.RealtimeAPI.ResponseFunctionCallArgumentsDone',
          ResponseDone: 'OpenAI.RealtimeAPI.ResponseDone'
        }),
        RealtimeAPIClientType: freeze({ REALTIME: 'realtime', TRANSCRIPTION: 'transcription' }),
        createRealtimeAPIClient: function (parameters) {
          var p = checkParams('OpenAI.RealtimeAPIClientParameters', parameters, true);
          if (typeof p.apiKey !== 'string' || !p.apiKey) {
            return Promise.reject(new TypeError('OpenAI.createRealtimeAPIClient: apiKey is required'));
          }
          if (p.type !== undefined && p.type !== 'realtime') {
            return Promise.reject(new TypeError('the sandbox simulates only OpenAI.RealtimeAPIClientType.REALTIME'));
          }
          var answer = JSON.parse(host.command('app', 'createRealtime', JSON.stringify({ apiKey: p.apiKey,
            model: p.model === undefined ? 'gpt-realtime' : String(p.model) })));
          return Promise.resolve(new RealtimeAPIClient(answer.id));
        }
      });
    }
  };

  // ---- VoxEngine ---------------------------------------------------------------------------------------------

  var app = {};
  Emitter(app, 'app', 'VoxEngine', [global.AppEvents]);
  global.VoxEngine = freeze({
    addEventListener: function (ev, fn) { addEventListener.call(app, ev, fn); },
    removeEventListener: function (ev, fn) { removeEventListener.call(app, ev, fn); },
    customData: function (customData) {
      if (customData !== undefined) {
        host.command('app', 'customData', JSON.stringify({ value: String(customData) }));
      }
      return host.customData();
    },
    callPSTN: function (number, callerid, parameters) {
      var p = checkParams('CallPSTNParameters', parameters, false);
      if (p.amd !== undefined && !(p.amd instanceof AnsweringMachineDetector)) {
        throw new TypeError('CallPSTNParameters.amd must come from AMD.create');
      }
      var answer = JSON.parse(host.command('app', 'callPSTN', JSON.stringify({
        number: String(number), callerid: String(callerid), amd: p.amd ? idOf(p.amd) : null
      })));
      return new Call(answer.id, String(number));
    },
    createASR: function (parameters) {
      if (!loaded.asr) {
        throw new ReferenceError('ASR module is not loaded: require(Modules.ASR)');
      }
      var p = checkParams('ASRParameters', parameters, true);
      if (!profileNames.has(p.profile)) {
        throw new TypeError('ASRParameters.profile must be an ASRProfileList member, not ' + p.profile);
      }
      var answer = JSON.parse(host.command('app', 'createASR', JSON.stringify({ profile: profileNames.get(p.profile) })));
      return new ASR(answer.id);
    },
    createRecorder: function (parameters) {
      if (!loaded.recorder) {
        throw new ReferenceError('Recorder module is not loaded: require(Modules.Recorder)');
      }
      var answer = JSON.parse(host.command('app', 'createRecorder',
        JSON.stringify(checkParams('RecorderParameters', parameters, false))));
      return new Recorder(answer.id);
    },
    sendMediaBetween: function (mediaUnit1, mediaUnit2) {
      host.command('app', 'sendMediaBetween', JSON.stringify({ a: unit(mediaUnit1), b: unit(mediaUnit2) }));
    },
    terminate: function () { host.command('app', 'terminate', '{}'); }
  });

  global.Logger = freeze({ write: function (message) { host.log(String(message)); } });

  global.Net = freeze({
    // Resolves with {code, text, headers: [{key, value}], error}; network failures resolve with a negative code.
    httpRequestAsync: function (url, options) {
      var o = checkParams('Net.HttpRequestOptions', options, false);
      if (o.headers !== undefined && (o.headers === null || typeof o.headers !== 'object' || Array.isArray(o.headers))) {
        return Promise.reject(new TypeError('Net.HttpRequestOptions.headers must be an object {name: value}'));
      }
      return new Promise(function (resolve) {
        host.http(String(url), JSON.stringify(o), function (json) { resolve(JSON.parse(json)); });
      });
    }
  });

  global.setTimeout = function (callback, timeout) {
    return host.setTimeout(callback, timeout === undefined ? 0 : Number(timeout));
  };
  global.clearTimeout = function (timeoutID) {
    if (timeoutID !== null && timeoutID !== undefined) {
      host.clearTimeout(timeoutID);
    }
  };

  // What the host (and the surface test) may reach; never a global.
  return freeze({ dispatch: dispatch, params: PARAMS });
})
