// The sample package's own script: finds the SCORM 1.2 API the standard way (walking up the
// frames), resumes at the page it was left on (cmi.core.lesson_location), keeps the pages seen in
// suspend data, and reports the check: two interactions, a score and passed/failed (mastery 50).
(function () {
  'use strict';
  function findApi() {
    var w = window;
    for (var n = 0; w && n < 10; n++) {
      if (w.API) return w.API;
      if (!w.parent || w.parent === w) break;
      w = w.parent;
    }
    return window.opener && window.opener.API;
  }
  var api = findApi();
  var started = Date.now();
  var pages = 4;
  var page = 1;
  var seen = {};
  if (api) {
    api.LMSInitialize('');
    var at = Number(api.LMSGetValue('cmi.core.lesson_location'));
    if (at >= 1 && at <= pages) page = at;
    (api.LMSGetValue('cmi.suspend_data') || '').split(',').forEach(function (p) {
      if (p) seen[p] = true;
    });
    if (api.LMSGetValue('cmi.core.lesson_status') === 'not attempted') api.LMSSetValue('cmi.core.lesson_status', 'incomplete');
  }

  function sessionTime() {
    var s = Math.round((Date.now() - started) / 1000);
    var pad = function (n, w) {
      n = String(n);
      while (n.length < w) n = '0' + n;
      return n;
    };
    return pad(Math.floor(s / 3600), 4) + ':' + pad(Math.floor((s % 3600) / 60), 2) + ':' + pad(s % 60, 2);
  }

  function show(n) {
    page = n;
    seen[n] = true;
    for (var i = 1; i <= pages; i++) document.getElementById('page-' + i).hidden = i !== n;
    document.getElementById('back').disabled = n === 1;
    document.getElementById('forward').disabled = n === pages;
    document.getElementById('progress').textContent = n + ' / ' + pages;
    if (api) {
      api.LMSSetValue('cmi.core.lesson_location', String(n));
      api.LMSSetValue('cmi.suspend_data', Object.keys(seen).join(','));
      api.LMSCommit('');
    }
    var heading = document.querySelector('#page-' + n + ' h1, #page-' + n + ' h2');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }

  document.getElementById('back').addEventListener('click', function () {
    if (page > 1) show(page - 1);
  });
  document.getElementById('forward').addEventListener('click', function () {
    if (page < pages) show(page + 1);
  });

  document.getElementById('check').addEventListener('submit', function (event) {
    event.preventDefault();
    var q1 = (document.querySelector('input[name=q1]:checked') || {}).value || '';
    var q2 = (document.querySelector('input[name=q2]:checked') || {}).value || '';
    var right = (q1 === 'b' ? 1 : 0) + (q2 === 'true' ? 1 : 0);
    var score = right * 50;
    var passed = score >= 50;
    if (api) {
      var answer = function (i, id, type, response, correct) {
        api.LMSSetValue('cmi.interactions.' + i + '.id', id);
        api.LMSSetValue('cmi.interactions.' + i + '.type', type);
        api.LMSSetValue('cmi.interactions.' + i + '.student_response', response);
        api.LMSSetValue('cmi.interactions.' + i + '.result', correct ? 'correct' : 'wrong');
        api.LMSSetValue('cmi.interactions.' + i + '.weighting', '1');
      };
      answer(0, 'declare-first', 'choice', q1, q1 === 'b');
      answer(1, 'gift-conflict', 'true-false', q2 === 'true' ? 't' : q2 === 'false' ? 'f' : '', q2 === 'true');
      api.LMSSetValue('cmi.core.score.raw', String(score));
      api.LMSSetValue('cmi.core.score.min', '0');
      api.LMSSetValue('cmi.core.score.max', '100');
      api.LMSSetValue('cmi.core.lesson_status', passed ? 'passed' : 'failed');
      api.LMSSetValue('cmi.core.session_time', sessionTime());
      api.LMSCommit('');
    }
    document.getElementById('result').textContent = passed
      ? 'Тэнцлээ — ' + score + '%. Passed.'
      : 'Тэнцсэнгүй — ' + score + '%. Дахин оролдоно уу. Not passed: try again.';
  });

  window.addEventListener('pagehide', function () {
    if (api) {
      api.LMSSetValue('cmi.core.session_time', sessionTime());
      api.LMSFinish('');
      api = null;
    }
  });

  show(page);
})();
