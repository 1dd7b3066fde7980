// The SCORM player, on the content origin (never the product's): hosts scorm-again's runtime as
// window.API (1.2) or window.API_1484_11 (2004) and opens the SCO in the frame below, so a SCO finds
// the API by walking up its parents. It talks only to the lesson page that frames it, by
// postMessage, checking the origin and the sender: the page hands it a SCO with its saved state,
// and it hands back each commit (Commit, Terminate, autocommit) and 2004 navigation requests; asked
// to, it stores the whole package for offline play, or drops it.
(function () {
  'use strict';
  var root = document.documentElement;
  var product = root.getAttribute('data-product-origin');
  var pkg = root.getAttribute('data-package');
  var v12 = root.getAttribute('data-version') === '1.2';
  var frame = document.getElementById('sco');

  function send(message) {
    window.parent.postMessage(message, product);
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map
      .call(b, function (x) {
        return (x + 256).toString(16).slice(1);
      })
      .join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function num(value) {
    return value === '' || value === undefined || value === null || isNaN(Number(value)) ? undefined : Number(value);
  }
  function text(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = '0' + s;
    return s;
  }
  function timeOf(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = Math.round((seconds % 60) * 100) / 100;
    return v12 ? pad(h, 4) + ':' + pad(m, 2) + ':' + pad(Math.floor(s), 2) : 'PT' + h + 'H' + m + 'M' + s + 'S';
  }

  /** scorm-again's flattened commit (cmi.core.lesson_status, cmi.interactions.0.id, …) as the API's commit body. */
  function commitBody(cmi) {
    var pre = v12 ? 'cmi.core.' : 'cmi.';
    var interactions = [];
    for (var i = 0; cmi['cmi.interactions.' + i + '.id'] !== undefined; i++) {
      var at = 'cmi.interactions.' + i + '.';
      interactions.push({
        id: cmi[at + 'id'],
        type: text(cmi[at + 'type']),
        learnerResponse: text(cmi[at + (v12 ? 'student_response' : 'learner_response')]),
        result: text(cmi[at + 'result']),
        weighting: num(cmi[at + 'weighting']),
        latency: text(cmi[at + 'latency']),
      });
    }
    return {
      lessonStatus: v12 ? text(cmi['cmi.core.lesson_status']) : undefined,
      completionStatus: v12 ? undefined : text(cmi['cmi.completion_status']),
      successStatus: v12 ? undefined : text(cmi['cmi.success_status']),
      scoreRaw: num(cmi[pre + 'score.raw']),
      scoreMin: num(cmi[pre + 'score.min']),
      scoreMax: num(cmi[pre + 'score.max']),
      scoreScaled: v12 ? undefined : num(cmi['cmi.score.scaled']),
      location: v12 ? cmi['cmi.core.lesson_location'] || '' : cmi['cmi.location'] || '',
      suspendData: cmi['cmi.suspend_data'] || '',
      sessionTime: text(cmi[pre + 'session_time']),
      interactions: interactions,
    };
  }

  /** Every commit a launch's runtime makes goes to the lesson page, which saves it with the learner's session. */
  function relayFor(session) {
    return {
      processHttpRequest: function (_url, params, _immediate, _log, _listeners, meta) {
        var body = commitBody(params);
        body.commitId = uuid();
        body.sessionId = session.id;
        body.sequence = ++session.sequence;
        body.baseRevision = session.baseRevision;
        send({ type: 'scorm:commit', scoId: session.scoId, body: body, terminate: !!(meta && meta.isTerminateCommit) });
        return { result: 'true', errorCode: 0 };
      },
      updateSettings: function () {},
    };
  }

  function launch(message) {
    var sco = message.sco;
    var state = sco.state;
    var Api = v12 ? window.Scorm12API : window.Scorm2004API;
    var session = { id: uuid(), scoId: sco.identifier, sequence: 0, baseRevision: state ? state.revision : 0 };
    var navRequest = null;
    var api = new Api({
      lmsCommitUrl: 'postmessage',
      dataCommitFormat: 'flattened',
      autocommit: true,
      autocommitSeconds: 30,
      logLevel: 5,
      httpService: relayFor(session),
      scoItemIds: message.scoIds,
    });
    var cmi = api.cmi;
    var core = v12 ? cmi.core : cmi;
    if (v12) {
      core.student_id = message.learner.id;
      core.student_name = message.learner.name;
    } else {
      cmi.learner_id = message.learner.id;
      cmi.learner_name = message.learner.name;
    }
    if (state) {
      core.entry = 'resume';
      if (v12) {
        core.lesson_location = state.location;
        if (state.lessonStatus) core.lesson_status = state.lessonStatus;
      } else {
        cmi.location = state.location;
        if (state.completionStatus) cmi.completion_status = state.completionStatus;
        if (state.successStatus) cmi.success_status = state.successStatus;
      }
      cmi.suspend_data = state.suspendData;
      core.total_time = timeOf(state.totalSeconds || 0);
    } else {
      core.entry = 'ab-initio';
    }
    api.on(v12 ? 'LMSFinish' : 'Terminate', function () {
      send({ type: 'scorm:finished', scoId: sco.identifier, navRequest: navRequest });
    });
    if (!v12)
      api.on('SetValue.adl.nav.request', function (_element, value) {
        navRequest = value;
      });
    if (v12) window.API = api;
    else window.API_1484_11 = api;
    frame.src = '/scorm-content/' + pkg + '/' + sco.launch;
  }

  // What this player loads is kept on the device (scorm-sw.js), so the package plays again offline.
  var registered =
    'serviceWorker' in navigator
      ? navigator.serviceWorker.register('/scorm-player/sw.js', { scope: '/' })
      : Promise.reject(new Error('No service worker here.'));
  registered.catch(function () {});

  /**
   * The whole package on the device (its course was saved for offline), into the cache scorm-sw.js
   * answers from: this page and its scripts (the worker may not have been there to keep them as they
   * loaded), then every file of the package, each step told to the page. A browser that lets this
   * origin keep nothing (a private window, sites' data blocked, or a framed site of another site than
   * the product's) is said to the page; so is a network that fails part-way, and the next visit
   * online stores what is missing.
   */
  function save() {
    var base = '/scorm-content/' + pkg + '/';
    var own = [location.href].concat(
      [].map.call(document.querySelectorAll('script[src]'), function (s) {
        return s.src;
      }),
    );
    var storage = window.caches
      ? registered.then(function () {
          return caches.open('chadavkhi-scorm-content');
        })
      : Promise.reject(new Error('No cache storage here.'));
    storage.then(
      function (cache) {
        return fetch('/scorm-player/' + pkg + '/files')
          .then(function (r) {
            return r.json();
          })
          .then(function (list) {
            var urls = own.concat(
              list.files.map(function (path) {
                return base + path.split('/').map(encodeURIComponent).join('/');
              }),
            );
            return urls.reduce(function (chain, url, n) {
              return chain
                .then(function () {
                  // The player's page may change with a release; the rest never changes under its address.
                  return n === 0 ? null : cache.match(url);
                })
                .then(function (hit) {
                  // Marked, so the worker passes it on without keeping a second copy of what this stores.
                  return hit || cache.add(new Request(url, { headers: { 'x-chadavkhi-storing': '1' } }));
                })
                .then(function () {
                  send({ type: 'scorm:saving', done: n + 1, total: urls.length });
                });
            }, Promise.resolve());
          })
          .then(function () {
            send({ type: 'scorm:saved' });
          })
          .catch(function () {
            send({ type: 'scorm:save-failed' });
          });
      },
      function () {
        send({ type: 'scorm:save-refused' });
      },
    );
  }

  /** The package's files and this page off the device (its course was removed from it); the runtime stays, for other packages. */
  function drop() {
    var mine = ['/scorm-content/' + pkg + '/', '/scorm-player/' + pkg];
    (window.caches ? caches.open('chadavkhi-scorm-content') : Promise.reject(new Error('No cache storage here.')))
      .then(function (cache) {
        return cache.keys().then(function (keys) {
          return Promise.all(
            keys
              .filter(function (request) {
                var path = new URL(request.url).pathname;
                return path.indexOf(mine[0]) === 0 || path === mine[1] || path.indexOf(mine[1] + '/') === 0;
              })
              .map(function (request) {
                return cache.delete(request);
              }),
          );
        });
      })
      .catch(function () {})
      .then(function () {
        send({ type: 'scorm:removed' });
      });
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== product || event.source !== window.parent) return;
    var message = event.data;
    if (message && message.type === 'scorm:launch' && message.sco && message.sco.launch) launch(message);
    else if (message && message.type === 'scorm:save') save();
    else if (message && message.type === 'scorm:remove') drop();
  });
  // No runtime: a browser without ES modules, or one older than the module's syntax (2020), ran no
  // scorm-again; the page says so rather than frame a package that cannot report.
  send({ type: (v12 ? window.Scorm12API : window.Scorm2004API) ? 'scorm:ready' : 'scorm:unsupported' });
})();
