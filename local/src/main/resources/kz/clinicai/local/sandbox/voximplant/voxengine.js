/*
 * The sandbox's simulated VoxEngine (NOT Voximplant's): the globals a scenario uses, built on the Java host
 * object __host (kz.clinicai.local.sandbox.voximplant.scenario.ScenarioSession). Events reach objects through
 * __dispatch(targetId, eventName, eventJson). Module namespaces (ASR, AMD, OpenAI) exist only after require(),
 * as on the real platform.
 */
(function (global) {
  'use strict';
  var host = __host;
  var targets = {};

  function Emitter(id) {
    this.__id = id;
    this.__listeners = {};
    targets[id] = this;
  }
  Emitter.prototype.addEventListener = function (ev, fn) {
    if (typeof ev !== 'string') {
      throw new TypeError('addEventListener: unknown event ' + ev);
    }
    (this.__listeners[ev] = this.__listeners[ev] || []).push(fn);
  };
  Emitter.prototype.removeEventListener = function (ev, fn) {
    var list = this.__listeners[ev] || [];
    var i = list.indexOf(fn);
    if (i >= 0) {
      list.splice(i, 1);
    }
  };

  global.__dispatch = function (id, ev, json) {
    var target = targets[id];
    if (!target) {
      return;
    }
    var e = JSON.parse(json);
    e.name = ev;
    if (target instanceof Call) {
      e.call = target;
    }
    var list = (target.__listeners[ev] || []).slice();
    for (var i = 0; i < list.length; i++) {
      list[i](e);
    }
  };

  // A path into VoiceList / ASRProfileList: any member exists; the leaf serialises to its dotted name.
  function pathProxy(prefix) {
    return new Proxy({}, {
      get: function (t, p) {
        if (p === 'toJSON' || p === 'toString' || p === Symbol.toPrimitive) {
          return function () { return prefix; };
        }
        if (typeof p !== 'string') {
          return undefined;
        }
        return pathProxy(prefix ? prefix + '.' + p : p);
      }
    });
  }

  global.AppEvents = { Started: 'Application.Started', Terminating: 'Application.Terminating' };
  global.CallEvents = {
    Connected: 'Call.Connected', Disconnected: 'Call.Disconnected', Failed: 'Call.Failed',
    PlaybackFinished: 'Call.PlaybackFinished', RecordStarted: 'Call.RecordStarted', RecordStopped: 'Call.RecordStopped'
  };
  global.VoiceList = pathProxy('');
  global.Modules = { ASR: 'ASR', AMD: 'AMD', OpenAI: 'OpenAI' };

  function Call(id, number) {
    Emitter.call(this, id);
    this.__number = number;
  }
  Call.prototype = Object.create(Emitter.prototype);
  Call.prototype.id = function () { return this.__id; };
  Call.prototype.number = function () { return this.__number; };
  Call.prototype.say = function (text, params) {
    host.command(this.__id, 'say', JSON.stringify({ text: String(text), params: params || {} }));
  };
  Call.prototype.stopPlayback = function () { host.command(this.__id, 'stopPlayback', '{}'); };
  Call.prototype.record = function (params) { host.command(this.__id, 'record', JSON.stringify(params || {})); };
  Call.prototype.stopRecording = function () { host.command(this.__id, 'stopRecording', '{}'); };
  Call.prototype.hangup = function () { host.command(this.__id, 'hangup', '{}'); };
  Call.prototype.sendMediaTo = function (target) {
    host.command(this.__id, 'sendMediaTo', JSON.stringify({ target: target.__id }));
  };

  function ASR(id) {
    Emitter.call(this, id);
  }
  ASR.prototype = Object.create(Emitter.prototype);
  ASR.prototype.stop = function () { host.command(this.__id, 'stop', '{}'); };

  function RealtimeClient(id) {
    Emitter.call(this, id);
  }
  RealtimeClient.prototype = Object.create(Emitter.prototype);
  ['sessionUpdate', 'responseCreate', 'conversationItemCreate', 'clearMediaBuffer', 'close'].forEach(function (op) {
    RealtimeClient.prototype[op] = function (params) {
      host.command(this.__id, op, JSON.stringify(params || {}));
    };
  });

  function Detector(id) {
    Emitter.call(this, id);
  }
  Detector.prototype = Object.create(Emitter.prototype);

  var app = new Emitter('app');
  global.VoxEngine = {
    addEventListener: function (ev, fn) { app.addEventListener(ev, fn); },
    removeEventListener: function (ev, fn) { app.removeEventListener(ev, fn); },
    customData: function (value) {
      if (value !== undefined) {
        host.command('app', 'customData', JSON.stringify({ value: String(value) }));
        return undefined;
      }
      return host.customData();
    },
    callPSTN: function (number, callerid, params) {
      var p = params || {};
      var answer = JSON.parse(host.command('app', 'callPSTN', JSON.stringify({
        number: String(number), callerid: callerid === undefined ? null : String(callerid),
        amd: p.amd ? p.amd.__id : null
      })));
      return new Call(answer.id, String(number));
    },
    createASR: function (params) {
      if (!global.ASRProfileList) {
        throw new ReferenceError('ASR module is not loaded: require(Modules.ASR)');
      }
      var answer = JSON.parse(host.command('app', 'createASR', JSON.stringify(params || {})));
      return new ASR(answer.id);
    },
    sendMediaBetween: function (a, b) {
      host.command('app', 'sendMediaBetween', JSON.stringify({ a: a.__id, b: b.__id }));
    },
    terminate: function () { host.command('app', 'terminate', '{}'); }
  };

  global.require = function (module) {
    if (module === 'ASR' && !global.ASRProfileList) {
      global.ASRProfileList = pathProxy('');
      global.ASREvents = {
        Started: 'ASR.Started', CaptureStarted: 'ASR.CaptureStarted', SpeechCaptureStopped: 'ASR.SpeechCaptureStopped',
        InterimResult: 'ASR.InterimResult', Result: 'ASR.Result', Stopped: 'ASR.Stopped', ASRError: 'ASR.ASRError'
      };
    } else if (module === 'AMD' && !global.AMD) {
      global.AMD = {
        Model: { RU: 'ru', KZ: 'kz' },
        Events: { DetectionComplete: 'AMD.DetectionComplete', DetectionError: 'AMD.DetectionError' },
        create: function (params) {
          var answer = JSON.parse(host.command('app', 'createAMD', JSON.stringify(params || {})));
          return new Detector(answer.id);
        }
      };
    } else if (module === 'OpenAI' && !global.OpenAI) {
      // SIMPLIFICATION: no audio and no Realtime socket; the simulator turns the callee's words into transcription
      // events and answers them turn by turn with the OpenAI sandbox's Responses rule model.
      global.OpenAI = {
        RealtimeAPIEvents: {
          SessionUpdated: 'OpenAI.Realtime.SessionUpdated',
          InputAudioBufferSpeechStarted: 'OpenAI.Realtime.InputAudioBufferSpeechStarted',
          ConversationItemInputAudioTranscriptionCompleted: 'OpenAI.Realtime.ConversationItemInputAudioTranscriptionCompleted',
          ResponseAudioTranscriptDone: 'OpenAI.Realtime.ResponseAudioTranscriptDone',
          ResponseFunctionCallArgumentsDone: 'OpenAI.Realtime.ResponseFunctionCallArgumentsDone',
          ResponseDone: 'OpenAI.Realtime.ResponseDone',
          Error: 'OpenAI.Realtime.Error'
        },
        createRealtimeAPIClient: function (params) {
          var answer = JSON.parse(host.command('app', 'createRealtime', JSON.stringify(params || {})));
          return Promise.resolve(new RealtimeClient(answer.id));
        }
      };
    }
  };

  global.Logger = { write: function (text) { host.log(String(text)); } };

  global.Net = {
    // Resolves with {code, text, headers}; network failures resolve with a negative code, as VoxEngine's does.
    httpRequestAsync: function (url, options) {
      return new Promise(function (resolve) {
        host.http(String(url), JSON.stringify(options || {}), function (json) { resolve(JSON.parse(json)); });
      });
    }
  };

  global.setTimeout = function (fn, ms) { return host.setTimeout(fn, ms === undefined ? 0 : Number(ms)); };
  global.clearTimeout = function (id) { if (id !== null && id !== undefined) { host.clearTimeout(id); } };
})(globalThis);
