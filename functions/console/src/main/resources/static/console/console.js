// The console's only script (CSP: script-src 'self'): toasts, the test-chat dialog, JSON uploads.
(function () {
  'use strict';
  function csrfHeaders() {
    var token = document.querySelector('meta[name=csrf-token]');
    var header = document.querySelector('meta[name=csrf-header]');
    var h = {'Content-Type': 'application/json', 'Accept': 'application/json'};
    if (token && header) { h[header.content] = token.content; }
    return h;
  }
  function showError(text) {
    var el = document.getElementById('js-toast');
    if (!el || !window.bootstrap) { return; }
    el.querySelector('.toast-body').textContent = text;
    bootstrap.Toast.getOrCreateInstance(el).show();
  }
  async function postJson(url, body) {
    var response = await fetch(url, {method: 'POST', headers: csrfHeaders(), body: JSON.stringify(body),
      credentials: 'same-origin'});
    var data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (!response.ok) { throw new Error(data.message || ('Ошибка ' + response.status)); }
    return data;
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.toast:not(#js-toast)').forEach(function (t) {
      bootstrap.Toast.getOrCreateInstance(t, {delay: 8000}).show();
    });
    document.querySelectorAll('form[data-confirm]').forEach(function (f) {
      f.addEventListener('submit', function (e) {
        if (!window.confirm(f.getAttribute('data-confirm'))) { e.preventDefault(); }
      });
    });

    // Test chat: one conversation per dialog; "Очистить диалог" starts a new one.
    var modal = document.getElementById('test-dialog');
    if (modal) {
      var log = modal.querySelector('[data-testid=test-log]');
      var input = modal.querySelector('[data-testid=test-input]');
      var title = modal.querySelector('.modal-title');
      var state = {assistant: null, conversation: null};
      document.querySelectorAll('[data-test-assistant]').forEach(function (b) {
        b.addEventListener('click', function () {
          state.assistant = b.getAttribute('data-test-assistant');
          state.conversation = null;
          log.textContent = '';
          title.textContent = 'Тест: ' + b.getAttribute('data-test-name');
          bootstrap.Modal.getOrCreateInstance(modal).show();
        });
      });
      function add(role, text) {
        var div = document.createElement('div');
        div.className = 'msg-' + role;
        div.setAttribute('data-testid', 'test-msg-' + role);
        var span = document.createElement('span');
        span.textContent = text;
        div.appendChild(span);
        log.appendChild(div);
        log.scrollTop = log.scrollHeight;
      }
      modal.querySelector('form').addEventListener('submit', async function (e) {
        e.preventDefault();
        var text = input.value.trim();
        if (!text) { return; }
        input.value = '';
        add('user', text);
        try {
          var data = await postJson('/console/assistants/' + encodeURIComponent(state.assistant) + '/test',
            {conversation_id: state.conversation, message: text});
          state.conversation = data.conversation_id;
          add('assistant', data.reply);
        } catch (err) { showError(err.message); }
      });
      modal.querySelector('[data-testid=test-clear]').addEventListener('click', async function () {
        try {
          if (state.conversation) {
            await postJson('/console/assistants/' + encodeURIComponent(state.assistant) + '/test/clear',
              {conversation_id: state.conversation});
          }
          state.conversation = null;
          log.textContent = '';
        } catch (err) { showError(err.message); }
      });
    }

    // Small files go to the console as JSON (base64); larger ones straight to S3 through a presigned URL.
    var upload = document.getElementById('upload-form');
    if (upload) {
      upload.addEventListener('submit', async function (e) {
        e.preventDefault();
        var file = upload.querySelector('input[type=file]').files[0];
        if (!file) { showError('Выберите файл'); return; }
        var store = upload.getAttribute('data-store');
        var limit = parseInt(upload.getAttribute('data-inline-limit'), 10);
        try {
          if (file.size <= limit) {
            var bytes = new Uint8Array(await file.arrayBuffer());
            var binary = '';
            for (var i = 0; i < bytes.length; i += 0x8000) {
              binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
            }
            await postJson('/console/files/' + store + '/upload', {filename: file.name, content_base64: btoa(binary)});
          } else {
            var target = await postJson('/console/files/' + store + '/upload-url', {filename: file.name, size: file.size});
            var put = await fetch(target.url, {method: 'PUT', body: file});
            if (!put.ok) { throw new Error('S3 отказал: ' + put.status); }
            await postJson('/console/files/' + store + '/from-s3', {key: target.key, filename: file.name});
          }
          window.location.reload();
        } catch (err) { showError(err.message); }
      });
    }
  });
})();
