// A package lesson's page (product origin): frames the player from the content origin, hands it
// each SCO with its saved state, and saves the commits it hands back with the learner's session —
// the only channel between package code and the API. Messages are taken only from the player frame
// at the content origin. Loaded on package lessons only.
(function () {
  'use strict';
  var section = document.getElementById('scorm-lesson');
  if (!section || !window.fetch || !window.postMessage) return;
  var data = section.dataset;
  var origin = new URL(data.player).origin;
  var api = data.api;
  var status = document.getElementById('scorm-status');
  var items = [].slice.call(section.querySelectorAll('li[data-launch]'));
  var scoIds = items
    .filter(function (li) {
      return li.dataset.sco === 'true';
    })
    .map(function (li) {
      return li.dataset.id;
    });
  var lesson;
  var current = -1;
  var ready = false;
  var saving = Promise.resolve();

  var stage = document.createElement('iframe');
  stage.title = data.frameTitle;
  stage.className = 'scorm-frame';
  stage.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups');
  stage.setAttribute('allow', 'fullscreen');
  section.querySelector('.scorm-stage').appendChild(stage);
  section.classList.add('scorm-live');

  function say(text) {
    status.textContent = text;
  }

  function mark(id, state) {
    var li = items.filter(function (i) {
      return i.dataset.id === id;
    })[0];
    if (li) li.querySelector('.scorm-state').textContent = state.done ? data.doneText : data.startedText;
  }

  function launch(index) {
    if (index < 0 || index >= items.length) return;
    current = index;
    var id = items[index].dataset.id;
    var item = lesson.items.filter(function (i) {
      return i.identifier === id;
    })[0];
    items.forEach(function (li, n) {
      if (n === index) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    });
    document.getElementById('scorm-previous').disabled = index === 0;
    document.getElementById('scorm-next').disabled = index === items.length - 1;
    stage.contentWindow.postMessage(
      { type: 'scorm:launch', sco: item, scoIds: scoIds, learner: { id: data.learnerId, name: data.learnerName } },
      origin,
    );
  }

  /** A commit the network did not take waits on the device, in app.js's queue, for /api/v1/sync. */
  function keep(scoId, body) {
    var user = document.getElementById('offline-status');
    var commit = JSON.parse(JSON.stringify(body));
    delete commit.commitId;
    try {
      var items = JSON.parse(localStorage.getItem('chadavkhi.offline-queue') || '[]');
      items.push({
        id: body.commitId,
        type: 'scorm.committed',
        userId: user && user.getAttribute('data-user'),
        enrollmentId: data.enrollment,
        lessonId: data.lesson,
        scoId: scoId,
        commit: commit,
        occurredAt: new Date().toISOString(),
      });
      localStorage.setItem('chadavkhi.offline-queue', JSON.stringify(items));
      say(data.queuedText);
    } catch (e) {
      say(data.failedText);
    }
  }

  function save(scoId, body) {
    saving = saving.then(function () {
      return fetch(api + '/' + encodeURIComponent(scoId), {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': data.csrf },
        body: JSON.stringify(body),
      })
        .then(function (response) {
          return response.json().then(function (answer) {
            if (response.status === 409) return say(data.staleText);
            if (response.status >= 500) return keep(scoId, body);
            if (!response.ok) return say(data.failedText);
            var item = lesson.items.filter(function (i) {
              return i.identifier === scoId;
            })[0];
            if (item) item.state = answer.state;
            mark(scoId, answer.state);
            if (answer.lessonCompleted) {
              say(data.completedText);
              var next = document.getElementById('scorm-next-lesson');
              if (next) next.hidden = false;
            }
          });
        })
        .catch(function () {
          keep(scoId, body);
        });
    });
  }

  /** SCORM 2004 navigation requests a SCO makes as it ends: continue, previous, or a choice. */
  function navigate(request) {
    if (!request) return;
    var choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(request);
    if (request === 'continue') launch(current + 1);
    else if (request === 'previous') launch(current - 1);
    else if (choice)
      launch(
        items
          .map(function (li) {
            return li.dataset.id;
          })
          .indexOf(choice[1]),
      );
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin || event.source !== stage.contentWindow) return;
    var message = event.data || {};
    if (message.type === 'scorm:ready' && !ready) {
      ready = true;
      // A course saved for offline (app.js) has its package stored too, by the player's origin.
      if (window.caches)
        caches.has('chadavkhi-course-' + data.enrollment).then(function (saved) {
          if (saved) stage.contentWindow.postMessage({ type: 'scorm:save' }, origin);
        });
      var first = items
        .map(function (li) {
          return li.dataset.done !== 'true';
        })
        .indexOf(true);
      launch(Math.max(first, 0));
    } else if (message.type === 'scorm:unsupported') {
      section.classList.remove('scorm-live');
      stage.remove();
      say(data.unsupportedText);
    } else if (message.type === 'scorm:save-refused') {
      say(data.notStoredText);
    } else if (message.type === 'scorm:commit' && typeof message.scoId === 'string' && message.body) {
      save(message.scoId, message.body);
    } else if (message.type === 'scorm:finished' && message.navRequest) {
      saving.then(function () {
        navigate(String(message.navRequest));
      });
    }
  });

  items.forEach(function (li, index) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'link';
    button.textContent = li.querySelector('.scorm-title').textContent;
    button.addEventListener('click', function () {
      launch(index);
    });
    li.querySelector('.scorm-title').replaceWith(button);
  });
  document.getElementById('scorm-previous').addEventListener('click', function () {
    launch(current - 1);
  });
  document.getElementById('scorm-next').addEventListener('click', function () {
    launch(current + 1);
  });

  // The saved state comes from the server (in the page), so another device resumes where this one stopped.
  lesson = JSON.parse(document.getElementById('scorm-state').textContent);
  stage.src = data.player;
})();
