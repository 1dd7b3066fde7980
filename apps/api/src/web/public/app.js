// Progressive enhancement for slow and intermittent connections. Every page works without this
// file; with it, the service worker keeps saved courses readable offline, lesson completions made
// offline wait on the device (each with an id made here) and are sent when the connection returns.
(function () {
  'use strict';
  var QUEUE_KEY = 'chadavkhi.offline-queue';
  var FLASH_KEY = 'chadavkhi.flash';
  var COURSE_CACHE = 'chadavkhi-course-';
  var ATTEMPT_CACHE = 'chadavkhi-attempt-';
  var status = document.getElementById('offline-status');
  var text = function (name, values) {
    var s = (status && status.getAttribute('data-t-' + name)) || '';
    Object.keys(values || {}).forEach(function (k) {
      s = s.split('{{' + k + '}}').join(String(values[k]));
    });
    return s;
  };
  var csrf = function () {
    var input = document.querySelector('input[name="_csrf"]');
    return input ? input.value : null;
  };
  var me = status ? status.getAttribute('data-user') : null;
  /** What the copy of a course saved on this device says of itself (title, version, size, packages), or null. */
  var savedCopy = function (enrollmentId) {
    return caches
      .open(COURSE_CACHE + enrollmentId)
      .then(function (c) {
        return c.match('/__offline__/' + enrollmentId + '.json');
      })
      .then(function (r) {
        return r ? r.json() : null;
      });
  };

  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(function () {});

  // ---- the queue of what was done offline ----
  function readQueue() {
    try {
      return JSON.parse(localStorage.getItem(QUEUE_KEY) || '[]');
    } catch (e) {
      return [];
    }
  }
  function writeQueue(items) {
    localStorage.setItem(QUEUE_KEY, JSON.stringify(items));
    showPending();
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
  function mine() {
    return readQueue().filter(function (i) {
      return i.userId === me;
    });
  }
  function say(message) {
    if (!status || !message) return;
    status.textContent = message;
    status.hidden = false;
  }
  function showPending() {
    var n = mine().length;
    if (n) say(text(navigator.onLine ? 'sending' : 'pending', { count: n }));
  }

  var flushing = false;
  function flush() {
    var items = mine();
    var token = csrf();
    if (flushing || !items.length || !navigator.onLine || !token) return Promise.resolve();
    flushing = true;
    // Lessons done, surveys answered and packages' commits made offline go in one batch, each with the id made here.
    var lessons = items
      .filter(function (i) {
        return i.type === 'lesson.completed' || i.type === 'survey.answered' || i.type === 'scorm.committed';
      })
      .slice(0, 1000);
    var forms = items.filter(function (i) {
      return i.type === 'quiz.form';
    });
    var sendLessons = !lessons.length
      ? Promise.resolve()
      : fetch('/api/v1/sync', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', 'x-csrf-token': token },
          body: JSON.stringify({
            items: lessons.map(function (i) {
              return {
                id: i.id,
                type: i.type,
                enrollmentId: i.enrollmentId,
                lessonId: i.lessonId,
                answers: i.answers,
                scoId: i.scoId,
                commit: i.commit,
                occurredAt: i.occurredAt,
              };
            }),
          }),
        })
          .then(function (r) {
            if (!r.ok) throw new Error(String(r.status));
            return r.json();
          })
          .then(function (result) {
            var done = {};
            result.items.forEach(function (o) {
              done[o.id] = o;
            });
            writeQueue(
              readQueue().filter(function (i) {
                return !done[i.id];
              }),
            );
            say(text('sent', { applied: result.applied + result.duplicate, refused: result.refused }));
          });
    // Quiz answers go to the attempt's own form address: graded there, once, if before the deadline.
    var sendForms = forms.reduce(function (chain, item) {
      return chain.then(function () {
        var body = new URLSearchParams(item.body);
        body.set('_csrf', token);
        return fetch(item.action, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: body.toString(),
        }).then(function (r) {
          if (r.status >= 500) throw new Error(String(r.status));
          writeQueue(
            readQueue().filter(function (i) {
              return i.id !== item.id;
            }),
          );
          if ('caches' in window) caches.delete(ATTEMPT_CACHE + item.attemptId);
          say(text('answers-sent'));
        });
      });
    }, Promise.resolve());
    return Promise.all([sendLessons, sendForms])
      .catch(function () {
        showPending();
      })
      .then(function () {
        flushing = false;
      });
  }
  window.addEventListener('online', flush);
  window.addEventListener('offline', showPending);

  // ---- "Mark as done" while offline: queue it and go on to the next lesson (saved on the device) ----
  var completeForm = document.querySelector('form[data-offline-complete]');
  if (completeForm) {
    completeForm.addEventListener('submit', function (event) {
      if (navigator.onLine) return;
      event.preventDefault();
      var items = readQueue();
      items.push({
        id: uuid(),
        type: 'lesson.completed',
        userId: me,
        enrollmentId: completeForm.getAttribute('data-enrollment'),
        lessonId: completeForm.getAttribute('data-lesson'),
        occurredAt: new Date().toISOString(),
      });
      writeQueue(items);
      sessionStorage.setItem(FLASH_KEY, text('queued'));
      location.href = completeForm.getAttribute('data-next');
    });
    var lessonId = completeForm.getAttribute('data-lesson');
    if (
      mine().some(function (i) {
        return i.lessonId === lessonId;
      })
    )
      say(text('queued-here'));
  }
  // ---- a quiz started to be answered offline: keep its page here, and its answers until online ----
  var attemptForm = document.querySelector('form[data-offline-attempt]');
  if (attemptForm) {
    var attemptId = attemptForm.getAttribute('data-offline-attempt');
    if ('caches' in window && navigator.onLine) {
      // The page as the server drew it: questions and options, never an answer or explanation.
      caches
        .open(ATTEMPT_CACHE + attemptId)
        .then(function (cache) {
          return cache.add(location.pathname);
        })
        .catch(function () {});
    }
    attemptForm.addEventListener('submit', function (event) {
      if (navigator.onLine) return;
      event.preventDefault();
      var fields = [];
      new FormData(attemptForm).forEach(function (value, name) {
        if (name !== '_csrf') fields.push([name, String(value)]);
      });
      var items = readQueue().filter(function (i) {
        return !(i.type === 'quiz.form' && i.attemptId === attemptId);
      });
      items.push({
        id: uuid(),
        type: 'quiz.form',
        userId: me,
        attemptId: attemptId,
        action: attemptForm.getAttribute('action'),
        body: fields,
        occurredAt: new Date().toISOString(),
      });
      writeQueue(items);
      sessionStorage.setItem(FLASH_KEY, text('answers-queued'));
      location.href = attemptForm.getAttribute('data-back');
    });
  }
  // ---- the course survey answered offline: kept here, sent with the lessons when online ----
  var surveyForm = document.querySelector('form[data-offline-survey]');
  if (surveyForm) {
    var surveyOf = surveyForm.getAttribute('data-offline-survey');
    // A saved copy drawn before the course was completed: offline, the survey can still be answered.
    if (surveyForm.hidden && !navigator.onLine) {
      surveyForm.hidden = false;
      var note = document.querySelector('[data-offline-survey-note]');
      if (note) note.hidden = false;
    }
    surveyForm.addEventListener('submit', function (event) {
      if (navigator.onLine) return;
      event.preventDefault();
      var answers = {};
      new FormData(surveyForm).forEach(function (value, name) {
        if (name.indexOf('answer-') === 0 && String(value) !== '') answers[name.slice(7)] = String(value);
      });
      var items = readQueue().filter(function (i) {
        return !(i.type === 'survey.answered' && i.enrollmentId === surveyOf);
      });
      items.push({
        id: uuid(),
        type: 'survey.answered',
        userId: me,
        enrollmentId: surveyOf,
        answers: answers,
        occurredAt: new Date().toISOString(),
      });
      writeQueue(items);
      sessionStorage.setItem(FLASH_KEY, text('survey-queued'));
      location.href = surveyForm.getAttribute('data-back');
    });
  }
  var flash = sessionStorage.getItem(FLASH_KEY);
  if (flash) {
    sessionStorage.removeItem(FLASH_KEY);
    say(flash);
  }

  // ---- "Save for offline" on a course's page ----
  var box = document.getElementById('offline-save');
  if (box && 'caches' in window && 'serviceWorker' in navigator) {
    var enrollmentId = box.getAttribute('data-enrollment');
    var cacheName = COURSE_CACHE + enrollmentId;
    var metaUrl = '/__offline__/' + enrollmentId + '.json';
    var state = box.querySelector('[data-state]');
    // The saving bar is made here, so the page's one <progress> without JavaScript is the course's.
    var bar = document.createElement('progress');
    bar.hidden = true;
    bar.setAttribute('aria-label', box.querySelector('h2').textContent);
    state.parentNode.insertBefore(bar, state.nextSibling);
    var save = box.querySelector('[data-action="save"]');
    var remove = box.querySelector('[data-action="remove"]');
    var t = function (name, values) {
      var s = box.getAttribute('data-t-' + name) || '';
      Object.keys(values || {}).forEach(function (k) {
        s = s.split('{{' + k + '}}').join(String(values[k]));
      });
      return s;
    };
    var kb = function (bytes) {
      return Math.max(1, Math.round(bytes / 1024));
    };
    box.hidden = false;

    var readMeta = function () {
      return savedCopy(enrollmentId);
    };
    var render = function (meta) {
      save.hidden = !!meta && navigator.onLine === false;
      remove.hidden = !meta;
      save.textContent = meta ? t('update') : t('save');
      var usage =
        navigator.storage && navigator.storage.estimate ? navigator.storage.estimate() : Promise.resolve(null);
      return usage.then(function (u) {
        state.textContent = meta
          ? t('saved', { kb: kb(meta.bytes), date: new Date(meta.savedAt).toLocaleDateString() })
          : t('not-saved');
        if (u && u.usage !== undefined) state.textContent += ' ' + t('storage', { kb: kb(u.usage) });
        if (meta && meta.packagesOnline) state.textContent += ' ' + t('packages-online');
      });
    };
    /**
     * A SCORM package's files live on its content origin, where only its player can store them: the
     * player is framed here, unseen, and asked to store the package (scorm:save; it tells each file
     * it stores, then whether it could: a browser may let that origin keep nothing, and the package
     * then plays only online) or to drop it (scorm:remove).
     */
    var askPlayer = function (playerUrl, ask, progress) {
      return new Promise(function (resolve) {
        var origin = new URL(playerUrl).origin;
        var frame = document.createElement('iframe');
        frame.hidden = true;
        frame.setAttribute('sandbox', 'allow-scripts allow-same-origin');
        var timer;
        var finish = function (outcome) {
          clearTimeout(timer);
          window.removeEventListener('message', listen);
          frame.remove();
          resolve(outcome);
        };
        // No word from the player for a minute (it did not load, or the connection stalled): not done.
        var wait = function () {
          clearTimeout(timer);
          timer = setTimeout(function () {
            finish('failed');
          }, 60000);
        };
        var listen = function (event) {
          if (event.origin !== origin || event.source !== frame.contentWindow) return;
          var message = event.data || {};
          wait();
          if (message.type === 'scorm:ready') frame.contentWindow.postMessage({ type: ask }, origin);
          else if (message.type === 'scorm:saving' && progress) progress(message.done, message.total);
          else if (message.type === 'scorm:saved' || message.type === 'scorm:removed') finish('done');
          else if (message.type === 'scorm:save-refused' || message.type === 'scorm:unsupported') finish('refused');
          else if (message.type === 'scorm:save-failed') finish('failed');
        };
        window.addEventListener('message', listen);
        wait();
        frame.src = playerUrl;
        document.body.appendChild(frame);
      });
    };
    /** The packages that can play here (their player has an address), each stored by its player. */
    var storePackages = function (playable, pagesDone) {
      var outcome = { bytes: 0, online: 0, stored: [] };
      return playable
        .reduce(function (chain, pkg, i) {
          return chain.then(function () {
            return askPlayer(pkg.playerUrl, 'scorm:save', function (done, total) {
              bar.value = pagesDone + i + done / total;
              state.textContent = t('saving-package', { n: i + 1, count: playable.length, done: done, total: total });
            }).then(function (result) {
              if (result === 'failed') throw new Error('A package was not stored.');
              if (result === 'done') {
                outcome.bytes += pkg.bytes;
                outcome.stored.push({ sha256: pkg.packageSha256, playerUrl: pkg.playerUrl });
              } else outcome.online++;
            });
          });
        }, Promise.resolve())
        .then(function () {
          return outcome;
        });
    };
    /**
     * Of these packages, those no course saved on this device lists any more (its copy removed, or
     * saved again at a version without them), dropped from the device by their player.
     */
    var dropUnlisted = function (packages) {
      if (!packages.length) return Promise.resolve();
      return caches
        .keys()
        .then(function (keys) {
          return Promise.all(
            keys
              .filter(function (k) {
                return k.indexOf(COURSE_CACHE) === 0;
              })
              .map(function (k) {
                return savedCopy(k.slice(COURSE_CACHE.length));
              }),
          );
        })
        .then(function (saved) {
          var listed = {};
          saved.forEach(function (meta) {
            ((meta && meta.packages) || []).forEach(function (p) {
              listed[p.sha256] = true;
            });
          });
          return packages
            .filter(function (p) {
              return !listed[p.sha256];
            })
            .reduce(function (chain, p) {
              return chain.then(function () {
                return askPlayer(p.playerUrl, 'scorm:remove');
              });
            }, Promise.resolve());
        })
        .catch(function () {});
    };
    var store = function () {
      save.disabled = true;
      var before = [];
      return readMeta()
        .then(function (previous) {
          before = (previous && previous.packages) || [];
          return fetch('/api/v1/enrollments/' + enrollmentId + '/offline', { credentials: 'same-origin' });
        })
        .then(function (r) {
          if (!r.ok) throw new Error(String(r.status));
          return r.json();
        })
        .then(function (manifest) {
          // The course survey too, so it can be answered offline once the last lesson is done.
          var urls = manifest.pages.concat(['/learn/' + enrollmentId + '/survey'], manifest.images);
          var bytes = 0;
          var done = 0;
          var packages = (manifest.packages || []).filter(function (p) {
            return p.playerUrl;
          });
          bar.max = urls.length + packages.length;
          bar.value = 0;
          bar.hidden = false;
          return caches
            .delete(cacheName)
            .then(function () {
              return caches.open(cacheName);
            })
            .then(function (cache) {
              return urls
                .reduce(function (chain, url) {
                  return chain.then(function () {
                    return fetch(url, { credentials: 'same-origin' })
                      .then(function (r) {
                        if (!r.ok) throw new Error(url + ' ' + r.status);
                        return r
                          .clone()
                          .blob()
                          .then(function (b) {
                            bytes += b.size;
                            return cache.put(url, r);
                          });
                      })
                      .then(function () {
                        bar.value = ++done;
                        state.textContent = t('saving', { done: done, total: urls.length });
                      });
                  });
                }, Promise.resolve())
                .then(function () {
                  return storePackages(packages, urls.length);
                })
                .then(function (stored) {
                  var meta = {
                    version: manifest.version,
                    title: manifest.title,
                    savedAt: new Date().toISOString(),
                    bytes: bytes + stored.bytes,
                    urls: urls,
                    packagesOnline: stored.online,
                    packages: stored.stored,
                  };
                  return cache
                    .put(
                      metaUrl,
                      new Response(JSON.stringify(meta), { headers: { 'content-type': 'application/json' } }),
                    )
                    .then(function () {
                      return meta;
                    });
                });
            });
        })
        .then(function (meta) {
          // A package the previous copy stored and this one does not (a new version replaced it).
          return dropUnlisted(before).then(function () {
            return meta;
          });
        })
        .then(function (meta) {
          bar.hidden = true;
          save.disabled = false;
          return render(meta);
        })
        .catch(function () {
          bar.hidden = true;
          save.disabled = false;
          state.textContent = t('failed');
        });
    };
    save.addEventListener('click', store);
    remove.addEventListener('click', function () {
      remove.disabled = true;
      readMeta()
        .then(function (meta) {
          return caches.delete(cacheName).then(function () {
            return dropUnlisted((meta && meta.packages) || []);
          });
        })
        .then(function () {
          remove.disabled = false;
          return render(null);
        });
    });
    readMeta().then(function (meta) {
      // Refresh the saved copy only when the pinned version is not the one saved.
      var pinned = Number(box.getAttribute('data-version'));
      if (meta && navigator.onLine && meta.version !== pinned) return store();
      return render(meta);
    });
  }

  // ---- the offline page: which courses are saved on this device ----
  var savedList = document.getElementById('saved-courses');
  if (savedList && 'caches' in window) {
    caches.keys().then(function (keys) {
      var ids = keys
        .filter(function (k) {
          return k.indexOf(COURSE_CACHE) === 0;
        })
        .map(function (k) {
          return k.slice(COURSE_CACHE.length);
        });
      ids.forEach(function (id) {
        savedCopy(id).then(function (meta) {
          if (!meta) return;
          var li = document.createElement('li');
          var a = document.createElement('a');
          a.href = '/learn/' + id;
          a.textContent = meta.title;
          li.appendChild(a);
          savedList.appendChild(li);
        });
      });
      savedList.hidden = !ids.length;
    });
  }

  // Signing out clears the saved courses from this device (another person may use it next); what
  // was finished offline stays queued for its owner and goes out when they next sign in here.
  var signout = document.querySelector('form.signout');
  if (signout && 'caches' in window) {
    signout.addEventListener('submit', function (event) {
      event.preventDefault();
      caches
        .keys()
        .then(function (keys) {
          return Promise.all(
            keys
              .filter(function (k) {
                return k.indexOf(COURSE_CACHE) === 0 || k.indexOf(ATTEMPT_CACHE) === 0;
              })
              .map(function (k) {
                return caches.delete(k);
              }),
          );
        })
        .catch(function () {})
        .then(function () {
          signout.submit();
        });
    });
  }

  showPending();
  flush();
})();
